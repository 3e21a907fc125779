/**
 * Issue 24, start-up: `survey-toolkit report` loads each output format's renderer only when that format is asked for
 * (exceljs alone was ~0.25 s of every report's start-up), and each format still works through its lazy import.
 * What was loaded is read from module hooks (record-imports.mjs) preloaded into the real CLI process.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-lazy-'));
const input = join(dir, 'staff.jsonl');
const PRELOAD = `--import=${pathToFileURL(join(import.meta.dirname, 'record-imports.mjs')).href}`;

beforeAll(async () => {
  const run = await runCli(['seed', '--survey', 'staff-workstyle', '--count', '30', '--seed', '3', '--out', input]);
  expect(run.code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a report and returns the module URLs it loaded, relative to the repository where they are ours. */
async function loadedBy(format: string, out: string): Promise<string[]> {
  const record = join(dir, `${format}.imports.txt`);
  const run = await runCli(['report', '--survey', 'staff-workstyle', '--input', input, '--no-text', '--format', format, '--out', out], {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${PRELOAD}`, RECORD_IMPORTS_TO: record },
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (await readFile(record, 'utf8')).split('\n');
}

/**
 * Whether a module was loaded: from its source, or from the report's bundle (cli/report/bundled-module.ts), where a
 * lazily imported file is a chunk of its own named after it (`render-markdown-HASH.mjs`).
 */
const loads = (urls: string[], path: string) => {
  const chunk = new RegExp(`/node_modules/\\.cache/survey-toolkit/[^/]+/${path.split('/').pop()!.replace(/\.ts$/, '')}(-[A-Z0-9]+)?\\.mjs$`);
  return urls.some((url) => url.includes(path) || (path.endsWith('.ts') && chunk.test(url)));
};

/** The bundle of cli/report/report-entry.ts that bin/survey-toolkit.js loads for `report` (it holds commands/report.ts). */
const REPORT_ENTRY_BUNDLE = /\/node_modules\/\.cache\/survey-toolkit\/report-entry-[^/]+\/report-entry\.mjs$/;
const loadsCommand = (urls: string[]) => loads(urls, '/cli/commands/report.ts') || urls.some((url) => REPORT_ENTRY_BUNDLE.test(url));

describe('report loads only what its format needs', () => {
  it('--help and a usage error load neither the definitions (survey-core, zod) nor the analysis', async () => {
    for (const args of [['report', '--help'], ['report', '--survey', 'staff-workstyle']]) {
      const record = join(dir, `help-${args.length}.imports.txt`);
      const run = await runCli(args, { env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${PRELOAD}`, RECORD_IMPORTS_TO: record } });
      expect(run.code).toBe(args.length === 2 ? 0 : 2);
      expect(args.length === 2 ? run.stdout : run.stderr).toMatch(/survey-toolkit report --survey ID --input/);
      const urls = (await readFile(record, 'utf8')).split('\n');
      expect(loadsCommand(urls)).toBe(true);
      expect(loads(urls, '/node_modules/survey-core/')).toBe(false);
      expect(loads(urls, '/node_modules/zod/')).toBe(false);
      expect(loads(urls, '/analysis/report/build-report.ts')).toBe(false);
      expect(loads(urls, '/cli/report/read-jsonl-into-table.ts')).toBe(false);
      expect(loads(urls, '/cli/report/run-report.ts')).toBe(false);
    }
  });

  it('json: no exceljs, no HTML or Markdown renderer, no coding rules', async () => {
    const out = join(dir, 'r.json');
    const urls = await loadedBy('json', out);
    // The hooks saw the report's own modules, so an absent module is absent, not unrecorded.
    expect(loadsCommand(urls)).toBe(true);
    // The command and the report's own code came from the bundle of report-entry.ts, run-report a chunk of it, and
    // tsx was never registered (issue 24: ~0.5 s of start-up less for the bundle, ~0.3 s more without tsx).
    expect(urls.some((url) => REPORT_ENTRY_BUNDLE.test(url))).toBe(true);
    expect(urls.some((url) => /\/node_modules\/\.cache\/survey-toolkit\/report-entry-[^/]+\/run-report(-[A-Z0-9]+)?\.mjs$/.test(url))).toBe(true);
    expect(urls.some((url) => url.includes('/node_modules/tsx/'))).toBe(false);
    expect(loads(urls, '/node_modules/exceljs/')).toBe(false);
    expect(loads(urls, '/analysis/render/render-html.ts')).toBe(false);
    expect(loads(urls, '/analysis/render/render-markdown.ts')).toBe(false);
    expect(loads(urls, '/server/text/read-coding-rules.ts')).toBe(false);
    expect(JSON.parse(await readFile(out, 'utf8')).survey.id).toBe('staff-workstyle');
  });

  it('md, html and xlsx each load their renderer and write their format', async () => {
    const md = await loadedBy('md', join(dir, 'r.md'));
    expect(loads(md, '/analysis/render/render-markdown.ts')).toBe(true);
    expect(loads(md, '/node_modules/exceljs/')).toBe(false);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toMatch(/^# /);

    const html = await loadedBy('html', join(dir, 'r.html'));
    expect(loads(html, '/analysis/render/render-html.ts')).toBe(true);
    expect(loads(html, '/node_modules/exceljs/')).toBe(false);
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i);

    const xlsx = await loadedBy('xlsx', join(dir, 'r.xlsx'));
    expect(loads(xlsx, '/node_modules/exceljs/')).toBe(true);
    // An xlsx workbook is a zip file.
    expect((await readFile(join(dir, 'r.xlsx'))).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);
});

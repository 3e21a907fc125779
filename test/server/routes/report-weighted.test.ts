/**
 * Weighting in the dashboard (issue 30, item 1) over loopback HTTP with real SQLite: an admin uploads the survey's
 * margins (PUT /api/surveys/:id/weights, the CLI's `--weights` CSV), the server checks them and names the line of
 * a bad one, records each upload in the audit log, and GET …/report?weighted=1 is then byte for byte the report
 * `survey-toolkit report --weights` gives of `survey-toolkit export` of the same store, with a filter too, and
 * with responses lacking a margin variable (left out and counted, as `--drop-incomplete` does). The downloads
 * (HTML, 集計表 xlsx, a cross-tab's CSV) say in their header that they are weighted, to which file and its hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { Report } from '../../../contracts/report.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import type { SurveyWeights } from '../../../contracts/weights.ts';
import { loadDefinitionCatalogFromDir } from '../../../server/definitions/load-definitions-from-dir.ts';
import { runCli } from '../../cli/run-cli.ts';
import { parseCsv } from '../../e2e/support/parse-csv.ts';
import { bearer, SHIPPED_DEFINITIONS, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const SURVEY = 'ward-office-exit';
const WARDS = (await readFile(join(import.meta.dirname, '..', '..', 'fixtures', 'sapporo-ward-population-2021.csv'), 'utf8')).trimEnd();
/** Age bands of the same population as the wards (1,961,575), so raking has two variables to meet. */
const AGES = [
  ['under_20', 300000],
  ['20s', 250000],
  ['30s', 260000],
  ['40s', 300000],
  ['50s', 280000],
  ['60s', 260000],
  ['70_plus', 311575],
]
  .map(([age, population]) => `ageBand,${age},${population}`)
  .join('\n');
const MARGINS = `${WARDS}\n${AGES}\n`;
const MARGINS_SHA256 = createHash('sha256').update(MARGINS).digest('hex');

let app: SecureApp;
let records: ResponseRecord[];

beforeAll(async () => {
  app = await startSecureApp();
  const definition = (await loadDefinitionCatalogFromDir(SHIPPED_DEFINITIONS)).get(SURVEY)!;
  // Every response with a ward and an age band first, so plain `--weights` (no --drop-incomplete) weights them all.
  records = [...synthesizeResponses(definition, { count: 900, seed: 30 })].filter((record) => record.meta.ward && record.data.ageBand);
  expect(records.length).toBeGreaterThan(500);
  await app.store.importRecords(records);
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const weightsUrl = (survey = SURVEY) => `${app.url}/api/surveys/${survey}/weights`;
const put = (token: string, body: unknown, contentType = 'application/json') =>
  fetch(weightsUrl(), { method: 'PUT', headers: { ...bearer(token), 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;
const report = (query: string) => fetch(`${app.url}/api/surveys/${SURVEY}/report?${query}`, { headers: bearer(app.tokens.analyst) });

/** A report as the server sends it and as the CLI prints it, compared as one compact line. */
const canonical = (json: string) => JSON.stringify(JSON.parse(json));

/** `survey-toolkit export --format jsonl` of the store (the filter as export options), then `report --weights FILE`. */
async function cliReport(exportArgs: string[], reportArgs: string[]): Promise<{ code: number | null; out: string }> {
  const env = { DATA_DIR: app.dir, DEFINITIONS_DIR: SHIPPED_DEFINITIONS, STORE: 'sqlite' };
  const file = join(app.dir, `export-${exportArgs.join('_').replace(/[^a-z0-9_]/gi, '')}.jsonl`);
  // Comments unmasked, as the analyst's report samples them.
  const exported = await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--include-personal-data', '--out', file, ...exportArgs], { env });
  expect(exported.stderr).toBe('');
  const reported = await runCli(['report', '--survey', SURVEY, '--input', file, '--definitions', SHIPPED_DEFINITIONS, '--format', 'json', '--no-text', ...reportArgs], { env });
  return { code: reported.code, out: reported.code === 0 ? canonical(reported.stdout) : reported.stderr.trim() };
}

async function auditLines(): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(app.dir, 'audit.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the margins of a survey, uploaded in the dashboard', () => {
  it('has none at first: GET is 404 and a weighted report is refused, saying why', async () => {
    const none = await fetch(weightsUrl(), { headers: bearer(app.tokens.analyst) });
    expect(none.status).toBe(404);
    expect((await errorOf(none)).code).toBe('no_weights');
    const weighted = await report('weighted=1');
    expect(weighted.status).toBe(400);
    expect(await errorOf(weighted)).toEqual({ code: 'no_weights', message: `weighted=1: survey "${SURVEY}" has no weighting margins (an admin uploads them in the dashboard)` });
    expect((await report('weighted=yes')).status).toBe(400);
  });

  it('lets only admins upload (403 for an analyst), as JSON only (415), for a known survey (404)', async () => {
    const analyst = await put(app.tokens.analyst, { csv: MARGINS, fileName: 'margins.csv' });
    expect(analyst.status).toBe(403);
    expect((await errorOf(analyst)).message).toBe('PUT "/api/surveys/ward-office-exit/weights" needs the admin role; you are analyst');
    expect((await put(app.tokens.admin, MARGINS, 'text/csv')).status).toBe(415);
    const unknown = await fetch(weightsUrl('nope'), { method: 'PUT', headers: { ...bearer(app.tokens.admin), 'content-type': 'application/json' }, body: JSON.stringify({ csv: MARGINS }) });
    expect(unknown.status).toBe(404);
    expect((await fetch(weightsUrl(), { headers: bearer(app.tokens.analyst) })).status).toBe(404);
    expect(await auditLines()).toEqual([]);
  });

  it('refuses a bad file with one line naming the uploaded file and its line, and keeps nothing of it', async () => {
    const cases: Array<[string, string]> = [
      ['question,value,population\nward,chuo,239944\nwardd,kita,286054\n', 'margins.csv:3: unknown question "wardd": margins must name a single-answer question or meta variable of ward-office-exit (one of: '],
      ['question,value,population\nward,chuo,239944\nward,sapporo,286054\n', 'margins.csv:3: ward has no value "sapporo" (its values: chuo, kita, higashi, shiroishi, atsubetsu, toyohira, kiyota, minami, nishi, teine)'],
      ['question,value,population\nward,chuo,lots\n', 'margins.csv:2: population must be a number > 0, got "lots"'],
      ['ward,chuo,239944\n', 'margins.csv:1: the header must name the columns question,value,population; got "ward,chuo,239944"'],
      ['question,value,population\nward,chuo,239944\nward,chuo,1\n', 'margins.csv:3: ward = chuo is listed twice'],
      ['question,value,population\n"ward,chuo,1\n', 'margins.csv:2: a quoted field is not closed: "\\"ward,chuo,1"'],
      [`${WARDS}\nageBand,20s,1000\n`, 'margins.csv:12: the margins of ageBand total 1000, those of ward 1961575; every variable must describe the same population'],
      ['question,value,population\n', 'margins.csv: no margins below the header'],
    ];
    for (const [csv, message] of cases) {
      const response = await put(app.tokens.admin, { csv, fileName: 'C:\\Users\\ito\\margins.csv' });
      expect(response.status, message).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_weights');
      expect(error.message.startsWith(message), `${error.message}\nshould start with\n${message}`).toBe(true);
    }
    expect((await put(app.tokens.admin, { csv: MARGINS, extra: 1 })).status).toBe(422);
    expect((await put(app.tokens.admin, { fileName: 'x.csv' })).status).toBe(422);
    expect((await fetch(weightsUrl(), { headers: bearer(app.tokens.analyst) })).status).toBe(404);
    expect(await auditLines()).toEqual([]);
  });

  it('stores a good file as DATA_DIR/weights/<survey>.csv, answers its name, hash and margins, and records who uploaded it', async () => {
    const response = await put(app.tokens.admin, { csv: MARGINS, fileName: 'sapporo-2021.csv' });
    expect(response.status).toBe(200);
    const saved = (await response.json()) as SurveyWeights;
    expect(saved.file).toBe(`${SURVEY}.csv`);
    expect(saved.sha256).toBe(MARGINS_SHA256);
    expect(saved.margins).toHaveLength(17);
    expect(saved.margins[0]).toEqual({ question: 'ward', value: 'chuo', population: 239944 });
    expect(await readFile(join(app.dir, 'weights', `${SURVEY}.csv`), 'utf8')).toBe(MARGINS);

    const got = await fetch(weightsUrl(), { headers: bearer(app.tokens.analyst) });
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(saved);

    const audit = await auditLines();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toEqual({
      action: 'upload-weights',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      who: 'admin-automation',
      via: 'token',
      surveyId: SURVEY,
      file: `${SURVEY}.csv`,
      uploadedAs: 'sapporo-2021.csv',
      sha256: MARGINS_SHA256,
      margins: 17,
    });
  });

  it('a logged-in admin uploads too (session), and the log names the account', async () => {
    const cookie = await app.login({ name: 'ito.admin', password: 'admin password 12' });
    const response = await fetch(weightsUrl(), { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ csv: MARGINS, fileName: 'sapporo-2021.csv' }) });
    expect(response.status).toBe(200);
    expect((await auditLines()).at(-1)).toMatchObject({ action: 'upload-weights', who: 'ito.admin', via: 'session', sha256: MARGINS_SHA256 });
  });
});

describe('GET /report?weighted=1', () => {
  it('is the CLI report --weights of an export of the same store, byte for byte, and with a filter', async () => {
    const weightsFile = join(app.dir, 'weights', `${SURVEY}.csv`);
    const weighted = await report('weighted=1');
    expect(weighted.status).toBe(200);
    const json = await weighted.text();
    const parsed = JSON.parse(json) as Report;
    expect(parsed.weighting).toMatchObject({ method: 'raking', variables: ['ward', 'ageBand'], dropped: 0, source: { file: `${SURVEY}.csv`, sha256: MARGINS_SHA256 } });
    expect(parsed.weighting!.effectiveN).toBeLessThan(parsed.responses);
    expect(parsed.responses).toBe(records.length);
    const cli = await cliReport([], ['--weights', weightsFile]);
    expect(cli.code, cli.out).toBe(0);
    expect(canonical(json)).toBe(cli.out);

    // The weights change the shares: the unweighted report differs, and says it is unweighted.
    const plain = (await (await report('')).json()) as Report;
    expect(plain.weighting).toBeNull();
    expect(plain.needs[0].items[0].share).not.toBe(parsed.needs[0].items[0].share);
    expect((await report('weighted=0')).status).toBe(200);

    // A filter that is not a margin variable: the view is raked to the margins, as the CLI rakes the exported view.
    const kiosk = await report('weighted=1&channel=kiosk&by=ageBand');
    expect(kiosk.status).toBe(200);
    const cliKiosk = await cliReport(['--channel', 'kiosk'], ['--weights', weightsFile, '--by', 'ageBand']);
    expect(cliKiosk.code, cliKiosk.out).toBe(0);
    expect(canonical(await kiosk.text())).toBe(cliKiosk.out);
  }, 120_000);

  it('leaves out and counts responses without a margin variable, as --drop-incomplete does', async () => {
    const lacking = records.slice(0, 3).map((record) => {
      const { ageBand: _left, ...data } = record.data;
      return { ...record, id: randomUUID(), submissionId: randomUUID(), data };
    });
    await app.store.importRecords(lacking as ResponseRecord[]);
    const weighted = await report('weighted=1');
    expect(weighted.status).toBe(200);
    const json = await weighted.text();
    expect((JSON.parse(json) as Report).weighting).toMatchObject({ dropped: 3 });
    const cli = await cliReport([], ['--weights', join(app.dir, 'weights', `${SURVEY}.csv`), '--drop-incomplete']);
    expect(cli.code, cli.out).toBe(0);
    expect(canonical(json)).toBe(cli.out);
    // Without --drop-incomplete the CLI refuses them, naming the lines.
    const strict = await cliReport([], ['--weights', join(app.dir, 'weights', `${SURVEY}.csv`)]);
    expect(strict.code).not.toBe(0);
    expect(strict.out).toMatch(/3 responses have no answer for the margin variable ageBand/);
  }, 120_000);

  it('makes every download say it is weighted, to which margins file and its SHA-256', async () => {
    const html = await (await report('format=html&locale=ja&weighted=1')).text();
    expect(html).toContain(`重み付け集計（レイキング、母集団ファイル ${SURVEY}.csv、SHA-256: ${MARGINS_SHA256}）`);
    const htmlEn = await (await report('format=html&locale=en&weighted=1')).text();
    expect(htmlEn).toContain(`Weighted (raking to the margins file ${SURVEY}.csv, SHA-256: ${MARGINS_SHA256})`);
    expect(await (await report('format=html&locale=ja')).text()).not.toContain('SHA-256');

    const csv = parseCsv((await (await report('format=csv&locale=ja&crosstab=improvements&by=ward&weighted=1')).text()).replace(/^\uFEFF/, ''));
    expect(csv[2][0]).toMatch(/^重み付け：レイキング（変数: ward, ageBand、有効回答数 [\d,.]+）$/);
    expect(csv[3]).toEqual([`重み付けの母集団ファイル：${SURVEY}.csv（SHA-256: ${MARGINS_SHA256}）`]);
    const plainCsv = parseCsv((await (await report('format=csv&locale=en&crosstab=improvements&by=ward')).text()).replace(/^\uFEFF/, ''));
    expect(plainCsv[2]).toEqual(['Weighting: none (unweighted)']);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await report('format=xlsx&locale=ja&weighted=1')).arrayBuffer()) as unknown as ArrayBuffer);
    const textsOf = (sheet: ExcelJS.Worksheet) => {
      const texts: string[] = [];
      // A merged range repeats its value in each cell: each value once per row.
      sheet.eachRow((row) => texts.push(...new Set((row.values as unknown[]).filter((value) => value != null).map(String))));
      return texts;
    };
    // The 目次, the first sheet, says it right under the title; 調査概要 gives it among the facts.
    const contents = textsOf(workbook.worksheets[0]);
    expect(contents[1]).toMatch(/^重み付け：レイキング（変数: ward, ageBand、有効回答数 [\d,.]+）$/);
    expect(contents[2]).toBe(`重み付けの母集団ファイル：${SURVEY}.csv（SHA-256: ${MARGINS_SHA256}）`);
    expect(textsOf(workbook.worksheets[1])).toContain(`${SURVEY}.csv（SHA-256: ${MARGINS_SHA256}）`);
  }, 60_000);

  it('follows a new upload at once, and a broken file placed on the server is a 500 naming its line', async () => {
    const wardsOnly = `${WARDS}\n`;
    expect((await put(app.tokens.admin, { csv: wardsOnly, fileName: 'wards.csv' })).status).toBe(200);
    const after = (await (await report('weighted=1')).json()) as Report;
    expect(after.weighting).toMatchObject({ variables: ['ward'], source: { sha256: createHash('sha256').update(wardsOnly).digest('hex') } });

    await writeFile(join(app.dir, 'weights', `${SURVEY}.csv`), 'question,value,population\nward,chuo,many\n');
    const broken = await fetch(weightsUrl(), { headers: bearer(app.tokens.analyst) });
    expect(broken.status).toBe(500);
    expect(await errorOf(broken)).toEqual({ code: 'broken_weights', message: `The survey's margins file is broken: weights/${SURVEY}.csv:2: population must be a number > 0, got "many"` });
    expect((await report('weighted=1')).status).toBe(500);
    await rm(join(app.dir, 'weights', `${SURVEY}.csv`));
    expect((await fetch(weightsUrl(), { headers: bearer(app.tokens.analyst) })).status).toBe(404);
  });
});

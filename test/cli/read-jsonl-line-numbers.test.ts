/**
 * Issue 24: a malformed line is named by its line number in the file, whichever reader thread meets it, and with the
 * same message however many threads read the file (the scanner's fast path and JSON.parse agree on the message).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinition } from '../../analysis/definitions/load-definition.ts';
import { planFor } from '../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import { readJsonlIntoTable } from '../../cli/report/read-jsonl-into-table.ts';

const definition = loadDefinition(
  JSON.parse(readFileSync(new URL('../../bench/fixtures/outside-style/v1.json', import.meta.url), 'utf8')),
  'outside-style',
);
const spec = planFor([definition], {}, { texts: false }).tableSpec;
const lines = [...synthesizeResponses(definition, { count: 120, seed: 9 })].map((record) => JSON.stringify(record));
const dir = mkdtempSync(join(tmpdir(), 'jsonl-lines-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(file: string, threads: number): Promise<string> {
  try {
    await readJsonlIntoTable(file, spec, { threads });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('malformed lines are named with their line number', () => {
  // Line 1, a line in the middle and the last line: with 3 threads each falls in a different stretch.
  it.each([1, 61, 110, 120])('line %i, read by 1 and by 3 threads', async (bad) => {
    const file = join(dir, `bad-${bad}.jsonl`);
    const damaged = lines.map((line, k) => (k === bad - 1 ? line.replace('"data":{', '"data":{,') : line));
    // A later bad line too: the first bad line in the file is the one named.
    damaged[119] = damaged[119].slice(0, -1);
    await writeFile(file, `${damaged.join('\n')}\n`);
    const one = await errorOf(file, 1);
    expect(one).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${bad}: not valid JSON`));
    expect(await errorOf(file, 3)).toBe(one);
  });
});

/**
 * The CLI counts the answers while it reads (analysis/table/count-answers.ts, issue 24), each reader thread its own
 * stretch. The report made from those counts must be the report made by counting afterwards, for every shipped
 * survey, read by one thread or by three.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinition } from '../../analysis/definitions/load-definition.ts';
import { buildReport, planFor } from '../../analysis/report/build-report.ts';
import { countedPairs } from '../../analysis/report/counted-pairs.ts';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import { createAnswerCounter } from '../../analysis/table/count-answers.ts';
import { readJsonlIntoTable } from '../../cli/report/read-jsonl-into-table.ts';
import { readShipped, SHIPPED_SURVEY_IDS } from '../analysis/definitions/shipped-definition-files.ts';

const directory = mkdtempSync(join(tmpdir(), 'counted-while-reading-'));
// The shipped surveys and the benchmark's outside-style survey (a ranking, two 5-row matrices read as IPA).
const SURVEYS = [...SHIPPED_SURVEY_IDS, 'outside-style'] as const;
const definitionJson = (id: (typeof SURVEYS)[number]) =>
  id === 'outside-style' ? JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'bench', 'fixtures', 'outside-style', 'v1.json'), 'utf8')) : readShipped(id);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** `count` synthetic staff-workstyle records written to a JSONL file of that name, with the survey's plan. */
function staffFile(name: string, count: number, seed: number) {
  const definition = loadDefinition(readShipped('staff-workstyle'), 'staff-workstyle');
  const records = [...synthesizeResponses(definition, { count, seed })];
  const file = join(directory, name);
  writeFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  return { definition, records, file, plan: planFor([definition]) };
}

describe('a report from answers counted while reading', () => {
  it.each(SURVEYS)('%s: is the report counted afterwards, from one thread and from three', async (id) => {
    const definition = loadDefinition(definitionJson(id), id);
    // Mostly online with some kiosk rows, so the channel breakdown is constant over some stretches and not others.
    const records = [...synthesizeResponses(definition, { count: 2400, seed: 11 })].map((record, i) => ({ ...record, channel: i % 700 < 500 ? 'online' : 'kiosk' }));
    const file = join(directory, `${id}.jsonl`);
    writeFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const plan = planFor([definition]);
    for (const threads of [1, 3]) {
      const counter = createAnswerCounter(plan.tableSpec, countedPairs(plan));
      const table = await readJsonlIntoTable(file, plan.tableSpec, { threads, counter });
      const counted = counter.result();
      // Not vacuous: every cross-tab and every gap item has counts, so no table of the report counted for itself.
      for (const crosstab of plan.crosstabs) expect(counted.counts(crosstab.variable, crosstab.by), `${crosstab.variable} × ${crosstab.by}`).toBeDefined();
      for (const item of plan.gapItems) expect(counted.counts(item.variable, plan.by!), item.variable).toBeDefined();
      for (const set of plan.ipa) for (const item of set.items) expect(counted.totals(item.importance), item.importance).toBeDefined();
      for (const need of plan.needs) {
        expect(need.kind === 'ranking' ? counted.rankings(need.variable) : counted.totals(need.variable), need.variable).toBeDefined();
      }
      expect(counted.rowCount).toBe(records.length);
      const fromCounts = buildReport({ definitions: [definition], table, counted });
      const afterwards = buildReport({ definitions: [definition], table });
      expect(fromCounts, `${threads} thread(s)`).toEqual(afterwards);
    }
  }, 120_000);

  it('reads with three threads and counts nothing when no counter is given (a weighted report)', async () => {
    const { definition, records, file, plan } = staffFile('uncounted.jsonl', 900, 3);
    const three = await readJsonlIntoTable(file, plan.tableSpec, { threads: 3 });
    const one = await readJsonlIntoTable(file, plan.tableSpec, { threads: 1 });
    expect(three.rowCount).toBe(records.length);
    expect(buildReport({ definitions: [definition], table: three })).toEqual(buildReport({ definitions: [definition], table: one }));
  });

  it('refuses counts of another number of rows', async () => {
    const { definition, file, plan } = staffFile('fifty.jsonl', 50, 2);
    const counter = createAnswerCounter(plan.tableSpec, countedPairs(plan));
    const table = await readJsonlIntoTable(file, plan.tableSpec, { threads: 1 });
    expect(() => buildReport({ definitions: [definition], table, counted: counter.result() })).toThrow('buildReport: answers counted over 0 rows for a table of 50');
  });
});

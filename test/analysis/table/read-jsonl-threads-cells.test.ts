/**
 * The reader threads (cli/report/read-jsonl-into-table.ts) hand their stretches of the table back
 * by column kind: matrixdropdown cells (issue 25) and the channel variable must arrive whole, so
 * a report read by three threads is the report read by one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, planFor } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { readJsonlIntoTable } from '../../../cli/report/read-jsonl-into-table.ts';
import { defineSurvey } from '../report/define-survey.ts';

const definition = defineSurvey({
  id: 'threads-survey',
  minGroupSize: 3,
  elements: [
    { type: 'radiogroup', name: 'place', choices: ['north', 'south'], analysis: { role: 'segment' } },
    {
      type: 'matrixdropdown',
      name: 'grid',
      rows: ['a', 'b'],
      columns: [
        { name: 'pick', cellType: 'dropdown', choices: ['x', 'y', 'z'] },
        { name: 'tags', cellType: 'checkbox', choices: ['p', 'q'] },
        { name: 'stars', cellType: 'rating' },
        { name: 'amount', cellType: 'text', inputType: 'number' },
        { name: 'note', cellType: 'comment' },
      ],
    },
  ],
});
const directory = mkdtempSync(join(tmpdir(), 'threads-cells-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('reading matrixdropdown cells with reader threads', () => {
  it('gives the same report from three threads as from one', async () => {
    const records = [...synthesizeResponses(definition, { count: 900, seed: 6 })].map((record, i) => ({ ...record, channel: i % 3 ? 'online' : 'kiosk' }));
    const file = join(directory, 'responses.jsonl');
    writeFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const spec = planFor([definition]).tableSpec;
    const [one, three] = await Promise.all([readJsonlIntoTable(file, spec, { threads: 1 }), readJsonlIntoTable(file, spec, { threads: 3 })]);
    const fromOne = buildReport({ definitions: [definition], table: one });
    const fromThree = buildReport({ definitions: [definition], table: three });
    expect(fromThree.summaries).toEqual(fromOne.summaries);
    expect(fromThree.crosstabs).toEqual(fromOne.crosstabs);
    expect(fromThree.means).toEqual(fromOne.means);
    // Not vacuous: the cells and the channel were read.
    expect(fromOne.summaries!.find((s) => s.question === 'grid' && s.column === 'amount')!.rows![0].numeric).not.toBeNull();
    expect(fromOne.crosstabs!.some((c) => c.question === 'grid' && c.by === 'channel')).toBe(true);
    expect(fromOne.summaries!.find((s) => s.question === 'channel')!.items!.map((i) => i.count)).toEqual([300, 600]);
  }, 60_000);
});

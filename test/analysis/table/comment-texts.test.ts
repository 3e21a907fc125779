/**
 * Every comment text with its row (CommentColumn.texts, issue 27): text analysis reads all of them, not the seeded
 * sample. Both append paths (appendRecord and the JSONL byte scanner), the reader threads, concatTables and
 * filterRows must keep the same texts in row order, and a spec without `keepTexts` must keep none (no cost).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planFor } from '../../../analysis/report/build-report.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { filterRows } from '../../../analysis/table/filter-rows.ts';
import type { CommentColumn } from '../../../analysis/table/response-table.ts';
import { readJsonlIntoTable } from '../../../cli/report/read-jsonl-into-table.ts';
import { defineSurvey, record } from '../report/define-survey.ts';

const definition = defineSurvey({
  minGroupSize: 1,
  elements: [
    { type: 'radiogroup', name: 'age', choices: ['young', 'old'], analysis: { role: 'segment' } },
    { type: 'comment', name: 'opinion', analysis: { role: 'comment' } },
    { type: 'checkbox', name: 'pick', choices: ['a', 'b'], showOtherItem: true },
  ],
});
// Blank, escaped (the scanner hands "\n" and "\"" to JSON.parse), plain, missing, non-ASCII.
const texts = ['', '窓口で\n"待った"', '書類が多い', undefined, '駐車場が狭い。連絡は090-1234-5678'];
const records = texts.map((text, i) => record({ age: i % 2 ? 'old' : 'young', ...(text === undefined ? {} : { opinion: text }), pick: ['other'], 'pick-Comment': `other ${i}` }));
const expected = { rows: [1, 2, 4], texts: ['窓口で\n"待った"', '書類が多い', '駐車場が狭い。連絡は090-1234-5678'] };

const directory = mkdtempSync(join(tmpdir(), 'comment-texts-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('CommentColumn.texts', () => {
  it('the plan asks for every text of the comment questions only when text analysis is on', () => {
    expect(planFor([definition]).tableSpec.keepTexts).toBeUndefined();
    // The 「その他」 text is a comment variable too, but not a comment question: text analysis does not read it.
    expect(planFor([definition], {}, { texts: true }).tableSpec.keepTexts).toEqual(['opinion']);
  });

  it('appendRecord keeps every non-blank text with its row, unmasked, and none without keepTexts', () => {
    const table = createResponseTable(planFor([definition], {}, { texts: true }).tableSpec);
    records.forEach((r, i) => appendRecord(table, r, i + 1));
    expect((table.byName.get('opinion') as CommentColumn).texts).toEqual(expected);
    expect((table.byName.get('pick-Comment') as CommentColumn).texts).toBeUndefined();

    const plain = createResponseTable(planFor([definition]).tableSpec);
    records.forEach((r, i) => appendRecord(plain, r, i + 1));
    expect('texts' in (plain.byName.get('opinion') as CommentColumn)).toBe(false);
  });

  it('the JSONL scanner and the reader threads keep the same texts as appendRecord', async () => {
    const many = Array.from({ length: 600 }, (_, i) => records[i % records.length]);
    const file = join(directory, 'responses.jsonl');
    writeFileSync(file, many.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const spec = planFor([definition], {}, { texts: true }).tableSpec;
    const reference = createResponseTable(spec);
    many.forEach((r, i) => appendRecord(reference, r, i + 1));
    const referenceTexts = (reference.byName.get('opinion') as CommentColumn).texts!;
    expect(referenceTexts.texts).toHaveLength(360);
    for (const threads of [1, 3]) {
      const table = await readJsonlIntoTable(file, spec, { threads });
      expect((table.byName.get('opinion') as CommentColumn).texts, `${threads} thread(s)`).toEqual(referenceTexts);
    }
  }, 60_000);

  it('filterRows keeps the texts of the kept rows, renumbered', () => {
    const table = createResponseTable(planFor([definition], {}, { texts: true }).tableSpec);
    records.forEach((r, i) => appendRecord(table, r, i + 1));
    const kept = filterRows(table, Uint8Array.from([1, 0, 1, 1, 1]));
    expect((kept.byName.get('opinion') as CommentColumn).texts).toEqual({ rows: [1, 3], texts: ['書類が多い', '駐車場が狭い。連絡は090-1234-5678'] });
  });
});

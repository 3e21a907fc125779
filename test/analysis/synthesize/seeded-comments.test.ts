/**
 * Seeded comments (issue 27, item 4): the comment questions of residents' surveys get template comments
 * (compose-comment.ts) drawn on a stream of their own, so every other answer is the same as without them, and
 * their topics lean on the respondent's age, so that codes by age band show something real.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { readShipped } from '../definitions/shipped-definition-files.ts';

const exit = () => readShipped('ward-office-exit');
/** The same survey with the comment question's `analysis.role` removed: the synthesizer's old text path. */
function withoutCommentRole(json: any): any {
  const walk = (elements: any[] = []) => {
    for (const element of elements) {
      if (element.analysis?.role === 'comment') delete element.analysis;
      walk(element.elements);
    }
  };
  for (const page of json.pages) walk(page.elements);
  return json;
}

describe('seeded comments', () => {
  const records = [...synthesizeResponses(loadDefinition(exit(), 'ward-office-exit'), { count: 3000, seed: 5 })];
  const comments = records.flatMap((record) => (typeof record.data.comment === 'string' ? [{ text: record.data.comment, age: record.data.ageBand }] : []));

  it('writes template comments on waiting, paper forms and parking, some with personal data to mask', () => {
    expect(comments.length).toBeGreaterThan(300);
    const share = (pattern: RegExp) => comments.filter(({ text }) => pattern.test(text)).length / comments.length;
    expect(share(/駐車場/)).toBeGreaterThan(0.05);
    expect(share(/書類|申請書/)).toBeGreaterThan(0.05);
    expect(share(/待ち時間/)).toBeGreaterThan(0.05);
    // compose-comment.ts adds a phone number, e-mail address or My Number to about 6 %.
    expect(share(/\d{3,4}-\d{4}|@example|\d{4}[ -]?\d{4}[ -]?\d{4}/)).toBeGreaterThan(0.02);
  });

  it('leans on age: older respondents write about parking more often than the youngest', () => {
    const bands = [...new Set(comments.map(({ age }) => age))].filter((age) => age !== undefined);
    const parkingShare = (ages: unknown[]) => {
      const group = comments.filter(({ age }) => ages.includes(age));
      return group.filter(({ text }) => /駐車場/.test(text)).length / group.length;
    };
    expect(bands.length).toBeGreaterThan(3);
    expect(parkingShare(['60s', '70_plus'])).toBeGreaterThan(1.5 * parkingShare(['under_20', '20s', '30s']));
  });

  it('draws them on a stream of their own: every other answer is what the same seed gives without them', () => {
    const before = [...synthesizeResponses(loadDefinition(withoutCommentRole(exit()), 'ward-office-exit'), { count: 3000, seed: 5 })];
    const strip = (record: (typeof records)[number]) => ({ ...record, data: { ...record.data, comment: typeof record.data.comment } });
    expect(records.map(strip)).toEqual(before.map(strip));
    // Not vacuous: the comments themselves differ.
    expect(records.map((record) => record.data.comment)).not.toEqual(before.map((record) => record.data.comment));
  });
});

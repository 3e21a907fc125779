/**
 * Issue 20: one anonymous request must not buy unbounded work or an unbounded
 * answer. An answer bigger than its question can hold gets one problem naming
 * the limit, before anything else reads it; a response gets at most 100
 * details, the last one counting the rest; quoting a value costs the same
 * whatever its length.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { createResponseValidator, MAX_DETAILS } from '../../../server/validation/create-response-validator.ts';
import { quoteValue } from '../../../server/validation/quote-value.ts';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { ABUSE_DEFINITION, validAbuseData } from './abusive-bodies.ts';

const validate = createResponseValidator(definitionFromJson(ABUSE_DEFINITION as never));

function submission(data: Record<string, unknown>): Submission {
  return {
    submissionId: '00000000-0000-4000-8000-000000000000',
    surveyVersion: 1,
    channel: 'online',
    meta: { locale: 'ja' },
    startedAt: '2025-06-02T09:00:00+09:00',
    completedAt: '2025-06-02T09:04:30+09:00',
    data,
  };
}

/** The details for the valid response with some answers changed. */
function detailsWith(changes: Record<string, unknown>) {
  return validate(submission({ ...validAbuseData(), ...changes }));
}

const repeat = <T>(count: number, item: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => item(i));
const keys = (count: number, key: (i: number) => string, value: unknown = 1) => Object.fromEntries(repeat(count, (i) => [key(i), value]));

describe('the valid response', () => {
  it('is accepted', () => {
    expect(detailsWith({})).toEqual([]);
  });
});

describe('an answer bigger than its question can hold: one problem naming the limit', () => {
  it('checkbox: at most one value per choice (other and none included)', () => {
    expect(detailsWith({ choices: repeat(40_000, () => []) })).toEqual([
      { question: 'choices', message: '40,000 values, at most 7 allowed (one per choice)' },
    ]);
    expect(detailsWith({ choices: repeat(30_000, (i) => `v${i}`) })).toEqual([
      { question: 'choices', message: '30,000 values, at most 7 allowed (one per choice)' },
    ]);
    // At the limit, the values are checked one by one as before.
    expect(detailsWith({ choices: ['a', 'b', 'c', 'd', 'e', 'other', 'x'] })).toEqual([
      { question: 'choices', message: '"x" is not one of the choices' },
    ]);
  });

  it('ranking: at most one value per choice', () => {
    expect(detailsWith({ ranking: repeat(4, () => 'a') })).toEqual([{ question: 'ranking', message: '4 values, at most 3 allowed (one per choice)' }]);
  });

  it('matrix: at most one key per row, and in a multi-select matrix one value per column', () => {
    expect(detailsWith({ grid: keys(5_000, (i) => `r${i}`, 'c1') })).toEqual([
      { question: 'grid', message: '5,000 keys, at most 3 allowed (one per row)' },
    ]);
    expect(detailsWith({ multiGrid: { r1: repeat(10_000, (i) => `c${i}`) } })).toEqual([
      { question: 'multiGrid', message: 'row "r1": 10,000 values, at most 3 allowed (one per column)' },
    ]);
  });

  it('matrixdropdown: at most one key per row, and one per column in a row', () => {
    expect(detailsWith({ table: keys(3, (i) => `r${i}`, {}) })).toEqual([{ question: 'table', message: '3 keys, at most 2 allowed (one per row)' }]);
    expect(detailsWith({ table: { r1: keys(20_000, (i) => `k${i}`) } })).toEqual([
      { question: 'table', message: 'row "r1": 20,000 keys, at most 2 allowed (one per column)' },
    ]);
  });

  it('multipletext: at most one key per item', () => {
    expect(detailsWith({ address: keys(20_000, (i) => `i${i}`, 'x') })).toEqual([
      { question: 'address', message: '20,000 keys, at most 2 allowed (one per item)' },
    ]);
  });

  it("matrixdynamic: at most maxRowCount rows (survey-core's default 1,000), each with at most one key per column", () => {
    expect(detailsWith({ rows: repeat(50_000, () => ({})) })).toEqual([{ question: 'rows', message: '50,000 rows, more than the 1,000 the form allows' }]);
    expect(detailsWith({ rows: [{ kind: 'p' }, keys(20_000, (i) => `k${i}`)] })).toEqual([
      { question: 'rows', message: 'row 2: 20,000 keys, at most 3 allowed (one per column)' },
    ]);
  });

  it("paneldynamic: at most maxPanelCount panels (survey-core's default 100), each with at most one key per question", () => {
    expect(detailsWith({ panels: repeat(101, () => ({ relation: 'self' })) })).toEqual([
      { question: 'panels', message: '101 panels, more than the 100 the form allows' },
    ]);
    expect(detailsWith({ panels: [keys(4, (i) => `k${i}`)] })).toEqual([
      { question: 'panels', message: 'panel 1: 4 keys, at most 3 allowed (one per question)' },
    ]);
  });

  it('a comment counts towards the limit where the form has one', () => {
    const withComments = createResponseValidator(
      definitionFromJson({
        id: 'comments',
        version: 1,
        audience: 'citizen',
        elements: [
          { type: 'checkbox', name: 'c', choices: ['x'], showOtherItem: true },
          { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'rating', name: 'r', showCommentArea: true }] },
        ],
      } as never),
    );
    // "other" is a second choice; the panel holds "r" and "r-Comment".
    expect(withComments(submission({ c: ['x', 'other'], 'c-Comment': 'y', p: [{ r: 3, 'r-Comment': 'z' }] }))).toEqual([]);
    expect(withComments(submission({ c: ['x', 'other', 'x'], p: [{ r: 3, 'r-Comment': 'z', s: 1 }] }))).toEqual([
      { question: 'c', message: '3 values, at most 2 allowed (one per choice)' },
      { question: 'p', message: 'panel 1: 3 keys, at most 2 allowed (one per question, plus their comments)' },
    ]);
  });
});

describe('at most 100 details, the last one counting the rest', () => {
  it('keeps the first 100 in the usual order and counts the others', () => {
    const details = detailsWith(keys(30_000, (i) => `q${i}`, 0));
    expect(details).toHaveLength(MAX_DETAILS + 1);
    expect(details.slice(0, 2)).toEqual([
      { question: 'q0', message: '"q0" is not a question in this survey' },
      { question: 'q1', message: '"q1" is not a question in this survey' },
    ]);
    expect(details[MAX_DETAILS - 1]).toEqual({ question: 'q99', message: '"q99" is not a question in this survey' });
    expect(details[MAX_DETAILS]).toEqual({ question: '(response)', message: '… and 29,900 more problems' });
  });

  it('counts problems across questions, and says "problem" for one', () => {
    // 100 unknown keys and one bad answer: 101 problems.
    const details = detailsWith({ ...keys(100, (i) => `q${i}`, 0), email: 'not-an-address' });
    expect(details).toHaveLength(MAX_DETAILS + 1);
    expect(details[MAX_DETAILS]).toEqual({ question: '(response)', message: '… and 1 more problem' });
    expect(detailsWith(keys(100, (i) => `q${i}`, 0))).toHaveLength(MAX_DETAILS);
    // Unknown keys beyond the first 100 are counted without a message of their own, together with the rest.
    const more = detailsWith({ ...keys(150, (i) => `q${i}`, 0), email: 'not-an-address', meta: 1 });
    expect(more).toHaveLength(MAX_DETAILS + 1);
    expect(more[MAX_DETAILS - 1]).toEqual({ question: 'q99', message: '"q99" is not a question in this survey' });
    expect(more[MAX_DETAILS]).toEqual({ question: '(response)', message: '… and 52 more problems' });
  });

  it('caps the problems inside one answer too (1,000 matrixdynamic rows, three wrong cells each)', () => {
    const details = detailsWith({ rows: repeat(1_000, () => ({ kind: 'z', count: 'many', ok: 'yes' })) });
    expect(details).toHaveLength(MAX_DETAILS + 1);
    expect(details[0]).toEqual({ question: 'rows', message: 'row 1, column "kind": "z" is not one of the choices' });
    expect(details[MAX_DETAILS]).toEqual({ question: '(response)', message: '… and 2,900 more problems' });
  });

  it("and in survey-core's checks (1,000 rows without their required cell)", () => {
    const details = detailsWith({ rows: repeat(1_000, () => ({ count: 1 })) });
    expect(details).toHaveLength(MAX_DETAILS + 1);
    expect(details[0]).toEqual({ question: 'rows', message: 'row 1, column "kind": Response required.' });
    expect(details[MAX_DETAILS]).toEqual({ question: '(response)', message: '… and 900 more problems' });
  });
});

describe('long strings', () => {
  it('an unknown key is named by its first 100 characters only', () => {
    const key = 'k'.repeat(250_000);
    expect(detailsWith({ [key]: 1 })).toEqual([{ question: `${'k'.repeat(99)}…`, message: `"${'k'.repeat(99)}…" is not a question in this survey` }]);
  });

  it('quoting a value reads no more of it than it shows', () => {
    const text = 'あ'.repeat(250_000);
    expect(quoteValue(text)).toBe(`"${'あ'.repeat(99)}…"`);
    expect(quoteValue([text])).toBe(`["${'あ'.repeat(98)}…`);
    expect(quoteValue({ [text]: 1 })).toBe(`{"${'あ'.repeat(98)}…`);
    expect(quoteValue(repeat(100_000, () => 1))).toBe(`[${'1,'.repeat(49)}1…`);
    // Emoji are one character each, as before.
    expect(quoteValue('😀'.repeat(200))).toBe(`"${'😀'.repeat(99)}…"`);
  });

  it('quotes short values exactly as JSON', () => {
    for (const value of [null, true, 0, -1.5, 1e21, 'a"b\\c\n', [], {}, [1, [2, { a: [null] }]], { a: 1, b: 'x', c: { d: [] } }, '\u0001']) {
      expect(quoteValue(value)).toBe(JSON.stringify(value));
    }
    expect(quoteValue(undefined)).toBe('undefined');
  });

  it('quotes a deeply nested value by its first 100 characters, without recursing into all of it', () => {
    let nested: unknown = [];
    for (let depth = 0; depth < 100_000; depth++) nested = [nested];
    expect(quoteValue(nested)).toBe(`${'['.repeat(100)}…`);
  });
});

/**
 * fast-check generators of answers shaped like a definition's questions:
 * mostly valid, with the edge cases survey-core's checks care about (empty and
 * blank text, numbers around min/max, a lone "none", missing "other" text,
 * partly filled matrices).
 */
import fc from 'fast-check';
import type { AnswerRule, AnswerRules } from '../../../server/validation/build-question-index.ts';

const TEXTS = ['', '  ', 'a', 'ab', 'abc', '12', 'abc1', 'resident@example.jp', 'not-an-email', 'とても便利でした', 'x'.repeat(30)];

/** Values the browser's date and time inputs produce, around the fixtures' limits (and survey-core's default date max). */
const DATE_LIKE_VALUES: Record<string, readonly string[]> = {
  date: ['2026-03-31', '2026-04-01', '2026-12-04', '2027-03-31', '2027-04-01', '3000-01-01'],
  'datetime-local': ['2026-04-01T09:00', '2027-04-01T09:00'],
  month: ['2026-04', '2027-12'],
  week: ['2026-W14', '2026-W53'],
  time: ['08:44', '08:45', '12:00', '17:15', '17:16'],
};

function someOf<T>(values: readonly T[]): fc.Arbitrary<T[]> {
  return fc.subarray([...values]).chain((picked) => fc.shuffledSubarray(picked, { minLength: picked.length, maxLength: picked.length }));
}

function answerFor(rule: AnswerRule): fc.Arbitrary<unknown> {
  switch (rule.kind) {
    case 'single':
      return fc.constantFrom(...rule.choices.values);
    case 'multiple':
    case 'ranking':
      return someOf([...rule.choices.values]);
    case 'rating':
      return fc.constantFrom(...rule.values);
    case 'boolean':
      return fc.constantFrom(...rule.values);
    case 'text':
      if (rule.format !== undefined) return fc.constantFrom(...DATE_LIKE_VALUES[rule.format]);
      return rule.numeric ? fc.oneof(fc.integer({ min: -5, max: 10 }), fc.integer({ min: 100, max: 700 }), fc.constantFrom(1.5, 1899, 1900, 2026, 2027)) : fc.constantFrom(...TEXTS);
    case 'matrix': {
      const cell = rule.multiSelect ? someOf([...rule.columns]) : fc.constantFrom(...rule.columns);
      return fc.dictionary(fc.constantFrom(...rule.rows), cell, { maxKeys: rule.rows.size });
    }
    case 'matrixdropdown':
      return fc.dictionary(fc.constantFrom(...rule.rows), answersFor(rule.cells), { maxKeys: rule.rows.size });
    case 'multipletext':
      return answersFor(rule.items);
    case 'matrixdynamic':
      return fc.array(answersFor(rule.cells), { maxLength: Math.min(rule.maxRows, 3) });
    case 'paneldynamic':
      return fc.array(answersFor(rule.panel), { maxLength: Math.min(rule.maxPanels, 3) });
    case 'computed':
      // Left out: the server fills in what survey-core computes (a sent value must equal it).
      return fc.constant(undefined);
    case 'signature':
    case 'files':
      // Left out: attachments are bytes made to measure (test/fixtures/attachment-bytes.ts, attachments*.test.ts).
      return fc.constant(undefined);
  }
}

function commentText(): fc.Arbitrary<string> {
  return fc.constantFrom('', ' ', 'その他の理由');
}

/** An object of answers (the top of `data`, or one matrix row): each question answered or not. */
export function answersFor(rules: AnswerRules): fc.Arbitrary<Record<string, unknown>> {
  const entries: Array<fc.Arbitrary<Array<[string, unknown]>>> = [];
  for (const question of rules.byName.values()) {
    const value = fc.option(answerFor(question.rule), { nil: undefined, freq: 3 });
    const comment = question.comment === 'never' ? fc.constant(undefined) : fc.option(commentText(), { nil: undefined });
    entries.push(
      fc.tuple(value, comment).map(([answer, text]) => {
        const pairs: Array<[string, unknown]> = [];
        if (answer !== undefined) pairs.push([question.name, answer]);
        if (text !== undefined) pairs.push([`${question.name}-Comment`, text]);
        return pairs;
      }),
    );
  }
  return fc.tuple(...entries).map((lists) => Object.fromEntries(lists.flat()));
}

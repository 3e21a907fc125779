/**
 * How much one answer can hold follows from its question alone: a checkbox,
 * tagbox or ranking each of its choices once, a matrix one entry per row (and
 * in a multi-select matrix one value per column), a matrixdropdown row, a
 * multipletext answer, a dynamic matrix row or panel one key per column, item
 * or question (and their "-Comment"s), a matrixdynamic at most maxRowCount rows
 * and a paneldynamic at most maxPanelCount panels (survey-core caps both, at
 * 1 000 and 100 by default).
 *
 * checkAnswers asks this before anything else reads an answer: a bigger one
 * gets one problem naming the limit, not one per entry, so the work and the
 * error body for a hostile answer are bounded by the definition, whatever the
 * client sends (issue 20). A valid answer is never bigger than its limit, so
 * this only replaces the messages of answers the other checks refuse anyway.
 */
import type { AnswerRule, AnswerRules } from './build-question-index.ts';
import { isPlainObject } from './check-answer.ts';
import { formatCount, quoteValue } from './quote-value.ts';

/** One message if `value` is bigger than `rule` allows, else undefined (including for answers of the wrong type: other checks name those). */
export function checkSize(rule: AnswerRule, value: unknown): string | undefined {
  switch (rule.kind) {
    case 'multiple':
    case 'ranking':
      return Array.isArray(value) ? tooMany(value.length, rule.choices.values.size, 'values', 'one per choice') : undefined;
    case 'matrix':
      return checkMatrixSize(rule, value);
    case 'matrixdropdown': {
      if (!isPlainObject(value)) return undefined;
      const rows = Object.keys(value);
      const problem = tooMany(rows.length, rule.rows.size, 'keys', 'one per row');
      if (problem !== undefined) return problem;
      for (const row of rows) {
        const cells = value[row];
        const rowProblem = isPlainObject(cells) ? tooManyKeys(cells, rule.cells, 'column') : undefined;
        if (rowProblem !== undefined) return `row ${quoteValue(row)}: ${rowProblem}`;
      }
      return undefined;
    }
    case 'multipletext':
      return isPlainObject(value) ? tooManyKeys(value, rule.items, 'item') : undefined;
    case 'matrixdynamic':
      return checkEachSize(value, rule.maxRows, 'row', rule.cells, 'column');
    case 'paneldynamic':
      return checkEachSize(value, rule.maxPanels, 'panel', rule.panel, 'question');
    default:
      return undefined;
  }
}

function checkMatrixSize(rule: Extract<AnswerRule, { kind: 'matrix' }>, value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const rows = Object.keys(value);
  const problem = tooMany(rows.length, rule.rows.size, 'keys', 'one per row');
  if (problem !== undefined || !rule.multiSelect) return problem;
  for (const row of rows) {
    const cells = value[row];
    const rowProblem = Array.isArray(cells) ? tooMany(cells.length, rule.columns.size, 'values', 'one per column') : undefined;
    if (rowProblem !== undefined) return `row ${quoteValue(row)}: ${rowProblem}`;
  }
  return undefined;
}

/** A matrixdynamic's rows or a paneldynamic's panels: no more than the form can add, each no wider than its template. */
function checkEachSize(value: unknown, max: number, noun: string, rules: AnswerRules, keyNoun: string): string | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length > max) return `${formatCount(value.length)} ${noun}s, more than the ${formatCount(max)} the form allows`;
  for (let index = 0; index < value.length; index++) {
    const entry = value[index];
    const problem = isPlainObject(entry) ? tooManyKeys(entry, rules, keyNoun) : undefined;
    if (problem !== undefined) return `${noun} ${index + 1}: ${problem}`;
  }
  return undefined;
}

/** An answers object (a row, a panel, a multipletext answer) holds one key per question of its rules, and their comments. */
function tooManyKeys(answers: Record<string, unknown>, rules: AnswerRules, noun: string): string | undefined {
  const why = rules.byCommentKey.size > 0 ? `one per ${noun}, plus their comments` : `one per ${noun}`;
  return tooMany(Object.keys(answers).length, rules.byName.size + rules.byCommentKey.size, 'keys', why);
}

function tooMany(count: number, limit: number, what: string, why: string): string | undefined {
  return count > limit ? `${formatCount(count)} ${what}, at most ${formatCount(limit)} allowed (${why})` : undefined;
}

/**
 * The checks survey-core skips: is one answer the right JSON type, inside the
 * definition's choices, rows, columns, scale and limits? Returns one message per
 * problem ([] = fine). Every message quotes the offending value.
 *
 * A matrixdropdown's cells are answers objects of their own, so check-answers.ts
 * checks those (it owns the recursion); this file never imports it, which keeps
 * the dependency one way. check-answers.ts checks an answer's size first
 * (check-size.ts), so an array here holds at most one value per choice.
 */
import type { AnswerRule, ChoiceSet, DateLikeInputType, RatingScale } from './build-question-index.ts';
import { quoteValue } from './quote-value.ts';
import { checkAttachmentAnswer } from './attachment-rules.ts';

/** Rules whose answer holds answers objects (rows, items, panels): checkAnswers owns their recursion. */
export type NestedAnswerKind = 'matrixdropdown' | 'multipletext' | 'matrixdynamic' | 'paneldynamic';

/** Every rule but the nested ones. */
export type SingleAnswerRule = Exclude<AnswerRule, { kind: NestedAnswerKind }>;

export function checkAnswer(rule: SingleAnswerRule, value: unknown): string[] {
  switch (rule.kind) {
    case 'single':
      return checkSingleChoice(rule.choices, value);
    case 'multiple':
      return checkMultipleChoice(rule, value);
    case 'ranking':
      return checkRanking(rule, value);
    case 'rating':
      return checkRating(rule.values, rule.valueSet, rule.scale, value);
    case 'boolean':
      return rule.values.includes(value)
        ? []
        : [`expected ${quoteValue(rule.values[0])} or ${quoteValue(rule.values[1])}, got ${quoteValue(value)}`];
    case 'text':
      return rule.format !== undefined && typeof value === 'string' ? checkDateLike(rule.format, value) : checkText(rule.numeric, rule.maxLength, value);
    case 'matrix':
      return checkMatrix(rule, value);
    case 'computed':
      // Compared with survey-core's own result once the other answers are known (create-response-validator.ts).
      return [];
    case 'signature':
    case 'files':
      return checkAttachmentAnswer(rule, value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkText(numeric: boolean, maxLength: number | undefined, value: unknown): string[] {
  if (numeric) {
    return typeof value === 'number' && Number.isFinite(value) ? [] : [`expected a number, got ${quoteValue(value)}`];
  }
  if (typeof value !== 'string') return [`expected text, got ${quoteValue(value)}`];
  // `.length` counts UTF-16 units, as the browser's maxlength attribute does.
  if (maxLength !== undefined && value.length > maxLength) {
    return [`${quoteValue(value)} is ${value.length} characters long, over the limit of ${maxLength}`];
  }
  return [];
}

/**
 * The value strings of the browser's date and time inputs (HTML "valid date
 * string" and friends). survey-core stores what the input gives it, so a value
 * in any other shape was not typed into the form.
 */
const DATE_LIKE_FORMATS: Record<DateLikeInputType, { pattern: RegExp; shape: string }> = {
  date: { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, shape: 'a date (YYYY-MM-DD)' },
  'datetime-local': { pattern: /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$/, shape: 'a date and time (YYYY-MM-DDThh:mm)' },
  month: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, shape: 'a month (YYYY-MM)' },
  week: { pattern: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, shape: 'a week (YYYY-Www)' },
  time: { pattern: /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$/, shape: 'a time (hh:mm)' },
};

function checkDateLike(format: DateLikeInputType, value: string): string[] {
  const { pattern, shape } = DATE_LIKE_FORMATS[format];
  const match = pattern.exec(value);
  const hasDay = format === 'date' || format === 'datetime-local';
  // 2026-02-30 has the shape but is no day of the calendar.
  if (!match || (hasDay && !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])))) {
    return [`${quoteValue(value)} is not ${shape}`];
  }
  return [];
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year > 0 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function checkSingleChoice(choices: ChoiceSet, value: unknown): string[] {
  if (!isScalar(value)) return [`expected one choice, got ${quoteValue(value)}`];
  return choices.values.has(value) ? [] : [`${quoteValue(value)} is not one of the choices`];
}

/** Values outside the choices and repeated values, shared by checkbox/tagbox and ranking. */
function checkEachChoiceOnce(choices: ChoiceSet, values: unknown[], repeatedVerb: string): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  const reportedRepeats = new Set<unknown>();
  for (const value of values) {
    if (seen.has(value)) {
      if (choices.values.has(value) && !reportedRepeats.has(value)) problems.push(`${quoteValue(value)} is ${repeatedVerb} more than once`);
      reportedRepeats.add(value);
    } else if (!isScalar(value) || !choices.values.has(value)) {
      problems.push(`${quoteValue(value)} is not one of the choices`);
    }
    seen.add(value);
  }
  return problems;
}

/** Only the maximum: survey-core itself enforces minSelectedChoices (see check-core-rules.ts). */
function checkMaxSelected(values: unknown[], maxSelected: number, noun: string): string[] {
  if (values.length <= maxSelected) return [];
  return [`${quoteValue(values)} has ${values.length} ${noun}${values.length === 1 ? '' : 's'}, at most ${maxSelected} allowed`];
}

function checkMultipleChoice(rule: Extract<AnswerRule, { kind: 'multiple' }>, value: unknown): string[] {
  if (!Array.isArray(value)) return [`expected an array of choices, got ${quoteValue(value)}`];
  const problems = checkEachChoiceOnce(rule.choices, value, 'selected');
  if (problems.length > 0) return problems;
  if (value.length > 1) {
    const exclusive = value.find((choice) => rule.exclusiveValues.has(choice));
    if (exclusive !== undefined) return [`${quoteValue(exclusive)} cannot be combined with other choices, got ${quoteValue(value)}`];
  }
  return checkMaxSelected(value, rule.maxSelected, 'selection');
}

function checkRanking(rule: Extract<AnswerRule, { kind: 'ranking' }>, value: unknown): string[] {
  if (!Array.isArray(value)) return [`expected an array of ranked choices, got ${quoteValue(value)}`];
  const problems = checkEachChoiceOnce(rule.choices, value, 'ranked');
  if (problems.length > 0) return problems;
  if (rule.rankSubset) return checkMaxSelected(value, rule.maxSelected, 'ranked item');
  // Without selectToRankEnabled the client always sends every item in some order.
  const itemCount = rule.choices.values.size;
  if (value.length > 0 && value.length !== itemCount) {
    const ranked = new Set(value);
    const missing = [...rule.choices.values].filter((choice) => !ranked.has(choice));
    return [`${quoteValue(value)} ranks ${value.length} of the ${itemCount} items; missing ${missing.map(quoteValue).join(', ')}`];
  }
  return [];
}

function checkRating(values: readonly unknown[], valueSet: ReadonlySet<unknown>, scale: RatingScale | undefined, value: unknown): string[] {
  if (valueSet.has(value)) return [];
  if (scale === undefined) return [`${quoteValue(value)} is not one of the rating values ${values.map(quoteValue).join(', ')}`];
  const range = `${scale.min}..${scale.max}`;
  if (typeof value !== 'number') return [`expected a number on the rating scale ${range}, got ${quoteValue(value)}`];
  if (value < scale.min || value > scale.max) return [`${quoteValue(value)} is outside the rating scale ${range}`];
  return [`${quoteValue(value)} is not on the rating scale ${range} (step ${scale.step})`];
}

function checkMatrix(rule: Extract<AnswerRule, { kind: 'matrix' }>, value: unknown): string[] {
  if (!isPlainObject(value)) return [`expected an object with one answer per row, got ${quoteValue(value)}`];
  const problems: string[] = [];
  for (const row of Object.keys(value)) {
    if (!rule.rows.has(row)) {
      problems.push(`${quoteValue(row)} is not a row of this matrix`);
      continue;
    }
    const answer = value[row];
    const cells = rule.multiSelect ? answer : [answer];
    if (!Array.isArray(cells)) {
      problems.push(`row ${quoteValue(row)}: expected an array of columns, got ${quoteValue(answer)}`);
      continue;
    }
    const seen = new Set<unknown>();
    for (const cell of cells) {
      if (!isScalar(cell) || !rule.columns.has(cell)) problems.push(`row ${quoteValue(row)}: ${quoteValue(cell)} is not one of the columns`);
      else if (seen.has(cell)) problems.push(`row ${quoteValue(row)}: ${quoteValue(cell)} is selected more than once`);
      seen.add(cell);
    }
  }
  return problems;
}

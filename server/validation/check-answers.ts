/**
 * Checks an object of answers keyed by question name: the top level of a
 * response's `data`, or one row object of a matrixdropdown. Only own keys are
 * read (`Object.keys`), so a JSON `"__proto__"` key is just an unknown key.
 * An answer's size is checked first (check-size.ts), so the work below is
 * bounded by the definition for every answer, and linear in the number of
 * keys for the object itself.
 */
import type { AnswerRule, AnswerRules, QuestionRule } from './build-question-index.ts';
import { checkAnswer, checkText, isPlainObject, type SingleAnswerRule } from './check-answer.ts';
import { checkSize } from './check-size.ts';
import { cutText, quoteValue } from './quote-value.ts';

export interface AnswerProblem {
  /** The key in the answers object (its start only, when very long: see cutText). */
  key: string;
  /** The question (or matrix column) the key belongs to; undefined for a key that is not a question. */
  owner: string | undefined;
  message: string;
}

export interface CheckedAnswers {
  problems: AnswerProblem[];
  /** Keys whose value (and comment) passed, in the object's order. */
  acceptedKeys: string[];
  /** Keys that are not questions, beyond the first `describeUnknownKeys`: counted, not described. */
  moreUnknownKeys: number;
}

/**
 * @param describeUnknownKeys how many keys that are not questions get a problem of their own; the rest are
 * only counted (the top level of a hostile response can hold 25 000 of them, and only the first are shown)
 */
export function checkAnswers(rules: AnswerRules, answers: Record<string, unknown>, describeUnknownKeys = Infinity): CheckedAnswers {
  const problems: AnswerProblem[] = [];
  const acceptedKeys: string[] = [];
  let unknownKeys = 0;
  for (const key of Object.keys(answers)) {
    const value = answers[key];
    const question = rules.byName.get(key);
    if (question !== undefined) {
      const messages = ruleProblems(question.rule, value);
      // A name two questions share: the one value must pass both, each problem named once.
      for (const shared of question.sharedWith ?? []) {
        for (const message of ruleProblems(shared.rule, value)) if (!messages.includes(message)) messages.push(message);
      }
      for (const message of messages) problems.push({ key, owner: question.name, message });
      if (messages.length === 0) acceptedKeys.push(key);
      continue;
    }
    const commentOwner = rules.byCommentKey.get(key);
    if (commentOwner !== undefined) {
      const message = checkComment(commentOwner, key, value, answers);
      if (message === undefined) acceptedKeys.push(key);
      else problems.push({ key, owner: commentOwner.name, message });
      continue;
    }
    if (++unknownKeys > describeUnknownKeys) continue;
    // The key may be 250 000 characters long: it is named by its start only.
    const name = cutText(key);
    problems.push({ key: name, owner: undefined, message: `${JSON.stringify(name)} is not a question in this survey` });
  }
  return { problems, acceptedKeys, moreUnknownKeys: Math.max(0, unknownKeys - describeUnknownKeys) };
}

function ruleProblems(rule: AnswerRule, value: unknown): string[] {
  const tooBig = checkSize(rule, value);
  return tooBig !== undefined ? [tooBig] : (checkNested(rule, value) ?? checkAnswer(rule as SingleAnswerRule, value));
}

function checkComment(owner: QuestionRule, key: string, value: unknown, answers: Record<string, unknown>): string | undefined {
  const [problem] = checkText(false, owner.commentMaxLength, value);
  if (problem !== undefined) return `${quoteValue(key)}: ${problem}`;
  if (owner.comment === 'with-other' && !isOtherPicked(owner, answers)) {
    return `${quoteValue(key)} is only allowed when "other" is picked, got ${quoteValue(value)}`;
  }
  return undefined;
}

function isOtherPicked(owner: QuestionRule, answers: Record<string, unknown>): boolean {
  return [owner, ...(owner.sharedWith ?? [])].some((question) => isOwnOtherPicked(question, answers));
}

function isOwnOtherPicked(owner: QuestionRule, answers: Record<string, unknown>): boolean {
  const rule = owner.rule;
  if (rule.kind !== 'single' && rule.kind !== 'multiple') return false;
  const otherValue = rule.choices.otherValue;
  const answer = Object.hasOwn(answers, owner.name) ? answers[owner.name] : undefined;
  return Array.isArray(answer) ? answer.includes(otherValue) : answer === otherValue;
}

/** Answers that are answers objects themselves (rows, items, panels), checked like the top level; undefined for any other rule. */
function checkNested(rule: AnswerRule, value: unknown): string[] | undefined {
  switch (rule.kind) {
    case 'matrixdropdown':
      return checkMatrixDropdown(rule, value);
    case 'multipletext':
      if (!isPlainObject(value)) return [`expected an object keyed by item, got ${quoteValue(value)}`];
      return nestedProblems(rule.items, value, '', 'item', 'an item of this question');
    case 'matrixdynamic':
      return checkEach(value, 'row', (entry, index) => nestedProblems(rule.cells, entry, `row ${index + 1}, `, 'column', 'a column of this matrix'));
    case 'paneldynamic':
      return checkEach(value, 'panel', (entry, index) => nestedProblems(rule.panel, entry, `panel ${index + 1}, `, 'question', 'a question of this panel'));
    default:
      return undefined;
  }
}

/** A matrixdynamic's rows or a paneldynamic's panels: an array of answers objects (checkSize has seen it is no longer than the form allows). */
function checkEach(value: unknown, noun: string, check: (entry: Record<string, unknown>, index: number) => string[]): string[] {
  if (!Array.isArray(value)) return [`expected an array with one object per ${noun}, got ${quoteValue(value)}`];
  const problems: string[] = [];
  value.forEach((entry, index) => {
    if (!isPlainObject(entry)) problems.push(`${noun} ${index + 1}: expected an object, got ${quoteValue(entry)}`);
    else for (const problem of check(entry, index)) problems.push(problem);
  });
  return problems;
}

function nestedProblems(rules: AnswerRules, answers: Record<string, unknown>, prefix: string, noun: string, what: string): string[] {
  return checkAnswers(rules, answers).problems.map((problem) =>
    problem.owner === undefined
      ? `${prefix}${quoteValue(problem.key)} is not ${what}`
      : `${prefix}${noun} ${quoteValue(problem.owner)}: ${problem.message}`,
  );
}

/** Each row of a matrixdropdown is an answers object keyed by column: checked like the top level. */
function checkMatrixDropdown(rule: Extract<AnswerRule, { kind: 'matrixdropdown' }>, value: unknown): string[] {
  if (!isPlainObject(value)) return [`expected an object with one object per row, got ${quoteValue(value)}`];
  const problems: string[] = [];
  for (const row of Object.keys(value)) {
    if (!rule.rows.has(row)) {
      problems.push(`${quoteValue(row)} is not a row of this matrix`);
      continue;
    }
    const cells = value[row];
    if (!isPlainObject(cells)) {
      problems.push(`row ${quoteValue(row)}: expected an object keyed by column, got ${quoteValue(cells)}`);
      continue;
    }
    for (const problem of checkAnswers(rule.cells, cells).problems) {
      problems.push(
        problem.owner === undefined
          ? `row ${quoteValue(row)}: ${quoteValue(problem.key)} is not a column of this matrix`
          : `row ${quoteValue(row)}, column ${quoteValue(problem.owner)}: ${problem.message}`,
      );
    }
  }
  return problems;
}

/**
 * Applies the compiled survey-core checks (build-core-rules.ts) to one
 * response's answers, plus the one check survey-core only applies in the
 * browser: an answer to a question that this response's own data hides. The
 * SurveyJS client drops such answers on completion (clearInvisibleValues
 * "onComplete"), so a response carrying one was not produced by the form.
 *
 * `answers` holds only answers that passed the strict checks; conditions see
 * them exactly as survey-core would see the response's data.
 */
import type { CoreNode, CoreQuestionRule, CoreRules, ValueLimits } from './build-core-rules.ts';
import { describeFilter, shownValues, type ItemFilter } from './build-dynamic-choices.ts';
import { isPlainObject } from './check-answer.ts';
import { quoteValue } from './quote-value.ts';
import { asStored } from './build-logic.ts';
import { computedFor, isSameStored, sentBut } from './computed-refusal.ts';

/** Messages by question name, for questions with problems, in definition order. */
/**
 * @param values what conditions and validators read: the answers plus what survey-core computes from them
 * (calculated values, expression questions: build-logic.ts); the answers themselves when nothing is computed
 */
export function checkCoreRules(
  rules: CoreRules,
  answers: Record<string, unknown>,
  commentSuffix: string,
  values: Record<string, unknown> = answers,
  /** Questions (lower-case value names) the form did not validate for this response (after a complete trigger, skipped over: check-triggers.ts). */
  unvalidated?: ReadonlySet<string>,
): Map<string, string[]> {
  const outcomes = new Map<string, { visible: string[] | undefined; hidden: string[] }>();
  for (const page of rules.pages) {
    visitNode(page, { values, answers, commentSuffix, refuseHiddenAnswers: rules.refuseHiddenAnswers, unvalidated }, undefined, false, false, (name, messages, hidden) => {
      const outcome = outcomes.get(name) ?? { visible: undefined, hidden: [] };
      outcomes.set(name, outcome);
      if (!hidden) outcome.visible = outcome.visible === undefined ? messages : mergeMessages(outcome.visible, messages);
      else if (outcome.hidden.length === 0) outcome.hidden = messages;
    });
  }
  // Two questions may share a name (one value): survey-core checks each visible one, and
  // calls the value hidden only when no question with that name is visible (hasVisibleQuestionByValueName).
  const problems = new Map<string, string[]>();
  for (const [name, { visible, hidden }] of outcomes) {
    const messages = visible ?? hidden;
    if (messages.length > 0) problems.set(name, messages);
  }
  return problems;
}

/** Both questions' messages, each once, in definition order. */
function mergeMessages(known: string[], messages: string[]): string[] {
  // A Set: a matrixdynamic of 1 000 rows can have thousands of messages.
  return [...new Set([...known, ...messages])];
}

interface Scope {
  /** What conditions see: the response, plus `panel` inside a dynamic panel. */
  values: Record<string, unknown>;
  /** Where this scope's answers are: the response, or one panel's object. */
  answers: Record<string, unknown>;
  commentSuffix: string;
  refuseHiddenAnswers: boolean;
  /** Questions the form did not validate: only their hidden answers are refused (survey-core clears them on completion). */
  unvalidated: ReadonlySet<string> | undefined;
}

/** @param parentMayBeHidden a visibleIf above reads a value the page sets: shown or hidden, the server cannot tell */
function visitNode(
  node: CoreNode,
  scope: Scope,
  parentHiddenBy: string | undefined,
  parentReadOnly: boolean,
  parentMayBeHidden: boolean,
  /** Called for every question, with or without messages: `hidden` when this response hides it. */
  report: (name: string, messages: string[], hidden: boolean) => void,
): void {
  const { values, answers } = scope;
  const mayBeHidden = parentMayBeHidden || node.visibleIf?.readsHostVariable === true;
  // The innermost hidden element names the reason, as a respondent would see it.
  const ownHiddenBy = node.visibleIf?.readsHostVariable !== true && isHidden(node, values) ? describeHiding(node) : undefined;
  const hiddenBy = ownHiddenBy ?? parentHiddenBy;
  // survey-core skips all checks on a read-only (enableIf false) question; an enableIf on a
  // value the page sets may be false, so nothing it guards is refused.
  const readOnly = parentReadOnly || (node.enableIf !== undefined ? node.enableIf.readsHostVariable || !node.enableIf.isTrue(values) : node.readOnly);
  if (node.kind === 'container') {
    for (const child of node.children) visitNode(child, scope, hiddenBy, readOnly, mayBeHidden, report);
    return;
  }
  const value = answerOf(answers, node.name);
  const messages = hiddenBy !== undefined
    ? hiddenAnswerProblems(node.name, hiddenBy, answers, scope.commentSuffix, scope.refuseHiddenAnswers)
    : readOnly || scope.unvalidated?.has(node.name.toLowerCase()) || (mayBeHidden && isEmptyAnswer(value, node.rule.trimBeforeEmptyCheck)) ? [] : questionProblems(node.rule, value, values, scope);
  report(node.name, messages, hiddenBy !== undefined);
}

function answerOf(answers: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(answers, key) ? answers[key] : undefined;
}

function isHidden(node: CoreNode, answers: Record<string, unknown>): boolean {
  return node.visibleIf !== undefined ? !node.visibleIf.isTrue(answers) : !node.visible;
}

function describeHiding(node: CoreNode): string {
  return node.visibleIf !== undefined
    ? `${node.owner} visibleIf ${quoteValue(node.visibleIf.expression)} is false`
    : `${node.owner} visible is false`;
}

function hiddenAnswerProblems(name: string, hiddenBy: string, answers: Record<string, unknown>, commentSuffix: string, refuse: boolean): string[] {
  if (!refuse) return [];
  const answered = answerOf(answers, name) ?? answerOf(answers, name + commentSuffix);
  return answered === undefined ? [] : [`${quoteValue(answered)} answers a question that is hidden for this response (${hiddenBy})`];
}

/** survey-core's emptiness: trimmed text, [], or an object whose values are all empty. */
function isEmptyAnswer(value: unknown, trimStrings: boolean): boolean {
  const trimmed = trimStrings && typeof value === 'string' ? value.trim() : value;
  return isEmptyValue(trimmed);
}

function isEmptyValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).every((key) => isEmptyValue(value[key]));
  return !value && value !== 0 && value !== false;
}

/** The messages survey-core would show on one visible, editable question, in survey-core's order. */
function questionProblems(rule: CoreQuestionRule, value: unknown, values: Record<string, unknown>, scope: Scope): string[] {
  const messages = ownProblems(rule, value, values, scope.answers).map((message) => withValue(value, message));
  // Loops, not push(...): a matrixdynamic of 1 000 rows can have thousands of messages.
  if (rule.cells !== undefined) {
    const shownRows = rule.shownItems?.rows !== undefined ? new Set(shownValues(rule.shownItems.rows, values, value).map(String)) : undefined;
    for (const message of cellProblems(rule.cells, value, values, shownRows)) messages.push(message);
  }
  if (rule.items !== undefined) for (const message of itemProblems(rule.items, value, values)) messages.push(message);
  if (rule.panelTemplate !== undefined) {
    if (Array.isArray(value) && value.length > 0 && value.length < rule.minPanels) {
      const panels = value.length === 1 ? '1 panel' : `${value.length} panels`;
      messages.push(withValue(value, `${panels}, fewer than the ${rule.minPanels} the form always shows (minPanelCount)`));
    }
    for (const message of panelProblems(rule.panelTemplate, value, rule.minPanels, scope)) messages.push(message);
  }
  return messages;
}

/** multipletext: each item is checked like a question whose answer sits in the question's object. */
function itemProblems(items: NonNullable<CoreQuestionRule['items']>, value: unknown, values: Record<string, unknown>): string[] {
  const object = isPlainObject(value) ? value : {};
  return items.flatMap(({ name, rule }) => {
    const itemValue = answerOf(object, name);
    return ownProblems(rule, itemValue, values, object).map((message) => `item ${quoteValue(name)}: ${withValue(itemValue, message)}`);
  });
}

/** paneldynamic: the template once per panel, conditions seeing `{panel.…}` as that panel's answers. */
function panelProblems(template: CoreNode[], value: unknown, minPanels: number, scope: Scope): string[] {
  // The form always shows minPanelCount panels, so their required questions are checked even when the
  // response holds fewer (none at all, or []), as survey-core checks them.
  const entries: unknown[] = Array.isArray(value) ? value : [];
  const messages: string[] = [];
  // One copy of the response for all panels, `panel` set to each in turn (conditions run synchronously).
  const values: Record<string, unknown> = { ...scope.values };
  const count = Math.max(entries.length, minPanels);
  for (let index = 0; index < count; index++) {
    const entry = entries[index];
    const panel = isPlainObject(entry) ? entry : {};
    values.panel = panel;
    // survey-core's {panelIndex}: the panel's position, from 0. {visiblePanelIndex} counts the shown panels only, and
    // every panel is shown (templateVisibleIf, which hides some, is refused in build-core-rules.ts).
    values.panelIndex = index;
    values.visiblePanelIndex = index;
    const panelScope: Scope = { ...scope, values, answers: panel };
    for (const node of template) {
      visitNode(node, panelScope, undefined, false, false, (name, found) => {
        for (const message of found) messages.push(`panel ${index + 1}, question ${quoteValue(name)}: ${message}`);
      });
    }
  }
  return messages;
}

/**
 * @param answers the whole response, for conditions and expression validators
 * @param siblings the object holding `value` (the response, or a matrix row), where its "-Comment" lives
 */
function ownProblems(rule: CoreQuestionRule, value: unknown, answers: Record<string, unknown>, siblings: Record<string, unknown>): string[] {
  const messages: string[] = [];
  // An expression question in a panel or a row: a sent value must be what survey-core computes (one left out is fine).
  if (rule.computed !== undefined && value !== undefined) {
    const sent = asStored(value);
    const computed = asStored(rule.computed.run(answers));
    if (!isSameStored(sent, computed)) {
      messages.push(sentBut(sent, computedFor(`its expression ${quoteValue(rule.computed.expression)}`, 'gives', computed)));
    }
  }
  const empty = isEmptyAnswer(value, rule.trimBeforeEmptyCheck);
  // A requiredIf on a value the page sets may be false: an empty answer is then fine.
  const required = rule.requiredIf !== undefined ? !rule.requiredIf.readsHostVariable && rule.requiredIf.isTrue(answers) : rule.required;
  if (empty && required) messages.push(rule.requiredMessage);
  if (rule.otherComment !== undefined && isPicked(value, rule.otherComment.value) && !answerOf(siblings, rule.otherComment.commentKey)) {
    messages.push(rule.otherComment.message);
  }
  if (rule.eachRowRequired !== undefined) {
    const rows = isPlainObject(value) ? value : {};
    // Only the rows the form shows are required (rowsVisibleIf, a row's visibleIf).
    const shown = rule.shownItems?.rows !== undefined ? new Set(shownValues(rule.shownItems.rows, answers, value).map(String)) : undefined;
    const required = shown === undefined ? rule.eachRowRequired.rows : rule.eachRowRequired.rows.filter((row) => shown.has(row));
    if (required.some((row) => isEmptyAnswer(answerOf(rows, row), true))) messages.push(rule.eachRowRequired.message);
  }
  // A picked value the form does not show for these answers: survey-core clears it the moment its choice disappears.
  if (rule.dynamicChoices !== undefined && !empty) {
    const shown = rule.dynamicChoices.shown(answers);
    for (const picked of Array.isArray(value) ? value : [value]) {
      if (shown.has(picked)) continue;
      // withValue quotes the answer in front: a single value is not quoted twice.
      const what = Array.isArray(value) ? `${quoteValue(picked)} is not` : 'not';
      messages.push(`${what} one of the choices the form shows for this response (${rule.dynamicChoices.why(picked)})`);
    }
  }
  if (rule.shownItems !== undefined && isPlainObject(value)) {
    for (const message of hiddenItemProblems(rule.shownItems, value, answers, rule.cells !== undefined)) messages.push(message);
  }
  if (rule.minSelected !== undefined) {
    const selected = Array.isArray(value) ? value : [];
    const onlyExclusive = selected.length === 1 && rule.minSelected.exclusiveValues.has(selected[0]);
    if (!onlyExclusive && selected.length < rule.minSelected.count) messages.push(rule.minSelected.message);
  }
  if (rule.valueLimits !== undefined && !empty) messages.push(...limitProblems(rule.valueLimits, value));
  const emailProblem = rule.emailCheck?.(value, answers);
  if (emailProblem !== undefined) messages.push(emailProblem);
  // Like survey-core, validators run only on an answer without other errors.
  if (messages.length > 0) return messages;
  for (const validator of rule.validators) {
    const message = validator(value, answers);
    if (message !== undefined) messages.push(message);
  }
  return messages;
}

/** survey-core's isValueLessMin, isValueGreaterMax and isStepNumberIncorrect, in its order. */
function limitProblems(limits: ValueLimits, value: unknown): string[] {
  const messages: string[] = [];
  const comparable = limits.comparable(value) as number;
  if (limits.min !== undefined && comparable < (limits.min as number)) messages.push(limits.minMessage);
  if (limits.max !== undefined && comparable > (limits.max as number)) messages.push(limits.maxMessage);
  if (limits.step !== undefined && typeof value === 'number' && !isMultipleOfStep(value, limits.step.step)) messages.push(limits.step.message);
  return messages;
}

/** survey-core's isStepNumberIncorrect: scale both to integers (up to 6 decimals), then take the remainder. */
function isMultipleOfStep(value: number, step: number): boolean {
  let scale = 1;
  while ((Math.round(step * scale) / scale !== step || Math.round(value * scale) / scale !== value) && scale < 1_000_000) scale *= 10;
  const scaledStep = Math.round(step * scale);
  return !(scaledStep > 0 && Math.round(value * scale) % scaledStep !== 0);
}

/**
 * A matrix's answer in a row or column the form hides for this response: survey-core clears it on completion
 * (clearInvisibleValues "onComplete"), so a response holding it was not sent by the form.
 */
function hiddenItemProblems(items: NonNullable<CoreQuestionRule['shownItems']>, value: Record<string, unknown>, answers: Record<string, unknown>, hasCells: boolean): string[] {
  const messages: string[] = [];
  const shownRows = items.rows !== undefined ? new Set(shownValues(items.rows, answers, value).map(String)) : undefined;
  const shownColumns = items.columns !== undefined ? new Set(shownValues(items.columns, answers, value)) : undefined;
  for (const row of Object.keys(value)) {
    const cell = value[row];
    // survey-core's clearInvisibleValuesInRowsAndColumns skips a falsy answer (`!!updatedData[key]`): a 0 column stays.
    if (!cell || isEmptyValue(cell)) continue;
    if (shownRows !== undefined && !shownRows.has(row)) {
      messages.push(`row ${quoteValue(row)}: ${quoteValue(cell)} answers a row that is hidden for this response (${describeFilter(items.rows!, rowValue(items.rows!, row))})`);
      continue;
    }
    if (shownColumns === undefined || hasCells) continue;
    for (const picked of Array.isArray(cell) ? cell : [cell]) {
      if (!shownColumns.has(picked)) {
        messages.push(`row ${quoteValue(row)}: ${quoteValue(picked)} is in a column that is hidden for this response (${describeFilter(items.columns!, picked)})`);
      }
    }
  }
  return messages;
}

/** A row's value as the definition gives it (rows are keyed by their value's text in the answer). */
function rowValue(filter: ItemFilter, key: string): unknown {
  return filter.items.find((item) => String(item.value) === key)?.value ?? key;
}

function isPicked(value: unknown, choice: unknown): boolean {
  return Array.isArray(value) ? value.includes(choice) : value === choice;
}

function cellProblems(cells: NonNullable<CoreQuestionRule['cells']>, value: unknown, answers: Record<string, unknown>, shownRows?: ReadonlySet<string>): string[] {
  const messages: string[] = [];
  const matrix = isPlainObject(value) ? value : {};
  const entries = Array.isArray(value) ? value : [];
  if (cells.minRowsFilled !== undefined && !isEmptyValue(value)) {
    // A required matrixdynamic with minRowCount: survey-core counts the rows with anything in them.
    const filled = entries.filter((entry) => !isEmptyValue(entry)).length;
    if (filled < cells.minRowsFilled.count) messages.push(withValue(value, cells.minRowsFilled.message));
  }
  // matrixdynamic: one row per array entry, named by position as in its messages elsewhere, and at least
  // minRowCount of them: the form shows that many rows even when the answer holds fewer.
  const allRows =
    cells.rows === 'each' ? Array.from({ length: Math.max(entries.length, cells.minRows) }, (_entry, index) => String(index)) : cells.rows;
  // A row the form hides is neither shown nor checked (its answer is refused by hiddenItemProblems).
  const rows = shownRows === undefined ? allRows : allRows.filter((row) => shownRows.has(row));
  // Column conditions see the response and `{row.…}`: one copy of the response, `row` set to each row in turn.
  const conditional = cells.columns.some((column) => column.visibleIf || column.enableIf || column.rule.requiredIf || column.rule.computed);
  const values: Record<string, unknown> = conditional ? { ...answers } : answers;
  for (const row of rows) {
    const rowValue = cells.rows === 'each' ? entries[Number(row)] : answerOf(matrix, row);
    const cellAnswers = isPlainObject(rowValue) ? rowValue : {};
    if (conditional) {
      values.row = cellAnswers;
      // survey-core's {rowIndex} counts the shown rows from 1; {rowName} (also {rowValue}, {item}) is a matrixdropdown row's value.
      values.rowIndex = (cells.rows === 'each' ? Number(row) : rows.indexOf(row)) + 1;
      if (cells.rowNames !== undefined && cells.rows !== 'each') values.rowName = values.rowValue = values.item = cells.rowNames[cells.rows.indexOf(row)];
    }
    for (const column of cells.columns) {
      if (column.readOnly) continue;
      // survey-core neither checks nor clears a hidden or disabled cell: its answer stays as sent.
      // A condition on a value the page sets may hold or not, so it neither hides nor disables here.
      const cellValue = answerOf(cellAnswers, column.name);
      if (column.visibleIf) {
        const hidden = column.visibleIf.readsHostVariable ? isEmptyAnswer(cellValue, column.rule.trimBeforeEmptyCheck) : !column.visibleIf.isTrue(values);
        if (hidden) continue;
      }
      if (column.enableIf && (column.enableIf.readsHostVariable || !column.enableIf.isTrue(values))) continue;
      for (const message of ownProblems(column.rule, cellValue, values, cellAnswers)) {
        const rowLabel = cells.rows === 'each' ? `row ${Number(row) + 1}` : `row ${quoteValue(row)}`;
        messages.push(`${rowLabel}, column ${quoteValue(column.name)}: ${withValue(cellValue, message)}`);
      }
    }
  }
  return messages;
}

function withValue(value: unknown, message: string): string {
  // A message that already names the value (a computed value's) is not prefixed with it again.
  return value === undefined || message.startsWith(`${quoteValue(value)} `) ? message : `${quoteValue(value)}: ${message}`;
}

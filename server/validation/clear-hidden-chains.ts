/**
 * Answers survey-core's own completion leaves behind in a chain of conditions
 * (docs/decisions/0024-hidden-answers-follow-survey-core-completion.md).
 *
 * A respondent answers A, then B (shown when A says so), then C (shown when B
 * says so), and then changes A. On completion, `clearInvisibleValues:
 * "onComplete"` clears B in one pass over the questions but does not re-run the
 * conditions, so C keeps its answer although nothing shows C any more. Such a
 * response is valid to survey-core, so the server must not refuse it; it stores
 * what survey-core would store had it cleared until nothing changed.
 *
 * Which answers: one to a question hidden by this response's own data, where
 * the condition that hides it reads a question that is itself hidden. Only
 * then can the form have shown it, with that other question still answered.
 * An answer hidden by a visible question's answer is still refused
 * (check-core-rules.ts): survey-core clears such an answer in its one pass, so
 * no form could have sent it.
 *
 * Repeated until nothing more is cleared: C cleared may hide D, and so on.
 * Only the top level of the response: dynamic panels keep their own rules.
 */
import { Model } from 'survey-core';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { buildCoreRules, type Condition, type CoreNode, type CoreQuestionRule, type CoreRules } from './build-core-rules.ts';
import { asStored, computeValues, type Logic } from './build-logic.ts';
import type { Triggers } from './build-triggers.ts';
import { triggerValueToFill } from './check-triggers.ts';
import { isPlainObject } from './check-answer.ts';
import { shownValues } from './build-dynamic-choices.ts';

export interface ClearedAnswers {
  /** The response's data less the cleared keys; the same object when nothing was cleared. */
  data: Record<string, unknown>;
  /** The keys cleared (answers and their "-Comment" texts), in definition order. */
  cleared: string[];
}

export type HiddenChainClearer = (data: Record<string, unknown>) => ClearedAnswers;

const clearers = new WeakMap<SurveyDefinition, HiddenChainClearer>();

/** The cached clearer of a definition, built like its validator (validate-response.ts). */
export function hiddenChainClearerFor(definition: SurveyDefinition): HiddenChainClearer {
  let clearer = clearers.get(definition);
  if (clearer === undefined) {
    const model = new Model(definition.json);
    const hostVariables = Array.isArray(definition.json.variables) ? (definition.json.variables as unknown[]).map(String) : [];
    clearer = createHiddenChainClearer(buildCoreRules(model, definition.source, hostVariables), model.commentSuffix);
    clearers.set(definition, clearer);
  }
  return clearer;
}

export function createHiddenChainClearer(rules: CoreRules, commentSuffix: string): HiddenChainClearer {
  const logic = rules.logic;
  // What conditions read: the answers plus what survey-core computes from them (build-logic.ts).
  const valuesOf = (data: Record<string, unknown>) => (logic === undefined ? data : computeValues(logic, data));
  const clearChains: HiddenChainClearer = !rules.refuseHiddenAnswers
    ? // A definition that keeps hidden answers (clearInvisibleValues "none") clears nothing.
      (data) => ({ data, cleared: [] })
    : (data) => {
        let values = data;
        const cleared: string[] = [];
        // Each pass clears at least one answer, so there are at most as many passes as answers.
        for (;;) {
          const { hidden, answeredHidden } = hiddenQuestions(rules.pages, values, valuesOf(values));
          const chained = answeredHidden.filter(({ name, hiddenBy }) =>
            hiddenBy.some((condition) => condition.reads.some((read) => read !== name.toLowerCase() && hidden.has(read))),
          );
          if (chained.length === 0) return { data: values, cleared };
          const next: Record<string, unknown> = { ...values };
          for (const { name } of chained) {
            for (const key of [name, name + commentSuffix]) {
              if (!Object.hasOwn(next, key)) continue;
              delete next[key];
              cleared.push(key);
            }
          }
          values = next;
        }
      };
  const triggers = rules.triggers;
  const nested = rules.pages.some(hasNestedComputed);
  if (logic === undefined && triggers === undefined && !nested) return clearChains;
  return (data) => {
    const result = clearChains(data);
    // Trigger values first: computed values may read them.
    if (triggers !== undefined) fillTriggerValues(rules, triggers, result.data, valuesOf);
    // Panels' and rows' computed values before the response's: a total may sum them.
    if (nested) fillNestedComputedValues(rules, result.data, valuesOf(result.data));
    if (logic !== undefined) fillComputedValues(rules, logic, result.data);
    return result;
  };
}

/** Whether a dynamic panel's template or a matrix column holds an expression question (build-core-rules.ts, nestedComputed). */
function hasNestedComputed(node: CoreNode): boolean {
  if (node.kind === 'container') return node.children.some(hasNestedComputed);
  return node.rule.computed !== undefined || (node.rule.panelTemplate ?? []).some(hasNestedComputed) || (node.rule.cells?.columns ?? []).some((column) => column.rule.computed !== undefined);
}

/**
 * The computed values of panels and matrix rows the response left out, set to survey-core's, as top-level ones are
 * (fillComputedValues): in each panel and each row the response holds, for each shown expression question or
 * expression column, in order, each seeing those set before it. `data` gets new arrays and objects where something was
 * filled; what was sent is never replaced (the validator refuses it if it differs: check-core-rules.ts).
 */
function fillNestedComputedValues(rules: CoreRules, data: Record<string, unknown>, values: Record<string, unknown>): void {
  const { hidden } = hiddenQuestions(rules.pages, data, values);
  const visit = (node: CoreNode): void => {
    if (node.kind === 'container') {
      node.children.forEach(visit);
      return;
    }
    if (!Object.hasOwn(data, node.name) || (rules.refuseHiddenAnswers && hidden.has(node.name.toLowerCase()))) return;
    const filled = fillNested(node.rule, data[node.name], values);
    if (filled !== data[node.name]) data[node.name] = filled;
  };
  rules.pages.forEach(visit);
}

/** One question's answer with its panels' or rows' computed values filled in; the same value when nothing was. */
function fillNested(rule: CoreQuestionRule, value: unknown, values: Record<string, unknown>): unknown {
  if (rule.panelTemplate !== undefined && Array.isArray(value)) {
    const template = rule.panelTemplate;
    let changed = false;
    const panels = value.map((entry, index) => {
      if (!isPlainObject(entry)) return entry;
      // {visiblePanelIndex} is {panelIndex}: every panel is shown (check-core-rules.ts).
      const scope: Record<string, unknown> = { ...values, panel: entry, panelIndex: index, visiblePanelIndex: index };
      const panel = fillScope(template, entry, scope, 'panel');
      if (panel !== entry) changed = true;
      return panel;
    });
    return changed ? panels : value;
  }
  const cells = rule.cells;
  if (cells === undefined || !cells.columns.some((column) => column.rule.computed !== undefined)) return value;
  const fillRow = (rowValue: unknown, rowIndex: number, rowName: unknown): unknown => {
    if (!isPlainObject(rowValue)) return rowValue;
    let row = rowValue;
    const scope: Record<string, unknown> = { ...values, row, rowIndex };
    if (cells.rowNames !== undefined) scope.rowName = scope.rowValue = scope.item = rowName;
    for (const column of cells.columns) {
      const computed = column.rule.computed;
      if (computed === undefined || Object.hasOwn(row, column.name)) continue;
      // survey-core neither shows nor checks a hidden cell: nothing is filled there.
      if (column.visibleIf !== undefined && (column.visibleIf.readsHostVariable || !column.visibleIf.isTrue(scope))) continue;
      const result = asStored(computed.run(scope));
      if (result === undefined) continue;
      row = { ...row, [column.name]: result };
      scope.row = row;
    }
    return row;
  };
  if (cells.rows === 'each') {
    if (!Array.isArray(value)) return value;
    let changed = false;
    const rows = value.map((entry, index) => {
      const row = fillRow(entry, index + 1, undefined);
      if (row !== entry) changed = true;
      return row;
    });
    return changed ? rows : value;
  }
  if (!isPlainObject(value)) return value;
  const shown = rule.shownItems?.rows !== undefined ? new Set(shownValues(rule.shownItems.rows, values, value).map(String)) : undefined;
  const shownRows = shown === undefined ? cells.rows : cells.rows.filter((row) => shown.has(row));
  let result = value;
  shownRows.forEach((row, index) => {
    if (!Object.hasOwn(value, row)) return;
    const filled = fillRow(value[row], index + 1, cells.rowNames?.[cells.rows.indexOf(row)]);
    if (filled !== value[row]) result = { ...result, [row]: filled };
  });
  return result;
}

/** A panel's answers with its shown computed questions filled in, in template order. */
function fillScope(nodes: CoreNode[], answers: Record<string, unknown>, scope: Record<string, unknown>, key: 'panel'): Record<string, unknown> {
  let filled = answers;
  const visit = (node: CoreNode): void => {
    const condition = node.visibleIf !== undefined && !node.visibleIf.readsHostVariable ? node.visibleIf : undefined;
    if (condition !== undefined ? !condition.isTrue(scope) : node.visibleIf === undefined && !node.visible) return;
    if (node.kind === 'container') {
      node.children.forEach(visit);
      return;
    }
    const computed = node.rule.computed;
    if (computed === undefined || Object.hasOwn(filled, node.name)) return;
    const result = asStored(computed.run(scope));
    if (result === undefined) return;
    filled = { ...filled, [node.name]: result };
    scope[key] = filled;
  };
  nodes.forEach(visit);
  return filled;
}

/**
 * As for computed values: a name only triggers set (build-triggers.ts) that the response left out, while a
 * trigger aimed at it is true for the response, is set to what that trigger sets, in `data` itself. Not when
 * its read-only question is hidden (survey-core clears it on completion). A value that was sent is never
 * replaced: the validator refuses it if the triggers cannot have set it (check-triggers.ts).
 */
function fillTriggerValues(
  rules: CoreRules,
  triggers: Triggers,
  data: Record<string, unknown>,
  valuesOf: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  const missing = triggers.targets.filter((target) => !Object.hasOwn(data, target.name));
  if (missing.length === 0) return;
  const values = valuesOf(data);
  const hidden = missing.some((target) => target.question) ? hiddenQuestions(rules.pages, data, values).hidden : undefined;
  for (const target of missing) {
    if (target.question && rules.refuseHiddenAnswers && hidden?.has(target.name.toLowerCase())) continue;
    const fill = triggerValueToFill(target, values);
    if (fill !== undefined) data[target.name] = fill.value;
  }
}

/**
 * "The computed value is stored": a computed value the response left out (an expression question's, or a calculated
 * value with includeIntoResult) is set to survey-core's, in `data` itself, so the route stores it. Only where survey-core
 * keeps it: an expression question hidden on completion is cleared, not filled. A value that was sent is never replaced:
 * the validator refuses it if it differs (create-response-validator.ts).
 */
function fillComputedValues(rules: CoreRules, logic: Logic, data: Record<string, unknown>): void {
  const missing = [...logic.inData.keys()].filter((name) => !Object.hasOwn(data, name));
  if (missing.length === 0) return;
  const values = computeValues(logic, data);
  const { hidden } = hiddenQuestions(rules.pages, data, values);
  for (const name of missing) {
    const value = asStored(values[name]);
    const keepsIt = rules.refuseHiddenAnswers ? !hidden.has(name.toLowerCase()) : true;
    if (value !== undefined && keepsIt) data[name] = value;
  }
}

interface HiddenAnswer {
  name: string;
  /** The false visibleIf conditions of the question and the panels and page around it. */
  hiddenBy: Condition[];
}

/**
 * Names whose every question is hidden, and the answers to them. Two questions may share a
 * name (one value): like survey-core's hasVisibleQuestionByValueName, one shown question keeps it.
 */
function hiddenQuestions(
  pages: CoreNode[],
  values: Record<string, unknown>,
  /** What conditions read: `values` plus computed values. */
  conditionValues: Record<string, unknown> = values,
): { hidden: Set<string>; answeredHidden: HiddenAnswer[] } {
  const hiddenNodes = new Set<string>();
  const visible = new Set<string>();
  const answeredHiddenNodes: HiddenAnswer[] = [];
  const visit = (node: CoreNode, parentHiddenBy: Condition[], parentHidden: boolean) => {
    // A condition on a value the page sets never hides on the server (check-core-rules.ts).
    const condition = node.visibleIf !== undefined && !node.visibleIf.readsHostVariable ? node.visibleIf : undefined;
    const ownFalse = condition !== undefined ? !condition.isTrue(conditionValues) : node.visibleIf === undefined && !node.visible;
    const hiddenBy = ownFalse && condition !== undefined ? [...parentHiddenBy, condition] : parentHiddenBy;
    const isHidden = parentHidden || ownFalse;
    if (node.kind === 'container') {
      for (const child of node.children) visit(child, hiddenBy, isHidden);
      return;
    }
    if (!isHidden) {
      visible.add(node.name.toLowerCase());
      return;
    }
    hiddenNodes.add(node.name.toLowerCase());
    if (Object.hasOwn(values, node.name)) answeredHiddenNodes.push({ name: node.name, hiddenBy });
  };
  for (const page of pages) visit(page, [], false);
  const hidden = new Set([...hiddenNodes].filter((name) => !visible.has(name)));
  const answeredHidden = answeredHiddenNodes.filter(({ name }) => hidden.has(name.toLowerCase()));
  return { hidden, answeredHidden };
}

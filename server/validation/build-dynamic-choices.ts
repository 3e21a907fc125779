/**
 * Choices, rows and columns that depend on the answers (issue 22, item 1):
 * `choicesVisibleIf`, a choice's own `visibleIf`, `choicesFromQuestion` with
 * `choicesFromQuestionMode`, and a matrix's `rowsVisibleIf`/`columnsVisibleIf`
 * and its rows' and columns' `visibleIf`. The form shows only the items whose
 * condition holds for the answers given, and survey-core clears a picked value
 * as soon as its item disappears (and, on completion, a hidden row's or
 * column's answer), so a response holding one was not sent by the form.
 *
 * What is reproduced, as survey-core's ItemValue.runConditionsForItems does it:
 * an item with its own visibleIf is shown by that condition alone, any other by
 * the question's choicesVisibleIf (rowsVisibleIf, columnsVisibleIf); `{item}`
 * (also `{choice}`, `{self}`) is the item's value. choicesFromQuestion copies the
 * source's shown choices without its special items (QuestionSelectBase.
 * getChoicesFromSelectQuestion): all of them, or only those picked ("selected")
 * or not picked ("unselected"), and in "selected" mode the source's "other"
 * when its text was given. Conditions run on survey-core's ConditionRunner,
 * compiled once per definition (build-core-rules.ts).
 *
 * `choicesEnableIf` and a choice's `enableIf` need no check: survey-core keeps
 * a value picked before its choice was disabled (clearValueOnDisableItems is
 * off by default), so any shown choice may be the answer.
 */
import type { Condition } from './condition.ts';

export interface ItemFilter {
  /** `ownVisibleIf`: a copied choice whose own visibleIf held for its source question (choicesFromQuestion), so it is shown. */
  items: Array<{ value: unknown; visibleIf: Condition | undefined; ownVisibleIf?: boolean }>;
  /** The question-wide condition (choicesVisibleIf, rowsVisibleIf, columnsVisibleIf) for items without their own. */
  all: Condition | undefined;
  /** Its property name, for messages. */
  allProperty: string;
  /**
   * A matrix's row names: in its row and column conditions survey-core reads `{name}` as the matrix's own answer
   * in that row before any question of that name (MatrixValueGetterContext), answered or not.
   */
  ownNames?: string[];
}

/** The values of the items this response's form shows. A condition on a value the page sets may hold: its item counts as shown. */
export function shownValues(filter: ItemFilter, values: Record<string, unknown>, ownValue?: unknown): unknown[] {
  const conditional = filter.all !== undefined || filter.items.some((item) => item.visibleIf !== undefined);
  if (!conditional) return filter.items.map((item) => item.value);
  // One copy of the values for every item: conditions run synchronously, `item` set to each in turn.
  const scope: Record<string, unknown> = Object.assign(Object.create(null), values);
  if (filter.ownNames !== undefined) {
    const own = typeof ownValue === 'object' && ownValue !== null && !Array.isArray(ownValue) ? (ownValue as Record<string, unknown>) : {};
    for (const name of filter.ownNames) scope[name] = Object.hasOwn(own, name) ? own[name] : undefined;
  }
  const shown: unknown[] = [];
  for (const item of filter.items) {
    const condition = item.ownVisibleIf ? undefined : (item.visibleIf ?? filter.all);
    if (condition !== undefined && !condition.readsHostVariable) {
      scope.item = scope.choice = scope.self = item.value;
      if (!condition.isTrue(scope)) continue;
    }
    shown.push(item.value);
  }
  return shown;
}

/** How a message names what hides an item. */
export function describeFilter(filter: ItemFilter, value: unknown): string {
  const item = filter.items.find((candidate) => candidate.value === value);
  const condition = item?.visibleIf ?? filter.all;
  if (condition === undefined) return 'not shown';
  return `${item?.visibleIf !== undefined ? 'its visibleIf' : filter.allProperty} ${JSON.stringify(condition.expression)} is false`;
}

/** A choice question whose choices depend on the answers. */
export interface DynamicChoices {
  /** Every value the form shows for these answers, special items (other, none, …) included. */
  shown(values: Record<string, unknown>): ReadonlySet<unknown>;
  /** Why a value is missing, for the message. */
  why(value: unknown): string;
}

export interface ChoicesFromQuestion {
  source: string;
  mode: 'all' | 'selected' | 'unselected';
  /** The source's shown choices, special items left out; `ownVisibleIf` when the choice has its own visibleIf. */
  sourceChoices: (values: Record<string, unknown>) => Array<{ value: unknown; ownVisibleIf: boolean }>;
  /** The source's "other" item value and comment key, when it has one; copied in "selected" mode with its text given. */
  sourceOther: { value: unknown; commentKey: string } | undefined;
}

/** The shown choices of a question: its own (or its source's) filtered, then its special items. */
export function buildDynamicChoices(filter: ItemFilter, fromQuestion: ChoicesFromQuestion | undefined, specialValues: unknown[]): {
  dynamic: DynamicChoices;
  /** Its shown choices without special items, for a question that copies them. */
  plain: (values: Record<string, unknown>) => Array<{ value: unknown; ownVisibleIf: boolean }>;
} {
  const plain = (values: Record<string, unknown>): Array<{ value: unknown; ownVisibleIf: boolean }> => {
    if (fromQuestion === undefined) {
      const shown = new Set(shownValues(filter, values));
      return filter.items.filter((item) => shown.has(item.value)).map((item) => ({ value: item.value, ownVisibleIf: item.visibleIf !== undefined || Boolean(item.ownVisibleIf) }));
    }
    const picked = values[fromQuestion.source];
    const isPicked = (value: unknown) => (Array.isArray(picked) ? picked.includes(value) : picked === value);
    const copied = fromQuestion.sourceChoices(values).filter(({ value }) =>
      fromQuestion.mode === 'all' ? true : fromQuestion.mode === 'selected' ? isPicked(value) : !isPicked(value),
    );
    // A copied choice keeps its own visibleIf, which held for the source; the others take this question's choicesVisibleIf.
    const kept = new Set(shownValues({ items: copied.map(({ value, ownVisibleIf }) => ({ value, visibleIf: undefined, ownVisibleIf })), all: filter.all, allProperty: filter.allProperty }, values));
    const shown = copied.filter(({ value }) => kept.has(value));
    const other = fromQuestion.sourceOther;
    if (fromQuestion.mode === 'selected' && other !== undefined && isPicked(other.value) && values[other.commentKey]) shown.push({ value: other.value, ownVisibleIf: false });
    return shown;
  };
  const why = (value: unknown) =>
    fromQuestion !== undefined
      ? `it takes its choices from ${JSON.stringify(fromQuestion.source)}${fromQuestion.mode === 'all' ? '' : ` (${fromQuestion.mode} ones)`}${filter.all ? ` filtered by choicesVisibleIf ${JSON.stringify(filter.all.expression)}` : ''}`
      : describeFilter(filter, value);
  return {
    dynamic: { shown: (values) => new Set([...plain(values).map(({ value }) => value), ...specialValues]), why },
    plain,
  };
}

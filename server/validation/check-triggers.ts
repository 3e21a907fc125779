/**
 * One response against the survey's compiled triggers (build-triggers.ts): the values only triggers set,
 * the pages survey-core does not validate (after a complete trigger, skipped over), and answers on pages
 * after a complete trigger where the form cannot go back.
 */
import type { CoreNode } from './build-core-rules.ts';
import { asStored } from './build-logic.ts';
import type { CompleteTrigger, TriggerTarget, Triggers } from './build-triggers.ts';
import { computedFor, describeStored, isSameStored, sentBut } from './computed-refusal.ts';
import { quoteValue } from './quote-value.ts';

export interface TriggerOutcome {
  /** [value name, message], in no particular order. */
  problems: Array<[string, string]>;
  /** Questions (lower-case value names) the form may not have validated for this response; undefined when none. */
  unvalidated: ReadonlySet<string> | undefined;
}

/**
 * @param answers the response's accepted answers
 * @param values what conditions read: the answers plus computed values
 * @param ownerOf the question (value name) an answer key belongs to, or undefined
 * @param computedNames names survey-core computes (expression questions, calculated values): not answers
 */
export function checkTriggers(
  triggers: Triggers,
  pages: CoreNode[],
  answers: Record<string, unknown>,
  values: Record<string, unknown>,
  ownerOf: (key: string) => string | undefined,
  computedNames: ReadonlySet<string>,
): TriggerOutcome {
  const problems: Array<[string, string]> = [];
  for (const target of triggers.targets) {
    if (!Object.hasOwn(answers, target.name)) continue;
    const sent = asStored(answers[target.name]);
    const judged = judgeTarget(target, values);
    if (judged === 'any') continue;
    if (judged.allowed.some((value) => isSameStored(value, sent))) continue;
    problems.push([target.name, sentBut(sent, judged.why)]);
  }

  // The questions between two places, exclusive, in the pages' order.
  let unvalidated: Set<string> | undefined;
  const waive = (after: number, before: number) => {
    for (const [name, place] of triggers.positionOf) if (place > after && place < before) (unvalidated ??= new Set()).add(name);
  };
  const completed = completion(triggers, pages, values);
  if (completed !== undefined) {
    // survey-core validates the page it completes on, up to the question the trigger reads (the kiosk may
    // split the page after it), and none after: the respondent may have left them invalid, going back.
    waive(completed.trigger.firstRead.get(completed.page)!, Infinity);
    if (!triggers.canGoBack && !completed.uncertain) {
      const targets = new Set(triggers.targets.map((target) => target.name));
      for (const key of Object.keys(answers)) {
        const owner = ownerOf(key);
        if (owner === undefined || computedNames.has(owner) || targets.has(owner)) continue;
        const page = triggers.pageOf.get(owner.toLowerCase());
        if (page === undefined || page <= completed.page) continue;
        const preset = triggers.presetAnswers.get(owner);
        if (preset === 'any' || (preset !== undefined && key === owner && isSameStored(preset.defaultValue, asStored(answers[key])))) continue;
        problems.push([
          owner,
          `${quoteValue(answers[key])} answers a question on page ${JSON.stringify(triggers.pageNames[page])}, but the form ends on page ` +
            `${JSON.stringify(triggers.pageNames[completed.page])} for this response: its ${completed.trigger.label} is true, and the form cannot go back`,
        ]);
      }
    }
  }
  for (const skip of triggers.skips) {
    if (skip.to <= skip.from + 1) continue;
    if (!skip.mayHaveFired && !skip.condition.readsHostVariable && !skip.condition.isTrue(values)) continue;
    waive(skip.from, skip.to);
  }
  return { problems, unvalidated };
}

/**
 * The value a trigger-only name must hold for these values, for the hidden-chain clearer to fill in
 * (clear-hidden-chains.ts); undefined when nothing is to be filled (no trigger aimed at it is true, or
 * what it sets depends on the order of answering).
 */
export function triggerValueToFill(target: TriggerTarget, values: Record<string, unknown>): { value: unknown } | undefined {
  const judged = judgeTarget(target, values);
  if (judged === 'any' || judged.fill === undefined || judged.fill.value === undefined) return undefined;
  return judged.fill;
}

interface Judged {
  /** The values the form can have sent (undefined: none). */
  allowed: unknown[];
  /** Why another is refused. */
  why: string;
  /** What the last trigger true for these values sets. */
  fill: { value: unknown } | undefined;
}

/**
 * survey-core runs a value trigger when a name its expression reads changes, and never undoes what it set.
 * So a trigger true for the final values ran last with them (what it sets now), and one false now may have
 * run earlier with other values (a setvalue's constant; anything for copyvalue and runexpression). One that
 * survey-core runs on every change (it reads an element property) ran at the last change, after which only
 * triggers later in the list that are true now can have set the name: what any earlier trigger set is gone.
 */
function judgeTarget(target: TriggerTarget, values: Record<string, unknown>): Judged | 'any' {
  let sets: Array<{ label: string; value: unknown }> = [];
  let earlier: Array<{ label: string; value: unknown }> = [];
  let unknown = false;
  for (const trigger of target.triggers) {
    const condition = trigger.condition;
    const isTrue = condition === undefined || (!condition.readsHostVariable && condition.isTrue(values));
    const result = isTrue ? trigger.result(values) : undefined;
    if (trigger.everyChange && typeof result === 'object') {
      // It set the name at the last change: what any trigger before it in the list set is overwritten.
      sets = [];
      earlier = [];
      unknown = false;
    }
    if (condition?.readsHostVariable) unknown = true;
    else if (result !== undefined) {
      if (result === 'unknown') unknown = true;
      else if (result !== 'nothing') sets.push({ label: trigger.label, value: result.value });
    } else if (trigger.constant !== undefined) {
      earlier.push({ label: trigger.label, value: trigger.constant.value });
    } else {
      unknown = true;
    }
  }
  if (unknown) return 'any';
  const last = sets.at(-1);
  const allowed = [...sets, ...earlier].map((item) => item.value);
  if (last === undefined) {
    allowed.push(undefined);
    const labels = earlier.map((item) => item.label).join(' or ');
    const setValues = [...new Set(earlier.map((item) => describeStored(item.value)))].join(' or ');
    return { allowed, why: `only its ${labels} sets it, to ${setValues}`, fill: undefined };
  }
  return { allowed, why: computedFor(`its ${last.label} is true and`, 'sets', last.value), fill: { value: last.value } };
}

/** The first page survey-core may have completed on, and the complete trigger it completed by. */
function completion(triggers: Triggers, pages: CoreNode[], values: Record<string, unknown>): { page: number; trigger: CompleteTrigger; uncertain: boolean } | undefined {
  if (triggers.completes.length === 0) return undefined;
  for (let page = 0; page < pages.length; page++) {
    if (!isShown(pages[page], values)) continue;
    for (const trigger of triggers.completes) {
      if (!trigger.pages.includes(page)) continue;
      if (trigger.condition.readsHostVariable) return { page, trigger, uncertain: true };
      // Where the form cannot go back, "Next" of this page saw no answer of a later page yet.
      const later = triggers.canGoBack ? undefined : trigger.readsLater.get(page);
      if (trigger.condition.isTrue(later === undefined ? values : without(values, later))) return { page, trigger, uncertain: false };
    }
  }
  return undefined;
}

function isShown(page: CoreNode, values: Record<string, unknown>): boolean {
  if (page.visibleIf !== undefined) return page.visibleIf.readsHostVariable || page.visibleIf.isTrue(values);
  return page.visible;
}

function without(values: Record<string, unknown>, lowerNames: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(values)) if (!lowerNames.includes(key.toLowerCase())) copy[key] = values[key];
  return copy;
}

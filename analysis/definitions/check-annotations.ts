/**
 * The question-level half of the annotation contract (docs/survey-definitions.md):
 * a known role, on a question type it fits, with what the role needs
 * (choices, rows, a set, an item), importance and satisfaction paired item by
 * item, and at most one cohort.
 */
import type { Finding } from './definition-problem.ts';
import type { ListedQuestion } from '../../core/definitions/list-questions.ts';
import { quote } from './quote.ts';
import type { AnalysisRole, MetaVariable } from '../../core/definitions/survey-definition.ts';

/** Which question types each role may annotate: the contract table. */
export const ROLE_QUESTION_TYPES: Record<AnalysisRole, readonly string[]> = {
  need: ['checkbox', 'ranking', 'tagbox'],
  importance: ['rating', 'matrix'],
  satisfaction: ['rating', 'matrix'],
  segment: ['radiogroup', 'dropdown'],
  cohort: ['radiogroup', 'dropdown'],
  attitude: ['rating', 'matrix', 'radiogroup', 'checkbox'],
  comment: ['text', 'comment'],
};
export const ANALYSIS_ROLES = Object.keys(ROLE_QUESTION_TYPES) as AnalysisRole[];

/** What each role unlocks in the report and the dashboard (docs/survey-definitions.md), for `check`'s hint. */
const ROLE_UNLOCKS: Record<AnalysisRole, string> = {
  need: 'the needs ranking with confidence intervals',
  importance: 'importance × satisfaction (with "satisfaction" in the same "set")',
  satisfaction: 'importance × satisfaction (with "importance" in the same "set")',
  segment: 'breakdowns and filters by group (ward, age band, purpose)',
  cohort: 'the generation-gap comparisons between cohorts',
  attitude: 'attitude items compared across cohorts',
  comment: 'the free-text comments panel',
};

/**
 * A survey with no annotation at all still collects and is still summarised;
 * this one warning says what each role would add, on which question types.
 */
export function describeMissingAnnotations(questions: ListedQuestion[], metaVariables: MetaVariable[]): Finding[] {
  if (questions.some((question) => question.analysis !== undefined) || metaVariables.some((meta) => meta?.analysis !== undefined)) return [];
  const roles = ANALYSIS_ROLES.map((role) => `"${role}" (${ROLE_QUESTION_TYPES[role].join(', ')}): ${ROLE_UNLOCKS[role]}`);
  return [{ severity: 'warning', message: `no question has an "analysis" annotation; adding one unlocks: ${roles.join('; ')}` }];
}

/**
 * For a survey that uses some roles: each role it does not use although it has a question that
 * could take it, with what that would unlock (issue 25). Hints for `check`, not problems: a visitor
 * exit survey may rightly have no cohort.
 */
export function describeUnusedRoles(questions: ListedQuestion[], metaVariables: MetaVariable[]): string[] {
  const used = new Set<string>();
  const roleOf = (annotation: unknown) =>
    typeof annotation === 'object' && annotation !== null && typeof (annotation as { role?: unknown }).role === 'string' ? (annotation as { role: string }).role : undefined;
  for (const question of questions) used.add(roleOf(question.analysis) ?? '');
  for (const meta of metaVariables) used.add(roleOf(meta?.analysis) ?? '');
  used.delete('');
  if (used.size === 0) return []; // describeMissingAnnotations says it all then
  const types = new Set(questions.map((question) => question.type));
  return ANALYSIS_ROLES.filter((role) => !used.has(role) && ROLE_QUESTION_TYPES[role].some((type) => types.has(type)))
    // importance × satisfaction is one feature: named once, unless half of it is there.
    .filter((role) => role !== 'satisfaction' || used.has('importance'))
    .map((role) => `no question has the role "${role}" (${ROLE_QUESTION_TYPES[role].join(', ')}); adding it unlocks ${ROLE_UNLOCKS[role]}`);
}

type PairRole = 'importance' | 'satisfaction';

/** For each set: item → the question that measures it, per half of the pair. */
type PairSets = Map<string, Record<PairRole, Map<string, string>>>;

export function checkAnnotations(
  json: Record<string, unknown>,
  questions: ListedQuestion[],
  metaVariables: MetaVariable[],
): Finding[] {
  const findings: Finding[] = [...annotationsOffQuestions(json)];
  const pairs: PairSets = new Map();
  const cohorts: string[] = metaVariables.filter((meta) => meta?.analysis?.role === 'cohort').map((meta) => meta.name);

  for (const question of questions) {
    if (question.analysis === undefined) continue;
    const report = (message: string) => findings.push({ question: question.name, message });
    const annotation = question.analysis as unknown;
    if (typeof annotation !== 'object' || annotation === null || Array.isArray(annotation)) {
      report(`"analysis" must be an object such as {"role":"segment"}, got ${quote(annotation)}`);
      continue;
    }
    const { role, set, item } = annotation as Record<string, unknown>;
    if (!ANALYSIS_ROLES.includes(role as AnalysisRole)) {
      report(`analysis role ${quote(role)} is unknown; use one of ${ANALYSIS_ROLES.join(', ')}`);
      continue;
    }
    const fits = ROLE_QUESTION_TYPES[role as AnalysisRole];
    if (!fits.includes(question.type)) {
      report(`analysis role "${role}" does not fit a ${question.type} question (it fits ${fits.join(', ')})`);
      continue;
    }
    if (question.scope !== undefined) {
      report(`analysis role "${role}" on a question inside dynamic panel "${question.scope}": analysis reads top-level answers only`);
      continue;
    }
    switch (role as AnalysisRole) {
      case 'need':
      case 'segment':
      case 'cohort':
        if (!question.choices?.length) report(`analysis role "${role}" needs the question to list its choices`);
        if (role === 'cohort') cohorts.push(question.name);
        break;
      case 'attitude':
        if (question.type === 'matrix' && !question.rows?.length) report('analysis role "attitude" on a matrix needs rows');
        break;
      case 'importance':
      case 'satisfaction': {
        if (typeof set !== 'string' || set === '') {
          report(`analysis role "${role}" needs a "set" naming its pair, e.g. {"role":"${role}","set":"service"}; got ${quote(set)}`);
          break;
        }
        const half = role as PairRole;
        const items = pairItems(question, item, half, report);
        const halves = pairs.get(set) ?? { importance: new Map(), satisfaction: new Map() };
        pairs.set(set, halves);
        for (const pairItem of items) {
          const other = halves[half].get(pairItem);
          if (other !== undefined) report(`set "${set}": item ${quote(pairItem)} already has a ${half} question, "${other}"`);
          else halves[half].set(pairItem, question.name);
        }
        break;
      }
      case 'comment':
        break;
    }
  }

  findings.push(...unpairedItems(pairs));
  if (cohorts.length > 1) {
    findings.push({ message: `a survey has at most one cohort, but ${cohorts.map((name) => `"${name}"`).join(' and ')} are annotated {"role":"cohort"}` });
  }
  return findings;
}

/** A matrix measures one item per row (matched by row value); a plain rating names its one item. */
function pairItems(question: ListedQuestion, item: unknown, role: string, report: (message: string) => void): string[] {
  if (question.type === 'rating') {
    if (typeof item !== 'string' || item === '') {
      report(`analysis role "${role}" on a rating needs "item", the key it is paired by, e.g. {"role":"${role}","set":"service","item":"waiting"}; got ${quote(item)}`);
      return [];
    }
    return [item];
  }
  if (item !== undefined) {
    report(`"item" is only for a plain rating; a matrix's items are its row values (remove "item": ${quote(item)})`);
  }
  if (!question.rows?.length) {
    report(`analysis role "${role}" on a matrix needs rows, one per item`);
    return [];
  }
  return question.rows.map((row) => String(row.value));
}

function unpairedItems(pairs: PairSets): Finding[] {
  const findings: Finding[] = [];
  for (const [set, halves] of pairs) {
    for (const [role, other] of [['importance', 'satisfaction'], ['satisfaction', 'importance']] as const) {
      if (halves[other].size === 0) {
        for (const question of new Set(halves[role].values())) {
          findings.push({ question, message: `set "${set}" has ${role} but no ${other} question: annotate one {"role":"${other}","set":"${set}"}` });
        }
        continue;
      }
      for (const [item, question] of halves[role]) {
        if (!halves[other].has(item)) {
          const otherQuestions = [...new Set(halves[other].values())].map((name) => `"${name}"`).join(', ');
          findings.push({ question, message: `set "${set}": item ${quote(item)} has ${role} but no ${other} (${otherQuestions} has no such row or item)` });
        }
      }
    }
  }
  return findings;
}

/** Pages and panels carry no answers of their own, so an annotation there is a mistake. */
function annotationsOffQuestions(json: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const visit = (element: unknown, where: string): void => {
    if (typeof element !== 'object' || element === null) return;
    const record = element as Record<string, unknown>;
    const type = where === 'page' ? 'page' : record.type;
    if (record.analysis !== undefined && (where === 'page' || type === 'panel' || type === 'html' || type === 'image')) {
      findings.push({ message: `${type} ${quote(record.name)} has an "analysis" annotation, but only questions have answers to analyse` });
    }
    for (const key of ['elements', 'templateElements']) {
      if (Array.isArray(record[key])) (record[key] as unknown[]).forEach((child) => visit(child, 'element'));
    }
  };
  if (Array.isArray(json.pages)) json.pages.forEach((page) => visit(page, 'page'));
  return findings;
}

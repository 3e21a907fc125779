/**
 * The differential test for triggers (issue 22): survey-core's own Model, with its own triggers running,
 * is the respondent. It answers the current page, sometimes changes its mind, presses "Next"
 * (`nextPage()`, which validates the page and runs complete triggers), "Previous" where the form shows it
 * (`prevPage()`), and "Complete" (`tryComplete()`) on the last page or where a complete trigger turned the
 * button into "Complete". Skip triggers jump while it answers. Each fixture runs in three forms:
 *
 * - the collection pages (COLLECTION_PAGES): they also show survey-core's progress steps, which the
 *   respondent clicks (`tryNavigateToPage`) to go back, or forward past a page without its complete trigger;
 * - the same on the kiosk, whose long pages are split (client/survey/split-long-pages.ts);
 * - a form with only the navigation buttons the definition asks for.
 *
 * - Valid: what the completed model holds, after the route's clearing and filling, is accepted.
 * - Tampered: a value only triggers set, changed to another, is refused naming both values, where
 *   survey-core's own `runTriggers()` on the response sets it; left out, it is filled in with survey-core's.
 * - After a complete trigger: an answer on a later page is refused, naming the trigger's expression, where
 *   the form cannot go back (showPrevButton false, no progress steps); where it can, survey-core keeps such
 *   answers (given before going back, or past the page by a progress step), so the server accepts them.
 *
 * Fixed seeds; `PROPERTY_RUNS_SCALE=10` searches deeper.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConditionRunner, type Question, type SurveyModel } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { createSeededRandom, randomInt, type RandomSource } from '../../../analysis/stats/seeded-random.ts';
import type { ApiErrorDetail, Submission } from '../../../contracts/submission.ts';
import type { SurveyDefinition, SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { hiddenChainClearerFor } from '../../../server/validation/clear-hidden-chains.ts';
import { splitLongPages } from '../../../client/survey/split-long-pages.ts';
import { COLLECTION_PAGES, type FormNavigation } from '../../../server/validation/build-triggers.ts';
import { createResponseValidator, type ResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';
import { setByTriggers } from './survey-core-mutations.ts';
import { answerQuestion, newModel, SKIPPED_TYPES } from './survey-core-respondent.ts';

/** survey-core keeps these two private in its typings; the form reads them (its "Complete" button, its state). */
function isCompleted(model: SurveyModel): boolean {
  return model.state === 'completed';
}
function canBeCompletedByTrigger(model: SurveyModel): boolean {
  return (model as unknown as { canBeCompletedByTrigger: boolean }).canBeCompletedByTrigger;
}

type AnyQuestion = Question & Record<string, any>;

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'triggers');

interface Walk {
  data: Record<string, unknown>;
  /** The page the model completed on, and whether a complete trigger completed it. */
  lastPage: string;
  byTrigger: boolean;
  wentBack: boolean;
}

/** One respondent, through survey-core's own navigation; undefined when it got stuck on errors. */
function walkModel(model: SurveyModel, form: FormNavigation, random: RandomSource): Walk | undefined {
  model.clearInvisibleValues = 'onComplete';
  let byTrigger = false;
  let wentBack = false;
  model.onComplete.add((_sender, options) => {
    byTrigger = Boolean((options as { isCompleteOnTrigger?: boolean }).isCompleteOnTrigger);
  });
  const visits = new Map<unknown, number>();
  for (let step = 0; step < 40 && !isCompleted(model); step++) {
    const page = model.currentPage;
    const revisit = (visits.get(page) ?? 0) > 0;
    visits.set(page, (visits.get(page) ?? 0) + 1);
    answerPage(model, page, random, revisit ? 0.4 : 1);
    if (isCompleted(model) || model.currentPage !== page) continue; // a skip trigger moved on
    if (!model.isFirstPage && model.isShowPrevButton && random() < 0.2) {
      wentBack = true;
      model.prevPage();
      continue;
    }
    if (form.progressSteps && random() < 0.2) {
      // A progress step: back without validating, or forward past pages (validated) without their triggers.
      const pages = model.visiblePages;
      const here = pages.indexOf(page);
      const to = here > 0 && random() < 0.5 ? pages[randomInt(random, here)] : pages[randomInt(random, pages.length)];
      if (to !== page && model.tryNavigateToPage(to)) {
        if (pages.indexOf(to) < pages.indexOf(page)) wentBack = true;
        continue;
      }
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const moved = model.isLastPage || canBeCompletedByTrigger(model) ? model.tryComplete() : model.nextPage();
      if (moved || isCompleted(model)) break;
      // As a respondent does when the page shows errors: answer again what survey-core finds wrong.
      for (const question of page.questions as AnyQuestion[]) {
        if (question.isVisible && !question.isReadOnly && !SKIPPED_TYPES.has(question.getType()) && question.hasErrors(false)) answerQuestion(question, random);
      }
    }
    if (!isCompleted(model) && model.currentPage === page) return undefined;
  }
  if (!isCompleted(model)) return undefined;
  return { data: structuredClone(model.data) as Record<string, unknown>, lastPage: (model.currentPage as { name: string }).name, byTrigger, wentBack };
}

/** Answers the page's visible, editable questions in order, each with probability `share`; sometimes changes one. */
function answerPage(model: SurveyModel, page: SurveyModel['currentPage'], random: RandomSource, share: number): void {
  const done = new Set<AnyQuestion>();
  for (;;) {
    if (isCompleted(model) || model.currentPage !== page) return;
    const next = (page.questions as AnyQuestion[]).find((q) => !done.has(q) && q.isVisible && !q.isReadOnly && !SKIPPED_TYPES.has(q.getType()));
    if (next === undefined) break;
    done.add(next);
    if (random() >= share) continue;
    if (!next.isRequired && random() < 0.2 && !next.hasErrors(false)) continue;
    answerQuestion(next, random);
  }
  const answered = [...done];
  if (answered.length > 0 && random() < 0.3) {
    const earlier = answered[randomInt(random, answered.length)];
    if (earlier.isVisible && !earlier.isReadOnly) answerQuestion(earlier, random);
  }
}

function submissionOf(definition: SurveyDefinition, data: Record<string, unknown>): Submission {
  return {
    submissionId: '00000000-0000-4000-8000-000000000000',
    surveyVersion: definition.version,
    channel: 'online',
    meta: { locale: 'ja' } as Submission['meta'],
    startedAt: '2026-01-01T00:00:00Z',
    completedAt: '2026-01-01T00:05:00Z',
    data,
  };
}

const validators = new Map<FormNavigation, WeakMap<SurveyDefinition, ResponseValidator>>();

/** What the route does: clear hidden chains and fill in computed and trigger values, then validate. */
function serverVerdict(definition: SurveyDefinition, form: FormNavigation, data: Record<string, unknown>): { problems: ApiErrorDetail[]; kept: Record<string, unknown> } {
  const byDefinition = validators.get(form) ?? new WeakMap<SurveyDefinition, ResponseValidator>();
  validators.set(form, byDefinition);
  let validate = byDefinition.get(definition);
  if (validate === undefined) byDefinition.set(definition, (validate = createResponseValidator(definition, form)));
  const { data: kept } = hiddenChainClearerFor(definition)(structuredClone(data));
  return { problems: validate(submissionOf(definition, kept)), kept };
}

/**
 * Names only triggers set (no question holds them, or a read-only one), split by whether their value follows
 * from the response: a runexpression trigger runs when its expression's names change, so when runExpression
 * reads another name, what it set depends on the order of answering (the server accepts any value there).
 */
function triggerOnlyNames(json: SurveyDefinitionJson): { checked: string[]; orderDependent: string[] } {
  const model = newModel(json);
  const checked = new Set<string>();
  const orderDependent = new Set<string>();
  for (const trigger of model.triggers as unknown as Array<Record<string, any>>) {
    const name = trigger.setToName as string | undefined;
    if (!name) continue;
    const question = model.getQuestionByValueName(name) as AnyQuestion | null;
    if (question !== null && !question.readOnly) continue;
    const reads = (expression: unknown) => new ConditionRunner(String(expression ?? '')).getVariables().map((variable) => variable.toLowerCase());
    // survey-core runs an expression with an element property (`$`) or an argument-less function on every change
    // (canSkipExpressionByKeys): its runExpression then ran with the final answers.
    const runner = new ConditionRunner(String(trigger.expression ?? '')) as unknown as { hasFunction(noParamsOnly: boolean): boolean };
    const everyChange = runner.hasFunction(true) || reads(trigger.expression).some((read) => read.startsWith('$'));
    const stale = trigger.getType() === 'runexpressiontrigger' && !everyChange && reads(trigger.runExpression).some((read) => !reads(trigger.expression).includes(read));
    (stale ? orderDependent : checked).add(name);
  }
  for (const name of orderDependent) checked.delete(name);
  return { checked: [...checked], orderDependent: [...orderDependent] };
}

function asJson(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : JSON.parse(json);
}

function tamper(value: unknown): unknown {
  return typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : 'zz-tampered';
}

/** A valid answer, from survey-core, to a question on a page after `pageName` that the response leaves empty. */
function laterAnswer(json: SurveyDefinitionJson, data: Record<string, unknown>, pageName: string, random: RandomSource): { name: string; value: unknown } | undefined {
  const model = newModel(json);
  model.data = structuredClone(data);
  const readByTriggers = new Set<string>();
  for (const trigger of model.triggers as unknown as Array<Record<string, any>>) {
    // survey-core's own parser says what an expression reads.
    for (const name of new ConditionRunner(String(trigger.expression ?? '')).getVariables()) readByTriggers.add(name.split(/[.[]/)[0].toLowerCase());
  }
  const pages = model.pages;
  const from = pages.findIndex((page) => page.name === pageName);
  if (from < 0) return undefined; // a part of a page the kiosk split
  for (const page of pages.slice(from + 1)) {
    for (const question of page.questions as AnyQuestion[]) {
      const name = question.getValueName();
      if (!question.isVisibleInSurvey || question.isReadOnly || SKIPPED_TYPES.has(question.getType()) || data[name] !== undefined) continue;
      if (readByTriggers.has(name.toLowerCase())) continue;
      answerQuestion(question, random);
      const value = asJson(question.value);
      if (value !== undefined && !question.hasErrors(false)) return { name, value };
    }
  }
  return undefined;
}

const RESPONSES_PER_FIXTURE = propertyRuns(16);

describe('triggers: the server accepts what survey-core\'s Model produces with its own triggers, and refuses tampered variants', { timeout: propertyTimeout() }, () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).sort();
  it('has fixtures', () => expect(files.length).toBeGreaterThanOrEqual(2));
  const forms: Array<[string, FormNavigation, (json: SurveyDefinitionJson) => SurveyDefinitionJson]> = [
    ['the collection pages (progress steps)', COLLECTION_PAGES, (json) => json],
    // The kiosk splits long pages (client/survey/split-long-pages.ts): a complete trigger may end the form
    // on the first part of a page, before the questions of its second part were asked.
    ['the kiosk (long pages split, progress steps)', COLLECTION_PAGES, (json) => splitLongPages(json as Parameters<typeof splitLongPages>[0]) as SurveyDefinitionJson],
    ['buttons only', { progressSteps: false }, (json) => json],
  ];
  for (const file of files) for (const [formName, form, layout] of forms) {
    it(`${file}, ${formName}`, () => {
      const json = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as SurveyDefinitionJson;
      const definition = loadDefinition(json, file);
      const canGoBack = form.progressSteps || (json as Record<string, unknown>).showPrevButton !== false;
      const { checked: onlyTriggers, orderDependent } = triggerOnlyNames(json);
      const random = createSeededRandom(20261207 + file.length);
      const refusedValid: string[] = [];
      const missed: string[] = [];
      const wrongFill: string[] = [];
      const wrongAfterComplete: string[] = [];
      const seen = { valid: 0, byTrigger: 0, tampered: 0, filled: 0, afterComplete: 0, wentBack: 0 };
      for (let run = 0; run < RESPONSES_PER_FIXTURE; run++) {
        const walked = walkModel(newModel(layout(json)), form, random);
        if (walked === undefined) continue;
        const { data } = walked;
        seen.valid++;
        if (walked.byTrigger) seen.byTrigger++;
        if (walked.wentBack) seen.wentBack++;
        const verdict = serverVerdict(definition, form, data);
        if (verdict.problems.length > 0) refusedValid.push(`${JSON.stringify(data)} → ${JSON.stringify(verdict.problems)}`);

        for (const name of onlyTriggers) {
          const own = setByTriggers(json, data, name);
          if (own === undefined) continue;
          // Tampered: survey-core's triggers set `own` for this response; another value cannot come from the form.
          seen.tampered++;
          const tampered = { ...structuredClone(data), [name]: tamper(own) };
          const server = serverVerdict(definition, form, tampered);
          const named = server.problems.some((problem) => problem.question === name && problem.message.includes(JSON.stringify(own)) && problem.message.includes(JSON.stringify(tamper(own))));
          if (!named) missed.push(`${name} tampered: ${JSON.stringify(tampered)} → ${JSON.stringify(server.problems)}`);
          // Left out: filled in with survey-core's value, and accepted.
          if (data[name] !== undefined) {
            seen.filled++;
            const left = structuredClone(data);
            delete left[name];
            const filled = serverVerdict(definition, form, left);
            if (filled.problems.length > 0 || JSON.stringify(filled.kept[name]) !== JSON.stringify(data[name])) {
              wrongFill.push(`${name} left out of ${JSON.stringify(left)}: stored ${JSON.stringify(filled.kept[name])}, survey-core ${JSON.stringify(data[name])} → ${JSON.stringify(filled.problems)}`);
            }
          }
        }

        for (const name of orderDependent) {
          // Documented leniency: what such a trigger set depends on the order of answering; any value is accepted.
          const server = serverVerdict(definition, form, { ...structuredClone(data), [name]: tamper(data[name] ?? 0) });
          if (server.problems.length > 0) refusedValid.push(`order-dependent ${name} refused: ${JSON.stringify(server.problems)}`);
        }

        if (walked.byTrigger) {
          const later = laterAnswer(json, data, walked.lastPage, random);
          if (later !== undefined) {
            seen.afterComplete++;
            const added = { ...structuredClone(data), [later.name]: later.value };
            const server = serverVerdict(definition, form, added);
            if (canGoBack) {
              // survey-core keeps an answer given on a later page before the respondent went back (or past the page by a step).
              if (server.problems.length > 0) wrongAfterComplete.push(`accepted by survey-core after going back, refused: ${JSON.stringify(added)} → ${JSON.stringify(server.problems)}`);
            } else {
              const named = server.problems.some((problem) => problem.question === later.name && problem.message.includes('complete trigger (expression'));
              if (!named) wrongAfterComplete.push(`an answer after the form ended, not refused: ${JSON.stringify(added)} → ${JSON.stringify(server.problems)}`);
            }
          }
        }
      }
      if (process.env.TRIGGER_STATS) console.log(file, formName, JSON.stringify(seen));
      expect(seen.valid, 'survey-core completed no response').toBeGreaterThan(RESPONSES_PER_FIXTURE / 2);
      expect(seen.byTrigger, 'no response was completed by a complete trigger').toBeGreaterThan(0);
      expect(refusedValid, 'produced by survey-core, refused by the server').toEqual([]);
      expect(missed, 'a tampered trigger value accepted, or refused without both values').toEqual([]);
      expect(wrongFill, 'a trigger value left out, not filled in with survey-core\'s').toEqual([]);
      expect(wrongAfterComplete).toEqual([]);
      if (onlyTriggers.length > 0) expect(seen.tampered, 'no trigger value was tampered').toBeGreaterThan(0);
      expect(seen.afterComplete, 'no answer after a complete trigger was tried').toBeGreaterThan(0);
      if (canGoBack) expect(seen.wentBack, 'the respondent never went back').toBeGreaterThan(0);
    });
  }
});

describe('triggers: scripted respondents survey-core completes', () => {
  const file = 'moving-out-complete.json';
  const json = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as SurveyDefinitionJson;
  const definition = loadDefinition(json, file);

  it('keeps a copy whose source survey-core clears on completion (its question hidden by a change of mind)', () => {
    const model = newModel(json);
    model.clearInvisibleValues = 'onComplete';
    model.setValue('livesInCity', 'yes');
    expect(model.nextPage()).toBe(true);
    model.setValue('ward', 'kita');
    model.setValue('movingSoon', 'yes');
    model.setValue('movingDate', '2026-03-01');
    model.setValue('movingSoon', 'no');
    expect(model.nextPage()).toBe(true);
    expect(isCompleted(model)).toBe(true);
    const data = structuredClone(model.data) as Record<string, unknown>;
    // The date was cleared as hidden; the copy the trigger made while it was answered stays.
    expect(data).toEqual({ livesInCity: 'yes', ward: 'kita', wardCopy: 'kita', movingSoon: 'no', movingDateCopy: '2026-03-01' });
    expect(serverVerdict(definition, COLLECTION_PAGES, data).problems).toEqual([]);
    expect(serverVerdict(definition, { progressSteps: false }, data).problems).toEqual([]);
  });

  it('refuses, in a form without a way back, an answer after the page a complete trigger ended on, naming its expression', () => {
    const model = newModel(json);
    model.setValue('livesInCity', 'no');
    expect(model.nextPage()).toBe(true);
    expect(isCompleted(model)).toBe(true);
    const data = { ...(structuredClone(model.data) as Record<string, unknown>), reason: '転勤' };
    expect(serverVerdict(definition, { progressSteps: false }, data).problems).toEqual([
      {
        question: 'reason',
        message: `"転勤" answers a question on page "details", but the form ends on page "residence" for this response: its complete trigger (expression "{livesInCity} = 'no'") is true, and the form cannot go back`,
      },
    ]);
    // The collection pages can go back by their progress steps: survey-core keeps such an answer.
    expect(serverVerdict(definition, COLLECTION_PAGES, data).problems).toEqual([]);
  });
});

/**
 * A known effect planted in synthetic responses (`seed --effect`, issue 28), so that 効果検証 can
 * be shown to find what is there and nothing else:
 *
 *     GROUP=value,value;after=YYYY-MM-DD;QUESTION.VALUE=±d[;QUESTION.VALUE=±d…]
 *     ward=chuo,kita;after=2026-04-01;improvements.counter_reservation=-0.10
 *
 * In the pilot group (GROUP one of the values: a meta variable or a single-answer question) and
 * from midnight of the date in Japan time on (completedAt), the share of respondents who answered
 * QUESTION and gave VALUE (a checkbox option or a single answer) moves by d, in expectation
 * exactly: with p the share the synthesizer gives that cell, each respondent who chose it drops it
 * with probability −d/p (d < 0), or each who answered without it takes it with probability
 * d/(1 − p) (d > 0). p comes from a first pass over the same seeded records (effectBaseRates).
 * Who answered is never changed. A checkbox keeps at least one and at most maxSelectedChoices
 * options (an option is swapped for another when needed); nothing else is touched, and the
 * planting draws from its own seeded stream, so the rest of the file stays as the seed made it.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { listQuestions, ratingValues, type ListedQuestion } from '../../core/definitions/list-questions.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { createSeededRandom, type RandomSource } from '../stats/seeded-random.ts';
import { parsePilotOption } from './mark-pilot.ts';
import { splitInstant } from './split-at-date.ts';

type Value = string | number | boolean;

export interface EffectTarget {
  question: string;
  value: Value;
  delta: number;
  kind: 'single' | 'multiple';
  choices: Value[];
  exclusive: Value[];
  maxSelected?: number;
}

export interface PlantedEffect {
  group: { variable: string; from: 'meta' | 'data'; key: string; values: string[] };
  after: string;
  at: number;
  targets: EffectTarget[];
}

const SINGLE_TYPES = new Set(['radiogroup', 'dropdown', 'rating', 'imagepicker']);
const MULTIPLE_TYPES = new Set(['checkbox', 'tagbox']);

export function parseEffectOption(text: string, definition: SurveyDefinition): PlantedEffect {
  const fail = (why: string): never => {
    throw new ReportInputError(`--effect ${JSON.stringify(text)}: ${why}; the form is GROUP=value,…;after=YYYY-MM-DD;QUESTION.VALUE=±d`);
  };
  const parts = text.split(';').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length < 3) fail('needs a group, after=DATE and at least one QUESTION.VALUE=±d');
  const pilot = (() => {
    try {
      return parsePilotOption(parts[0]);
    } catch {
      return fail(`the group ${JSON.stringify(parts[0])} is not GROUP=value,value`);
    }
  })();
  const questions = listQuestions(definition.json).filter((question) => question.scope === undefined);
  const meta = definition.metaVariables.find((variable) => variable.name === pilot.variable);
  const groupQuestion = questions.find((question) => question.name === pilot.variable && SINGLE_TYPES.has(question.type));
  if (!meta && !groupQuestion) fail(`the group ${JSON.stringify(pilot.variable)} is no meta variable or single-answer question`);
  const groupValues = meta ? meta.choices.map((choice) => String(choice.value)) : choicesOf(groupQuestion!).map(String);
  for (const value of pilot.values) if (!groupValues.includes(value)) fail(`${JSON.stringify(value)} is not a value of ${pilot.variable} (one of: ${groupValues.join(', ')})`);

  const afterPart = /^after=(.*)$/.exec(parts[1]);
  if (!afterPart) fail(`the second part must be after=YYYY-MM-DD, got ${JSON.stringify(parts[1])}`);
  let at = 0;
  try {
    at = splitInstant(afterPart![1]);
  } catch {
    fail(`${JSON.stringify(afterPart![1])} is not a date YYYY-MM-DD`);
  }

  const targets = parts.slice(2).map((part): EffectTarget => {
    const match = /^([^.=]+)\.([^=]+)=([+-]?(?:\d+\.?\d*|\.\d+))$/.exec(part);
    if (!match) return fail(`${JSON.stringify(part)} is not QUESTION.VALUE=±d`);
    const [, name, valueText, deltaText] = match;
    const delta = Number(deltaText);
    if (!(Math.abs(delta) < 1) || delta === 0) fail(`the change in ${JSON.stringify(part)} must be between −1 and 1 and not 0`);
    const question = questions.find((candidate) => candidate.name === name);
    const kind = question && (SINGLE_TYPES.has(question.type) ? 'single' : MULTIPLE_TYPES.has(question.type) ? 'multiple' : undefined);
    if (!question || !kind) return fail(`${JSON.stringify(name)} is no checkbox or single-answer question of ${definition.id}`);
    const choices = choicesOf(question);
    const value = choices.find((choice) => String(choice) === valueText);
    if (value === undefined) return fail(`${JSON.stringify(valueText)} is not a choice of ${name} (one of: ${choices.map(String).join(', ')})`);
    return {
      question: name,
      value,
      delta,
      kind,
      choices,
      exclusive: (question.choices ?? []).filter((choice) => choice.isExclusive).map((choice) => choice.value),
      ...(question.maxSelectedChoices !== undefined ? { maxSelected: question.maxSelectedChoices } : {}),
    };
  });
  return { group: { variable: pilot.variable, from: meta ? 'meta' : 'data', key: meta ? meta.from : pilot.variable, values: pilot.values }, after: afterPart![1], at, targets };
}

function choicesOf(question: ListedQuestion): Value[] {
  return (question.type === 'rating' ? ratingValues(question) : (question.choices ?? [])).map((choice) => choice.value);
}

/** Whether a record is in the pilot group after the date: the cell the effect is planted in. */
export function isTreated(record: ResponseRecord, effect: PlantedEffect): boolean {
  const source = effect.group.from === 'meta' ? (record.meta as Record<string, unknown> | undefined) : (record.data as Record<string, unknown>);
  const group = source?.[effect.group.key];
  if (group === undefined || group === null || !effect.group.values.includes(String(group))) return false;
  return Date.parse(record.completedAt) >= effect.at;
}

/** The share of each target in the treated cell among those who answered (the first pass). */
export function effectBaseRates(records: Iterable<ResponseRecord>, effect: PlantedEffect): number[] {
  const answered = new Array<number>(effect.targets.length).fill(0);
  const chosen = new Array<number>(effect.targets.length).fill(0);
  for (const record of records) {
    if (!isTreated(record, effect)) continue;
    effect.targets.forEach((target, i) => {
      const answer = (record.data as Record<string, unknown>)[target.question];
      if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) return;
      answered[i] += 1;
      if (Array.isArray(answer) ? answer.includes(target.value) : answer === target.value) chosen[i] += 1;
    });
  }
  return effect.targets.map((target, i) => {
    if (answered[i] === 0) throw new ReportInputError(`--effect: nobody in the pilot group answered ${target.question} after ${effect.after}, so nothing can be planted`);
    const p = chosen[i] / answered[i];
    const room = target.delta < 0 ? p : 1 - p;
    if (Math.abs(target.delta) > room) {
      throw new ReportInputError(
        `--effect: ${target.question}.${String(target.value)} is ${p.toFixed(3)} in the pilot group after ${effect.after}, so it cannot move by ${target.delta}`,
      );
    }
    return p;
  });
}

/** Plants the effect in each treated record it is given (in place), from its own seeded stream. */
export function createEffectPlanter(effect: PlantedEffect, baseRates: ReadonlyArray<number>, seed: number): (record: ResponseRecord) => void {
  const random = createSeededRandom(seed ^ 0x5eed_effc);
  return (record) => {
    if (!isTreated(record, effect)) return;
    const data = record.data as Record<string, unknown>;
    effect.targets.forEach((target, i) => {
      const answer = data[target.question];
      if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) return;
      const p = baseRates[i];
      if (target.kind === 'single') {
        if (target.delta < 0 && answer === target.value && random() < -target.delta / p) data[target.question] = pick(random, target.choices.filter((choice) => choice !== target.value));
        else if (target.delta > 0 && answer !== target.value && random() < target.delta / (1 - p)) data[target.question] = target.value;
        return;
      }
      const list = answer as Value[];
      if (target.delta < 0 && list.includes(target.value) && random() < -target.delta / p) {
        const rest = list.filter((choice) => choice !== target.value);
        // Still answered: one other option in its place when it was the only one.
        data[target.question] = rest.length > 0 ? rest : [pick(random, target.choices.filter((choice) => choice !== target.value && !target.exclusive.includes(choice)))];
      } else if (target.delta > 0 && !list.includes(target.value) && random() < target.delta / (1 - p)) {
        let kept = list.filter((choice) => !target.exclusive.includes(choice));
        if (target.maxSelected !== undefined && kept.length >= target.maxSelected) kept = kept.filter((_, index) => index !== Math.floor(random() * kept.length));
        data[target.question] = [...kept, target.value];
      }
    });
  };
}

function pick<T>(random: RandomSource, items: T[]): T {
  return items[Math.floor(random() * items.length)];
}

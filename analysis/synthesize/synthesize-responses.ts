/**
 * Realistic synthetic responses for demos, tests and benchmarks: stored records exactly as the
 * server would keep them (one JSONL line each), valid against the definition — visibleIf,
 * requiredIf, isRequired, maxSelectedChoices, exclusive choices, rating scales, matrix rows,
 * the kiosk's ward meta — and plausible through the survey's SynthesisProfile.
 *
 * A generator, so a million records stream through a constant amount of memory. Everything is
 * drawn from one seeded source: the same definition, count and seed give the same file.
 */
import { ConditionRunner } from 'survey-core';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { listQuestions, ratingValues, type ChoiceItem, type ListedQuestion } from '../../core/definitions/list-questions.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { createSeededRandom, type RandomSource } from '../stats/seeded-random.ts';
import { composeComment } from '../text/compose-comment.ts';
import type { AnswerValue } from '../table/response-table.ts';
import { drawNormal, drawOrder, drawUuid, pickWeighted, uuidMaskOf } from './random-draws.ts';
import { SHIPPED_SURVEY_PROFILES } from './shipped-survey-profiles.ts';
import { weightOf, type SynthesisProfile, type SyntheticRespondent } from './synthesis-profile.ts';
import { answerMatrixDropdown, answerMatrixDynamic, answerMultipleText } from './answer-grid.ts';
import { writeTypedText } from './write-typed-text.ts';

export interface SynthesizeOptions {
  count: number;
  seed: number;
  /** First day of fieldwork, YYYY-MM-DD (JST); default 2025-06-02. */
  startDate?: string;
  /** Length of fieldwork in days; default 61. */
  days?: number;
  /** Defaults to the shipped profile of the survey, else a neutral one. */
  profile?: SynthesisProfile;
}

interface AskedQuestion {
  question: ListedQuestion;
  /** visibleIf of the question and of every page and panel around it: all must hold. */
  visibleIf: ConditionRunner[];
  requiredIf?: ConditionRunner;
  choiceConditions: Map<AnswerValue, ConditionRunner>;
}

const NEUTRAL_PROFILE: SynthesisProfile = { channel: 'online' };
const JST_OFFSET_MS = 9 * 3600_000;
const DEFAULT_START = '2025-06-02';
const DEFAULT_DAYS = 61;
/** Question types without an answer of their own, or with one the synthesizer does not make. */
const UNSUPPORTED_TYPES = new Set(['paneldynamic', 'file', 'signaturepad', 'imagemap']);
/** A text a respondent types where SurveyJS shows an "other" box. */
const OTHER_TEXT = 'その他（窓口で相談）';

export function* synthesizeResponses(definition: SurveyDefinition, options: SynthesizeOptions): Generator<ResponseRecord> {
  const { count, seed } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const profile = options.profile ?? SHIPPED_SURVEY_PROFILES[definition.id] ?? NEUTRAL_PROFILE;
  const random = createSeededRandom(seed);
  const questions = askedQuestions(definition);
  const commentSuffix = typeof definition.json.commentSuffix === 'string' ? definition.json.commentSuffix : '-Comment';
  const clock = createClock(options.startDate ?? DEFAULT_START, options.days ?? DEFAULT_DAYS, profile.officeHours === true);
  // Ids unique across surveys and versions seeded alike; the answers' stream is untouched.
  const idMask = uuidMaskOf(`${definition.id}\u0000v${definition.version}`);
  // Comments of residents' surveys (issue 27) come from templates (compose-comment.ts) on a stream of their own,
  // so every other answer is what the same seed gave before; staff surveys keep their profile's phrases.
  const comments: CommentWriter | null = definition.audience === 'staff' ? null : { random: createSeededRandom(commentSeed(seed)) };

  for (let index = 0; index < count; index++) {
    const respondent: SyntheticRespondent = { random, traits: { age: 0.5, mood: 0 }, preset: {}, answers: {}, meta: {} };
    profile.prepare?.(respondent);
    for (const meta of definition.metaVariables) {
      const weights = profile.choiceWeights?.(meta.name, respondent);
      const choices = meta.choices.map((choice) => choice.value);
      respondent.meta[meta.from] = choices[pickWeighted(random, choices.map((value) => weightOf(weights, value)))];
    }
    const data: Record<string, unknown> = respondent.answers;
    const met = new Set<string>();
    for (const asked of questions) {
      // Two questions may share a name (one value, as in survey-core): the first one shown answers
      // it or leaves it empty, so a later one cannot store a value the earlier one refuses.
      if (met.has(asked.question.name)) continue;
      if (!asked.visibleIf.every((condition) => condition.runValues(data))) continue;
      met.add(asked.question.name);
      const required = asked.question.isRequired || asked.requiredIf?.runValues(data) === true;
      const answer = answerQuestion(asked, required, profile, respondent, comments);
      if (answer === undefined) continue;
      data[asked.question.name] = answer;
      // "Other" chosen: survey-core asks for its text, kept under <name><commentSuffix>.
      if (answer === 'other' && asked.question.specialChoiceValues?.includes('other')) data[`${asked.question.name}${commentSuffix}`] = OTHER_TEXT;
    }
    const completed = clock(index / Math.max(count, 1), random);
    const duration = (profile.channel === 'kiosk' ? 90 + random() * 270 : 180 + random() * 720) * 1000;
    // Kiosks that were briefly offline deliver their queue later.
    const delay = profile.channel === 'kiosk' && random() < 0.03 ? 60_000 + random() * 3 * 3600_000 : 200 + random() * 1800;
    const wardMeta = respondent.meta.ward;
    yield {
      id: drawUuid(random, idMask),
      surveyId: definition.id,
      surveyVersion: definition.version,
      submissionId: drawUuid(random, idMask),
      channel: profile.channel,
      meta: {
        ...respondent.meta,
        locale: random() < 0.04 ? 'en' : 'ja',
        ...(profile.channel === 'kiosk' && wardMeta ? { kioskId: `${wardMeta}-${1 + Math.floor(random() * 3)}` } : {}),
      },
      startedAt: new Date(completed - duration).toISOString(),
      completedAt: new Date(completed).toISOString(),
      receivedAt: new Date(completed + delay).toISOString(),
      data,
    };
  }
}

function answerQuestion(
  asked: AskedQuestion,
  required: boolean,
  profile: SynthesisProfile,
  respondent: SyntheticRespondent,
  comments: CommentWriter | null = null,
): unknown {
  const { question } = asked;
  const { random } = respondent;
  const name = question.name;
  const preset = respondent.preset[name];
  if (preset !== undefined) return preset;
  if (UNSUPPORTED_TYPES.has(question.type)) {
    if (required) throw new Error(`cannot synthesize an answer to required ${question.type} question ${JSON.stringify(name)}`);
    return undefined;
  }
  const isText = question.type === 'text' || question.type === 'comment';
  const phrases = profile.comments ?? [];
  // Cells and items required inside them are asked for even when the question itself is not.
  if (question.type === 'multipletext') return answerMultipleText(question, required, phrases, random);
  if (question.type === 'matrixdropdown') return answerMatrixDropdown(question, required, phrases, random);
  const rate = profile.answerRate?.(name, respondent) ?? (isText ? 0.15 : 0.9);
  // survey-core refuses these even when left empty: a matrix with eachRowRequired without every row,
  // a checkbox or tagbox with minSelectedChoices without that many.
  const everyRow = question.type === 'matrix' && (question.json.isAllRowRequired === true || question.json.eachRowRequired === true);
  const atLeast = (question.minSelectedChoices ?? 0) > 0;
  if (!required && !everyRow && !atLeast && random() >= rate) return undefined;
  if (question.type === 'matrixdynamic') return answerMatrixDynamic(question, required, phrases, random);

  switch (question.type) {
    case 'radiogroup':
    case 'dropdown':
    case 'buttongroup':
      return pickChoice(choicesOf(asked, respondent), profile.choiceWeights?.(name, respondent), random);
    case 'imagepicker':
      if (question.json.multiSelect === true) return pickSeveral(asked, profile, respondent);
      return pickChoice(choicesOf(asked, respondent), profile.choiceWeights?.(name, respondent), random);
    case 'checkbox':
    case 'tagbox':
      return pickSeveral(asked, profile, respondent);
    case 'ranking':
      return rankChoices(asked, profile, respondent);
    case 'rating':
      return rateOnScale(ratingValues(question), profile.scaleMean?.(name, undefined, respondent), respondent);
    case 'boolean':
      return pickChoice(
        [{ value: question.json.valueTrue ?? true }, { value: question.json.valueFalse ?? false }] as ChoiceItem[],
        profile.choiceWeights?.(name, respondent),
        random,
      );
    case 'matrix':
      return answerMatrix(asked, required, profile, respondent);
    case 'text':
    case 'comment': {
      // Drawn even when a template replaces it, so the main stream (every later answer) is as before.
      const text = writeText(question, profile, random);
      if (!comments || question.analysis?.role !== 'comment') return text;
      const { age = 0.5, digital } = respondent.traits;
      return composeComment(comments.random, { age, digital }).text;
    }
    default:
      if (required) throw new Error(`cannot synthesize an answer to required ${question.type} question ${JSON.stringify(name)}`);
      return undefined;
  }
}

function choicesOf(asked: AskedQuestion, respondent: SyntheticRespondent): ChoiceItem[] {
  const special = (asked.question.specialChoiceValues ?? []).map((value) => ({ value, isExclusive: value !== 'other' }));
  return [...(asked.question.choices ?? []), ...special].filter(
    (choice) => asked.choiceConditions.get(choice.value)?.runValues(respondent.answers) ?? true,
  );
}

function pickChoice(choices: ChoiceItem[], weights: Record<string, number> | undefined, random: RandomSource): AnswerValue {
  if (choices.length === 0) throw new Error('a question with no choices to pick from');
  const raw = choices.map((choice) => weightOf(weights, choice.value));
  // A profile may rule out every visible choice; fall back to an even pick rather than fail.
  return choices[pickWeighted(random, raw.some((weight) => weight > 0) ? raw : raw.map(() => 1))].value;
}

/** Checkbox/tagbox: 1–3 options by default, within min/maxSelectedChoices; an exclusive option stands alone. */
function pickSeveral(asked: AskedQuestion, profile: SynthesisProfile, respondent: SyntheticRespondent): AnswerValue[] {
  const { question } = asked;
  const { random } = respondent;
  const choices = choicesOf(asked, respondent).filter((choice) => choice.value !== 'other'); // "other" needs a comment text
  const weights = profile.choiceWeights?.(question.name, respondent);
  const mean = profile.selectionCount?.(question.name, respondent) ?? 2;
  const max = Math.min(question.maxSelectedChoices ?? choices.length, choices.length);
  const min = Math.max(question.minSelectedChoices ?? 1, 1);
  // 1 + Poisson-like spread around the mean, kept within the limits.
  let wanted = 1 + Math.round(Math.max(0, mean - 1 + drawNormal(random) * 0.8));
  wanted = Math.min(max, Math.max(min, wanted));
  const raw = choices.map((choice) => weightOf(weights, choice.value));
  const order = drawOrder(random, raw.some((weight) => weight > 0) ? raw : raw.map(() => 1), choices.length);
  const exclusive = (choice: ChoiceItem) => choice.isExclusive === true || choice.value === 'none';
  if (exclusive(choices[order[0]]) && min <= 1) return [choices[order[0]].value];
  const picked = order.map((index) => choices[index]).filter((choice) => !exclusive(choice)).slice(0, wanted);
  return picked.map((choice) => choice.value);
}

/** Ranking: a Plackett–Luce order of every choice, or of the top few when selectToRankEnabled. */
function rankChoices(asked: AskedQuestion, profile: SynthesisProfile, respondent: SyntheticRespondent): AnswerValue[] {
  const choices = choicesOf(asked, respondent);
  const weights = profile.choiceWeights?.(asked.question.name, respondent);
  // Sharpen the weights: people agree more on their first choices than the raw shares suggest.
  const raw = choices.map((choice) => weightOf(weights, choice.value) ** 1.5);
  const subset = asked.question.json.selectToRankEnabled === true;
  const count = subset ? Math.min(asked.question.maxSelectedChoices ?? 3, choices.length) : choices.length;
  return drawOrder(respondent.random, raw.some((w) => w > 0) ? raw : raw.map(() => 1), count).map((index) => choices[index].value);
}

/**
 * A value on a scale: a normal draw around the profile's mean (default: the middle, moved by
 * the respondent's mood), rounded to the nearest allowed value.
 */
function rateOnScale(items: ChoiceItem[], mean: number | undefined, respondent: SyntheticRespondent): AnswerValue {
  const numeric = items.every((item) => typeof item.value === 'number');
  const scores = items.map((item, index) => (numeric ? (item.value as number) : index + 1));
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const centre = mean ?? (low + high) / 2 + (respondent.traits.mood ?? 0) * (high - low) / 4;
  const spread = (high - low) / 4.5;
  const target = centre + drawNormal(respondent.random) * spread;
  let best = 0;
  scores.forEach((score, index) => {
    if (Math.abs(score - target) < Math.abs(scores[best] - target)) best = index;
  });
  return items[best].value;
}

function answerMatrix(
  asked: AskedQuestion,
  required: boolean,
  profile: SynthesisProfile,
  respondent: SyntheticRespondent,
): Record<string, AnswerValue | AnswerValue[]> | undefined {
  const { question } = asked;
  const rows = question.rows ?? [];
  const columns = question.columns ?? [];
  if (rows.length === 0 || columns.length === 0) return undefined;
  const allRows = question.json.isAllRowRequired === true || question.json.eachRowRequired === true;
  const likert = columns.every((column) => typeof column.value === 'number');
  // SurveyJS's matrix with cellType "checkbox": each row answers a list of columns.
  const several = question.json.cellType === 'checkbox';
  const answerRow = (rowName: string) =>
    several
      ? [pickChoice(columns, profile.choiceWeights?.(`${question.name}.${rowName}`, respondent), respondent.random)]
      : likert
        ? rateOnScale(columns, profile.scaleMean?.(question.name, rowName, respondent), respondent)
        : pickChoice(columns, profile.choiceWeights?.(`${question.name}.${rowName}`, respondent), respondent.random);
  const answer: Record<string, AnswerValue | AnswerValue[]> = {};
  for (const row of rows) {
    if (!allRows && respondent.random() >= 0.93) continue;
    const rowName = String(row.value);
    answer[rowName] = answerRow(rowName);
  }
  if (Object.keys(answer).length === 0) {
    if (!required) return undefined;
    const row = String(rows[Math.floor(respondent.random() * rows.length)].value);
    answer[row] = answerRow(row);
  }
  return answer;
}

/** The stream seeded comments are drawn from. */
interface CommentWriter {
  random: RandomSource;
}

/** The comment stream's seed: the answers' seed mixed with a constant, so the two streams never coincide. */
function commentSeed(seed: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) ^ 0x27c0) >>> 0;
}

function writeText(question: ListedQuestion, profile: SynthesisProfile, random: RandomSource): string | number {
  // A comment box has no inputType, whatever its JSON says.
  const json = question.type === 'comment' ? { ...question.json, inputType: 'text' } : question.json;
  return writeTypedText(json, profile.comments ?? [], random);
}

/** Questions in the order a respondent meets them, each with the visibleIf of its page, its panels and its own. */
function askedQuestions(definition: SurveyDefinition): AskedQuestion[] {
  const runners = new Map<string, ConditionRunner>();
  const runner = (expression: string) => {
    let compiled = runners.get(expression);
    if (!compiled) runners.set(expression, (compiled = new ConditionRunner(expression)));
    return compiled;
  };
  return listQuestions(definition.json)
    .filter((question) => question.scope === undefined)
    .map((question) => ({
      question,
      visibleIf: [...(question.enclosingVisibleIf ?? []), ...(question.visibleIf === undefined ? [] : [question.visibleIf])].map(runner),
      requiredIf: typeof question.json.requiredIf === 'string' ? runner(question.json.requiredIf) : undefined,
      choiceConditions: new Map(
        (question.choices ?? []).filter((choice) => choice.visibleIf !== undefined).map((choice) => [choice.value, runner(choice.visibleIf!)]),
      ),
    }));
}

/**
 * Completion times spread evenly over the fieldwork (so a file reads in time order, give or
 * take a day), on weekdays 08:45–17:15 JST for kiosks, 06:00–24:00 JST online.
 */
function createClock(startDate: string, days: number, officeHours: boolean) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  if (!match) throw new RangeError(`startDate must be YYYY-MM-DD, got ${JSON.stringify(startDate)}`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
  const firstMidnightJst = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - JST_OFFSET_MS;
  const dayStarts: number[] = [];
  for (let d = 0; d < days; d++) {
    const midnight = firstMidnightJst + d * 86400_000;
    const weekday = new Date(midnight + JST_OFFSET_MS).getUTCDay();
    if (!officeHours || (weekday !== 0 && weekday !== 6)) dayStarts.push(midnight);
  }
  if (dayStarts.length === 0) dayStarts.push(firstMidnightJst);
  const [open, close] = officeHours ? [8.75, 17.25] : [6, 24];
  return (fraction: number, random: RandomSource): number => {
    const day = dayStarts[Math.min(dayStarts.length - 1, Math.floor(fraction * dayStarts.length))];
    const hours = open + random() * (close - open);
    return Math.floor(day + hours * 3600_000);
  };
}

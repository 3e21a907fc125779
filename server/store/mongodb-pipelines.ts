/**
 * Aggregation pipelines over the MongoDB `responses` collection, as plain data.
 *
 * They live with the MongoDB store, not in analysis/, because they are written
 * against its document layout (escaped keys, string timestamps). Being plain
 * arrays, they are tested without a server by running them in mingo, an
 * in-process engine of MongoDB's query language, on the same records the
 * in-process analysis counts (test/store/mongodb-pipelines.test.ts).
 *
 * Only operators that both MongoDB 5.0+ and mingo implement are used.
 */
import type { ResponseQuery } from './response-store.ts';
import { escapeFieldName } from './escape-mongo-field-names.ts';
import { toUtcIso } from '../to-utc-iso.ts';

export type Pipeline = Array<Record<string, unknown>>;

/** A need question (analysis role "need"): checkbox/tagbox answers are "choice", ranking answers "ranking". */
export interface NeedsQuestion {
  name: string;
  kind: 'choice' | 'ranking';
}

/**
 * The raw counts behind the needs ranking (issue 4's definitions):
 * share = count / answered; for a ranking, meanRank = rankSum / count and
 * borda = (count·(k+1) − rankSum) / answered, where k is the number of choices.
 */
export interface NeedsCounts {
  question: string;
  kind: 'choice' | 'ranking';
  /** Respondents whose answer is a non-empty array. */
  answered: number;
  /** Every answered value, most chosen first, then by value. */
  items: NeedsItemCount[];
}

export interface NeedsItemCount {
  value: unknown;
  /** Respondents who chose (or ranked) the value; a value repeated in one answer counts once. */
  count: number;
  /** Ranking only: the sum of the value's 1-based ranks (its first position in each answer). */
  rankSum?: number;
}

export interface DailyCount {
  /** Calendar day in the requested time zone, YYYY-MM-DD. */
  day: string;
  channel: string;
  /** `meta.ward`, or null when the response has none (online answers). */
  ward: string | null;
  count: number;
}

export interface DailyCountOptions {
  /** IANA time zone the days are cut in; Sapporo's by default. */
  timeZone?: string;
  /** Which timestamp places a response on a day: the server's receipt (default) or the respondent's completion. */
  dateField?: 'receivedAt' | 'completedAt';
}

/** `$match` on the survey and the receivedAt range: the prefix of the (surveyId, receivedAt) index. */
export function matchResponsesStage(query: ResponseQuery): Record<string, unknown> {
  const receivedAt: Record<string, string> = {};
  if (query.receivedFrom !== undefined) receivedAt.$gte = toUtcIso(query.receivedFrom, 'receivedFrom');
  if (query.receivedTo !== undefined) receivedAt.$lt = toUtcIso(query.receivedTo, 'receivedTo');
  return { $match: { surveyId: query.surveyId, ...(Object.keys(receivedAt).length > 0 ? { receivedAt } : {}) } };
}

/**
 * One document `{ answered: [{n}], items: [{_id: value, count, rankSum}] }` for
 * one need question. Each respondent's answer is de-duplicated first
 * ($setUnion), and a value's rank is its first position in the answer.
 */
export function needsCountsPipeline(query: ResponseQuery, question: NeedsQuestion): Pipeline {
  const answer = `$data.${escapeFieldName(question.name)}`;
  const answerPath = answer.slice(1);
  const itemGroup: Record<string, unknown> = { _id: '$chosen.value', count: { $sum: 1 } };
  if (question.kind === 'ranking') itemGroup.rankSum = { $sum: '$chosen.rank' };
  return [
    matchResponsesStage(query),
    // `$type: "array"` plus "has an element 0": an answer that is a non-empty array.
    { $match: { [answerPath]: { $type: 'array' }, [`${answerPath}.0`]: { $exists: true } } },
    {
      $project: {
        _id: 0,
        chosen: {
          $map: {
            input: { $setUnion: [answer, []] },
            as: 'value',
            in: { value: '$$value', rank: { $add: [{ $indexOfArray: [answer, '$$value'] }, 1] } },
          },
        },
      },
    },
    {
      $facet: {
        answered: [{ $count: 'n' }],
        items: [{ $unwind: '$chosen' }, { $group: itemGroup }],
      },
    },
  ];
}

/** The pipeline's one output document as NeedsCounts. */
export function readNeedsCounts(question: NeedsQuestion, output: Array<Record<string, unknown>>): NeedsCounts {
  const [facets] = output as Array<{ answered: Array<{ n: number }>; items: Array<{ _id: unknown; count: number; rankSum?: number }> }>;
  const items = (facets?.items ?? []).map(({ _id, count, rankSum }): NeedsItemCount =>
    question.kind === 'ranking' ? { value: _id, count, rankSum: rankSum ?? 0 } : { value: _id, count },
  );
  return {
    question: question.name,
    kind: question.kind,
    answered: facets?.answered[0]?.n ?? 0,
    items: items.sort(byCountThenValue),
  };
}

/** Responses per day, channel and ward, sorted by day, channel, ward. */
export function dailyCountsPipeline(query: ResponseQuery, options: DailyCountOptions = {}): Pipeline {
  const { timeZone = 'Asia/Tokyo', dateField = 'receivedAt' } = options;
  return [
    matchResponsesStage(query),
    {
      $group: {
        _id: {
          // $toDate parses ISO 8601 with "Z" or an offset; the day is then cut in `timeZone`.
          day: { $dateToString: { format: '%Y-%m-%d', date: { $toDate: `$${dateField}` }, timezone: timeZone } },
          channel: '$channel',
          ward: { $ifNull: ['$meta.ward', null] },
        },
        count: { $sum: 1 },
      },
    },
    { $project: { _id: 0, day: '$_id.day', channel: '$_id.channel', ward: '$_id.ward', count: 1 } },
  ];
}

/** The pipeline's output in a stable order (sorted here, not by $sort, so no engine's type ordering matters). */
export function readDailyCounts(output: Array<Record<string, unknown>>): DailyCount[] {
  return (output as unknown as DailyCount[])
    .map(({ day, channel, ward, count }) => ({ day, channel, ward: ward ?? null, count }))
    .sort((a, b) => compareText(a.day, b.day) || compareText(a.channel, b.channel) || compareText(a.ward ?? '', b.ward ?? ''));
}

function byCountThenValue(a: NeedsItemCount, b: NeedsItemCount): number {
  return b.count - a.count || compareText(JSON.stringify(a.value), JSON.stringify(b.value));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


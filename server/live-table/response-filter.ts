/**
 * The filters analysts apply to exports and reports: received period, channel,
 * and any segment (a meta variable such as the kiosk's ward, or a question the
 * definition marks `segment` or `cohort`, e.g. age band).
 *
 *   ?from=2025-04-01&to=2025-04-30&channel=kiosk&ward=chuo&ward=kita&age=30s
 *
 * Test answers (meta.test, a kiosk in test mode; issue 30) are kept in the store and left out of every read
 * unless it says `includeTest=1` (`0` is the default, said out loud); so are responses marked as test data by hand
 * (ResponseFilter.marked).
 *
 * Dates without a time are days in Japan time (the offices' calendar); `to` is
 * inclusive for a day and exclusive for a date-time. A day or time that does not
 * exist (2026-02-30, 24:00) is refused, never rolled over. Repeating a segment, or
 * separating values by commas, means "any of these".
 */
import { CHANNELS, type Channel } from '../../contracts/submission.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { listSegmentVariables } from '../../core/definitions/segment-variables.ts';
import { toUtcIso } from '../to-utc-iso.ts';
import { markedTest, type MarkedResponses } from '../test-markings/marked-responses.ts';

export interface ResponseFilter {
  /** Inclusive, ISO 8601 UTC. */
  receivedFrom?: string;
  /** Exclusive, ISO 8601 UTC. */
  receivedTo?: string;
  channels?: Channel[];
  /** Segment name → accepted codes (as text). */
  segments: Record<string, string[]>;
  /** Keep test answers (meta.test === true) too; absent: left out. Set only when true, so a filter's key stays as it was. */
  includeTest?: true;
  /**
   * Responses marked as test data by hand (issue 30, server/test-markings/): left out with the meta.test ones unless
   * includeTest. Set by the reader from the survey's current markings, never from the query; absent when none.
   */
  marked?: MarkedResponses;
}

/** A filter the request got wrong; the route answers 400 with the message. */
export class FilterError extends Error {
  override name = 'FilterError';
}

const JAPAN_OFFSET = '+09:00';

/** A segment variable (core/definitions/segment-variables.ts) and where its value is read from in a record. */
export interface SegmentReader {
  name: string;
  /** Reads only `meta` and `data`: the comments view keeps no more of a record (comment-writers.ts). */
  read: (record: Pick<ResponseRecord, 'meta' | 'data'>) => unknown;
}

/** Variables a filter may name, from the current definition: meta variables, then segment/cohort questions. */
export function segmentVariables(definition: SurveyDefinition): SegmentReader[] {
  return listSegmentVariables(definition).map(({ name, source, from }) => ({
    name,
    read:
      source === 'meta'
        ? (record: Pick<ResponseRecord, 'meta' | 'data'>) => (record.meta as Record<string, unknown>)[from!]
        : (record: Pick<ResponseRecord, 'meta' | 'data'>) => record.data[name],
  }));
}

/** Query parameters that are not filters (the format and layout of the answer). */
const NOT_FILTERS = new Set(['format', 'locale', 'labels', 'codes']);

export function parseResponseFilter(query: Record<string, unknown>, definition: SurveyDefinition): ResponseFilter {
  const variables = new Map(segmentVariables(definition).map((v) => [v.name, v]));
  const filter: ResponseFilter = { segments: {} };
  for (const [name, raw] of Object.entries(query)) {
    if (NOT_FILTERS.has(name)) continue;
    const values = listOf(name, raw);
    if (name === 'from') filter.receivedFrom = parseBound(name, single(name, values), 'start');
    else if (name === 'to') filter.receivedTo = parseBound(name, single(name, values), 'end');
    else if (name === 'includeTest') {
      const value = single(name, values);
      if (value !== '1' && value !== '0') throw new FilterError(`includeTest must be 1 (include test answers) or 0 (leave them out, the default); got ${JSON.stringify(value)}`);
      if (value === '1') filter.includeTest = true;
    }
    else if (name === 'channel') {
      for (const value of values) {
        if (!(CHANNELS as readonly string[]).includes(value)) throw new FilterError(`channel must be ${CHANNELS.join(' or ')}; got ${JSON.stringify(value)}`);
      }
      filter.channels = values as Channel[];
    } else if (variables.has(name)) filter.segments[name] = values;
    else {
      const known = ['from', 'to', 'channel', 'includeTest', ...variables.keys()].join(', ');
      throw new FilterError(`unknown filter ${JSON.stringify(name)}; this survey can be filtered by ${known}`);
    }
  }
  // As instants, not as text.
  if (filter.receivedFrom && filter.receivedTo && Date.parse(filter.receivedFrom) >= Date.parse(filter.receivedTo)) {
    throw new FilterError(`from (${filter.receivedFrom}) must be before to (${filter.receivedTo})`);
  }
  return filter;
}

function listOf(name: string, raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : [raw];
  if (!items.every((item) => typeof item === 'string')) throw new FilterError(`filter ${JSON.stringify(name)} must be plain text`);
  const values = (items as string[]).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  if (values.length === 0) throw new FilterError(`filter ${JSON.stringify(name)} is empty`);
  return values;
}

function single(name: string, values: string[]): string {
  if (values.length > 1) throw new FilterError(`give ${name} once; got ${JSON.stringify(values)}`);
  return values[0];
}

/**
 * The one strict reading of `from` and `to` (issue 20, finding 10): a day (YYYY-MM-DD, a day in
 * Japan time) or a date-time that says its time zone. Every part must exist: Date.parse reads
 * 2026-02-30 as 2 March and 24:00 as the next day, so a mistyped day silently gave another period.
 */
const BOUND = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/i;

/** Whether year-month-day is a day of the (proleptic Gregorian) calendar. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

function parseBound(name: string, value: string, side: 'start' | 'end'): string {
  const match = BOUND.exec(value);
  if (!match) {
    throw new FilterError(`${name} must be a date (2025-04-01) or an ISO 8601 date-time with a time zone (2025-04-01T09:00:00+09:00); got ${JSON.stringify(value)}`);
  }
  const [, year, month, day, hour, minute, second, zone, zoneHours, zoneMinutes] = match;
  if (!isCalendarDay(Number(year), Number(month), Number(day))) {
    throw new FilterError(`${name} is not a day of the calendar: ${year}-${month}-${day} does not exist; got ${JSON.stringify(value)}`);
  }
  let time: number;
  if (hour === undefined) {
    const start = Date.parse(`${year}-${month}-${day}T00:00:00${JAPAN_OFFSET}`);
    // An end day includes the whole day: the bound is the next midnight.
    time = side === 'end' ? start + 86_400_000 : start;
  } else {
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59 || (zone.length > 1 && (Number(zoneHours) > 23 || Number(zoneMinutes) > 59))) {
      throw new FilterError(`${name} is not a time of day: hours 00–23, minutes and seconds 00–59, zone offsets up to ±23:59; got ${JSON.stringify(value)}`);
    }
    time = Date.parse(value);
  }
  if (Number.isNaN(time)) throw new FilterError(`${name} is not a date: ${JSON.stringify(value)}`);
  try {
    return toUtcIso(new Date(time).toISOString(), name);
  } catch (error) {
    throw new FilterError(`${(error as Error).message.replace(/, got .*$/, '')}; got ${JSON.stringify(value)}`);
  }
}

/** The predicate for the parts of the filter the store does not apply itself (all but the period), test answers included. */
export function matchesResponseFilter(filter: ResponseFilter, definition: SurveyDefinition): (record: ResponseRecord) => boolean {
  const variables = new Map(segmentVariables(definition).map((v) => [v.name, v]));
  const checks: Array<(record: ResponseRecord) => boolean> = [];
  if (!filter.includeTest) checks.push((record) => (record.meta as Record<string, unknown>).test !== true);
  if (!filter.includeTest && filter.marked) {
    const marked = markedTest(filter.marked);
    checks.push((record) => !marked(record.id, Date.parse(record.receivedAt), record.meta.kioskId));
  }
  if (filter.channels) {
    const channels = new Set<string>(filter.channels);
    checks.push((record) => channels.has(record.channel));
  }
  for (const [name, values] of Object.entries(filter.segments)) {
    const variable = variables.get(name)!;
    const accepted = new Set(values);
    checks.push((record) => {
      const value = variable.read(record);
      return value !== undefined && value !== null && accepted.has(String(value));
    });
  }
  return (record) => checks.every((check) => check(record));
}

/** Records of `surveyId` matching `filter`, streamed from `list` (the store's). */
export async function* filteredRecords(
  list: (query: { surveyId: string; receivedFrom?: string; receivedTo?: string }) => AsyncIterable<ResponseRecord>,
  surveyId: string,
  filter: ResponseFilter,
  definition: SurveyDefinition,
): AsyncGenerator<ResponseRecord> {
  const matches = matchesResponseFilter(filter, definition);
  for await (const record of list({ surveyId, receivedFrom: filter.receivedFrom, receivedTo: filter.receivedTo })) {
    if (matches(record)) yield record;
  }
}

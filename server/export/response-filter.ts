/**
 * The filters analysts apply to exports and reports: received period, channel,
 * and any segment (a meta variable such as the kiosk's ward, or a question the
 * definition marks `segment` or `cohort`, e.g. age band).
 *
 *   ?from=2025-04-01&to=2025-04-30&channel=kiosk&ward=chuo&ward=kita&age=30s
 *
 * Dates without a time are days in Japan time (the offices' calendar); `to` is
 * inclusive for a day and exclusive for a date-time. Repeating a segment, or
 * separating values by commas, means "any of these".
 */
import { CHANNELS, type Channel } from '../../contracts/submission.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { listSegmentVariables } from '../../core/definitions/segment-variables.ts';
import { toUtcIso } from '../to-utc-iso.ts';

export interface ResponseFilter {
  /** Inclusive, ISO 8601 UTC. */
  receivedFrom?: string;
  /** Exclusive, ISO 8601 UTC. */
  receivedTo?: string;
  channels?: Channel[];
  /** Segment name → accepted codes (as text). */
  segments: Record<string, string[]>;
}

/** A filter the request got wrong; the route answers 400 with the message. */
export class FilterError extends Error {
  override name = 'FilterError';
}

const JAPAN_OFFSET = '+09:00';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A segment variable (core/definitions/segment-variables.ts) and where its value is read from in a record. */
export interface SegmentReader {
  name: string;
  read: (record: ResponseRecord) => unknown;
}

/** Variables a filter may name, from the current definition: meta variables, then segment/cohort questions. */
export function segmentVariables(definition: SurveyDefinition): SegmentReader[] {
  return listSegmentVariables(definition).map(({ name, source, from }) => ({
    name,
    read:
      source === 'meta'
        ? (record: ResponseRecord) => (record.meta as Record<string, unknown>)[from!]
        : (record: ResponseRecord) => record.data[name],
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
    else if (name === 'channel') {
      for (const value of values) {
        if (!(CHANNELS as readonly string[]).includes(value)) throw new FilterError(`channel must be ${CHANNELS.join(' or ')}; got ${JSON.stringify(value)}`);
      }
      filter.channels = values as Channel[];
    } else if (variables.has(name)) filter.segments[name] = values;
    else {
      const known = ['from', 'to', 'channel', ...variables.keys()].join(', ');
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

/** A date-time must say its time zone: without one, Date.parse reads it in the server's zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseBound(name: string, value: string, side: 'start' | 'end'): string {
  let time: number;
  if (DAY.test(value)) {
    const start = Date.parse(`${value}T00:00:00${JAPAN_OFFSET}`);
    if (Number.isNaN(start)) throw new FilterError(`${name} is not a date: ${JSON.stringify(value)}`);
    // An end day includes the whole day: the bound is the next midnight.
    time = side === 'end' ? start + 86_400_000 : start;
  } else {
    time = DATE_TIME.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(time)) {
      throw new FilterError(`${name} must be a date (2025-04-01) or an ISO 8601 date-time with a time zone (2025-04-01T09:00:00+09:00); got ${JSON.stringify(value)}`);
    }
  }
  try {
    return toUtcIso(new Date(time).toISOString(), name);
  } catch (error) {
    throw new FilterError(`${(error as Error).message.replace(/, got .*$/, '')}; got ${JSON.stringify(value)}`);
  }
}

/** The predicate for the parts of the filter the store does not apply itself (all but the period). */
export function matchesResponseFilter(filter: ResponseFilter, definition: SurveyDefinition): (record: ResponseRecord) => boolean {
  const variables = new Map(segmentVariables(definition).map((v) => [v.name, v]));
  const checks: Array<(record: ResponseRecord) => boolean> = [];
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

/**
 * The worst submissions one anonymous client can send under the body limit
 * (issue 20): answers far bigger than their question allows, tens of thousands
 * of problems, long strings and deep nesting, each filled up to the limit.
 * Shared by the loopback test (abusive-answers-over-http.test.ts) and
 * `npm run bench:abuse` (bench/abuse.bench.ts).
 *
 * They all target ABUSE_DEFINITION, one survey with every kind of answer that
 * holds several values. Its matrixdynamic and paneldynamic set no maxRowCount or
 * maxPanelCount, so survey-core's defaults apply (1 000 rows, 100 panels): the
 * most a valid-looking answer can hold.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../../contracts/submission.ts';

export const ABUSE_SURVEY_ID = 'abuse-target';

export const ABUSE_DEFINITION = {
  id: ABUSE_SURVEY_ID,
  version: 1,
  audience: 'citizen',
  locale: 'en',
  title: 'Abuse target',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'checkbox', name: 'choices', choices: ['a', 'b', 'c', 'd', 'e'], showOtherItem: true, showNoneItem: true },
        { type: 'ranking', name: 'ranking', choices: ['a', 'b', 'c'] },
        { type: 'matrix', name: 'grid', rows: ['r1', 'r2', 'r3'], columns: ['c1', 'c2', 'c3'] },
        { type: 'matrix', name: 'multiGrid', cellType: 'checkbox', rows: ['r1', 'r2'], columns: ['c1', 'c2', 'c3'] },
        {
          type: 'matrixdropdown',
          name: 'table',
          rows: ['r1', 'r2'],
          choices: ['x', 'y'],
          columns: [
            { name: 'pick', cellType: 'dropdown' },
            { name: 'note', cellType: 'text', maxLength: 20 },
          ],
        },
        { type: 'multipletext', name: 'address', items: [{ name: 'zip', maxLength: 8 }, { name: 'city' }] },
        { type: 'text', name: 'email', inputType: 'email', maxLength: 40 },
        { type: 'comment', name: 'free' },
        {
          type: 'matrixdynamic',
          name: 'rows',
          rowCount: 0,
          columns: [
            { name: 'kind', cellType: 'dropdown', choices: ['p', 'q'], isRequired: true },
            { name: 'count', cellType: 'text', inputType: 'number', min: 0, max: 9 },
            { name: 'ok', cellType: 'boolean' },
          ],
        },
        {
          type: 'paneldynamic',
          name: 'panels',
          panelCount: 0,
          templateElements: [
            { type: 'dropdown', name: 'relation', choices: ['self', 'child', 'parent'], isRequired: true },
            { type: 'text', name: 'year', inputType: 'number', min: 1900, max: 2026 },
            { type: 'comment', name: 'care', visibleIf: "{panel.relation} = 'parent'", isRequired: true },
          ],
        },
      ],
    },
  ],
};

/** A valid response to ABUSE_DEFINITION (every question is optional). */
export function validAbuseData(): Record<string, unknown> {
  return {
    choices: ['a', 'c'],
    ranking: ['b', 'a', 'c'],
    grid: { r1: 'c1', r2: 'c3' },
    multiGrid: { r1: ['c1', 'c2'] },
    table: { r1: { pick: 'x', note: 'ok' } },
    address: { zip: '060-0001', city: '札幌' },
    email: 'resident@example.jp',
    free: 'ありがとう',
    rows: [{ kind: 'p', count: 3, ok: true }],
    panels: [{ relation: 'self', year: 1980 }],
  };
}

/** A valid submission to ABUSE_DEFINITION, as JSON. */
export function validAbuseBody(): string {
  return envelope(validAbuseData());
}

export interface AbusiveBody {
  name: string;
  /** Which check has to refuse it. */
  attacks: 'answer size' | 'problem count' | 'long strings' | 'nesting' | 'outside data';
  body: string;
}

/** A submission envelope around `data`, as JSON. */
function envelope(data: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    submissionId: randomUUID(),
    surveyVersion: 1,
    channel: 'online',
    meta: { locale: 'ja' },
    startedAt: '2025-06-02T09:00:00+09:00',
    completedAt: '2025-06-02T09:04:30+09:00',
    data,
    ...extra,
  });
}

const MARK = '__FILL_HERE__';
const bytes = (text: string) => Buffer.byteLength(text);

/**
 * `around` with its MARK (a JSON string) replaced by `open` + as many `item(i)`
 * as fit in `limit` bytes (at most `max`) + `close`.
 */
function fill(around: string, open: string, close: string, item: (i: number) => string, limit: number, max = Infinity): string {
  const [before, after] = around.split(JSON.stringify(MARK));
  let size = bytes(before) + bytes(open) + bytes(close) + bytes(after);
  const parts: string[] = [];
  for (let i = 0; i < max; i++) {
    const part = (i === 0 ? '' : ',') + item(i);
    const partSize = bytes(part);
    if (size + partSize > limit) break;
    parts.push(part);
    size += partSize;
  }
  return before + open + parts.join('') + close + after;
}

/** `data` is the valid response with `key` replaced by an array of `item(i)`, filled to the limit. */
function arrayAnswer(key: string, item: (i: number) => string, limit: number, max = Infinity): string {
  return fill(envelope({ ...validAbuseData(), [key]: MARK }), '[', ']', item, limit, max);
}

/** `data` is the valid response with `key` replaced by an object of `entry(i)` ("name":value), filled to the limit. */
function objectAnswer(key: string, entry: (i: number) => string, limit: number): string {
  return fill(envelope({ ...validAbuseData(), [key]: MARK }), '{', '}', entry, limit);
}

/** `data` with `key` holding `answer`, in which the string MARK is replaced by a list of `item(i)` filled to the limit. */
function nestedAnswer(key: string, answer: unknown, open: string, close: string, item: (i: number) => string, limit: number): string {
  return fill(envelope({ ...validAbuseData(), [key]: answer }), open, close, item, limit);
}

/** A string of `count` characters that JSON keeps as it is. */
function longText(count: number, seed = 'x'): string {
  return seed.repeat(Math.ceil(count / seed.length)).slice(0, count);
}

/** The largest n such that `build(n)` is at most `limit` bytes (build grows with n). */
function largestFitting(build: (n: number) => string, limit: number): string {
  let low = 1;
  let high = limit;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytes(build(mid)) <= limit) low = mid;
    else high = mid - 1;
  }
  return build(low);
}

/** Every abusive body, each as large as `limit` (bytes) allows. */
export function abusiveBodies(limit = DEFAULT_BODY_LIMIT_BYTES): AbusiveBody[] {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  return [
    // Answers far bigger than their question: one problem each, before anything reads them.
    { name: 'checkbox: empty arrays as values', attacks: 'answer size', body: arrayAnswer('choices', () => '[]', limit) },
    { name: 'checkbox: values outside the choices', attacks: 'answer size', body: arrayAnswer('choices', (i) => `"v${i}"`, limit) },
    { name: 'ranking: one choice repeated', attacks: 'answer size', body: arrayAnswer('ranking', () => '"a"', limit) },
    { name: 'matrix: unknown rows', attacks: 'answer size', body: objectAnswer('grid', (i) => `"r${i}x":"c1"`, limit) },
    {
      name: 'multi-select matrix: one row with every value',
      attacks: 'answer size',
      body: nestedAnswer('multiGrid', { r1: MARK }, '[', ']', (i) => `"c${i}"`, limit),
    },
    {
      name: 'matrixdropdown: one row with unknown columns',
      attacks: 'answer size',
      body: nestedAnswer('table', { r1: MARK }, '{', '}', (i) => `"k${i}":1`, limit),
    },
    { name: 'multipletext: unknown items', attacks: 'answer size', body: objectAnswer('address', (i) => `"i${i}":"x"`, limit) },
    { name: 'matrixdynamic: empty rows', attacks: 'answer size', body: arrayAnswer('rows', () => '{}', limit) },
    { name: 'paneldynamic: empty panels', attacks: 'answer size', body: arrayAnswer('panels', () => '{}', limit) },
    {
      name: 'matrixdynamic: one row with unknown columns',
      attacks: 'answer size',
      body: nestedAnswer('rows', [MARK], '{', '}', (i) => `"k${i}":1`, limit),
    },

    // Tens of thousands of problems, every answer within its question's size.
    { name: 'data: unknown keys', attacks: 'problem count', body: objectAnswerAtTop((i) => `"q${i}":0`, limit) },
    {
      name: 'matrixdynamic: 1,000 rows, every cell wrong',
      attacks: 'problem count',
      body: arrayAnswer('rows', () => '{"kind":"z","count":"many","ok":"yes"}', limit, 1000),
    },
    {
      name: 'matrixdynamic: 1,000 rows missing a required cell',
      attacks: 'problem count',
      body: arrayAnswer('rows', () => '{"count":99}', limit, 1000),
    },
    {
      name: 'paneldynamic: 100 panels, every answer wrong',
      attacks: 'problem count',
      body: arrayAnswer('panels', (i) => `{"relation":"x${i}","year":"old","care":1}`, limit, 100),
    },
    {
      name: 'paneldynamic: 100 panels failing survey-core rules',
      attacks: 'problem count',
      body: arrayAnswer('panels', () => '{"relation":"parent","year":1800}', limit, 100),
    },

    // Long strings: each is quoted in a message, and none may be copied whole into the answer.
    {
      name: 'text: one string far over maxLength',
      attacks: 'long strings',
      body: largestFitting((n) => envelope({ ...validAbuseData(), email: longText(n) }), limit),
    },
    {
      name: 'data: one unknown key of 250 k characters',
      attacks: 'long strings',
      body: largestFitting((n) => envelope({ ...validAbuseData(), [longText(n, 'k')]: 1 }), limit),
    },
    {
      name: 'data: unknown keys of 120 characters',
      attacks: 'long strings',
      body: objectAnswerAtTop((i) => `"${longText(120, `k${i}-`)}":1`, limit),
    },
    {
      name: 'checkbox: seven long values outside the choices',
      attacks: 'long strings',
      body: largestFitting((n) => envelope({ ...validAbuseData(), choices: Array.from({ length: 7 }, (_, i) => longText(n, `${i}あ`)) }), limit),
    },
    {
      name: 'data: unknown keys of control characters',
      attacks: 'long strings',
      body: objectAnswerAtTop((i) => `"\\u0001${'\\u0001'.repeat(110)}${i}":1`, limit),
    },

    // Nesting, refused before validation (server/find-unsafe-json.ts), for comparison.
    {
      name: 'data: an answer nested 100 k levels deep',
      attacks: 'nesting',
      body: largestFitting((n) => envelope({ ...validAbuseData(), choices: MARK }).replace(JSON.stringify(MARK), deep(n)), limit),
    },

    // Refused before validation, by the submission schema (server/routes/responses.ts) or findUnsafeJson, which
    // used to give one detail per key and quote a key whole; now capped like the validator's answers.
    { name: 'body: unknown fields beside data', attacks: 'outside data', body: fill(envelope(validAbuseData(), { [MARK]: 0 }).replace(`${JSON.stringify(MARK)}:0`, JSON.stringify(MARK)), '', '', (i) => `"f${i}":0`, limit) },
    { name: 'meta: unknown keys', attacks: 'outside data', body: fill(envelope(validAbuseData()).replace('"meta":{', `"meta":{${JSON.stringify(MARK)},`), '', '', (i) => `"m${i}":0`, limit) },
    {
      name: 'data: a 200 k-character key nested too deep',
      attacks: 'outside data',
      body: largestFitting((n) => envelope({ ...validAbuseData(), [longText(n, 'k')]: MARK }).replace(JSON.stringify(MARK), deep(40)), limit),
    },
  ];
}

/** The valid response with as many extra top-level keys as fit. */
function objectAnswerAtTop(entry: (i: number) => string, limit: number): string {
  const around = envelope(validAbuseData()).replace(/"data":\{/, `"data":{"${MARK}":0,`);
  const [before, after] = around.split(`"${MARK}":0,`);
  let size = bytes(before) + bytes(after);
  const parts: string[] = [];
  for (let i = 0; ; i++) {
    const part = entry(i) + ',';
    if (size + bytes(part) > limit) break;
    parts.push(part);
    size += bytes(part);
  }
  return before + parts.join('') + after;
}

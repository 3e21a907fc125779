/**
 * Over a thousand generated bad submissions against the real HTTP server on
 * loopback (in-process app, real SQLite file): each must get a 4xx with the
 * error shape, none may be stored, and the server must still answer afterwards.
 * Most payloads are mutations of a valid submission, so they get past the
 * cheap checks and reach the strict validator; the rest are random JSON and bytes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WARD_CODES } from '../../contracts/wards.ts';
import { validSubmission } from '../fixtures/valid-responses.ts';
import { readFixtureDefinition, startApp, SURVEY_ID, type RunningApp } from './start-app.ts';
import { propertyRuns, propertyTimeout } from '../support/property-runs.ts';

const SEED = 20_250_602;
// ~5 ms a request on a quiet 2-core machine; sized by test/support/property-runs.ts.
const RUNS = propertyRuns(1_500);
const RESPONSES_PATH = `/api/surveys/${SURVEY_ID}/responses`;

interface BadRequest {
  kind: string;
  contentType: string;
  body: string;
}

let app: RunningApp;
let definition: Record<string, any>;
beforeAll(async () => {
  app = await startApp();
  definition = await readFixtureDefinition();
});
afterAll(async () => {
  await app.close();
});

type Json = unknown;
type Submissionish = Record<string, any>;

const CHOICE_TYPES = ['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'ranking', 'rating'];

/** Every question with a fixed set of allowed values in the fixture: name → values (as strings) and whether it takes several. */
function choiceQuestions(json: Record<string, any>): Array<{ name: string; values: Set<string>; multiple: boolean }> {
  const found: Array<{ name: string; values: Set<string>; multiple: boolean }> = [];
  const visit = (elements: any[]) => {
    for (const element of elements ?? []) {
      if (element.elements) visit(element.elements);
      const list = element.choices ?? element.rateValues;
      if (!CHOICE_TYPES.includes(element.type) || !Array.isArray(list)) continue;
      const values = new Set<string>(list.map((c: any) => String(typeof c === 'object' ? c.value : c)));
      if (element.showOtherItem) values.add('other');
      if (element.showNoneItem) values.add('none');
      found.push({ name: element.name, values, multiple: ['checkbox', 'tagbox', 'ranking'].includes(element.type) });
    }
  };
  for (const page of json.pages) visit(page.elements);
  return found;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const notA = (type: 'string' | 'number' | 'array' | 'object' | 'boolean') =>
  fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.array(anyJson, { maxLength: 3 }), fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }), fc.boolean(), fc.constant(null)).filter(
    (value) => jsonType(value) !== type,
  );

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Mutations of one part of a valid submission, each of which must make it invalid. */
function mutations(valid: Submissionish): fc.Arbitrary<{ kind: string; mutate: (s: Submissionish) => Json }> {
  const topFields = Object.keys(valid);
  const questions = choiceQuestions(definition);
  const dataKeys = Object.keys(valid.data);
  const mutation = (kind: string, arb: fc.Arbitrary<(s: Submissionish) => Json>) => arb.map((mutate) => ({ kind, mutate }));

  return fc.oneof(
    mutation('missing field', fc.constantFrom(...topFields).map((field) => (s) => omit(s, field))),
    mutation(
      'wrong field type',
      fc.tuple(fc.constantFrom(...topFields), anyJson).filter(([field, value]) => !fieldAccepts(field, value)).map(
        ([field, value]) => (s) => ({ ...s, [field]: value }),
      ),
    ),
    mutation('unknown version', fc.integer({ min: 3, max: 2 ** 31 }).map((version) => (s) => ({ ...s, surveyVersion: version }))),
    mutation('bad version number', fc.constantFrom(0, -1, 1.5, '1', 1e21, null).map((version) => (s) => ({ ...s, surveyVersion: version }))),
    mutation(
      'unknown top-level key',
      fc.tuple(fc.string({ minLength: 1 }).filter((k) => !topFields.includes(k)), anyJson).map(([key, value]) => (s) => withKey(s, key, value)),
    ),
    mutation('bad ward', fc.string().filter((w) => !(WARD_CODES as readonly string[]).includes(w)).map((ward) => (s) => ({ ...s, meta: { ...s.meta, ward } }))),
    mutation('bad locale', fc.oneof(fc.constant(''), fc.constant('日本語'), fc.constant('JA'), fc.string({ maxLength: 1 }), notA('string')).map((locale) => (s) => ({ ...s, meta: { ...s.meta, locale } }))),
    mutation('bad kioskId', fc.oneof(fc.constant(''), fc.constant('a b'), fc.constant('x'.repeat(65)), fc.constant('区役所'), notA('string')).map((kioskId) => (s) => ({ ...s, meta: { ...s.meta, kioskId } }))),
    mutation('unknown meta key', fc.tuple(fc.string({ minLength: 1 }).filter((k) => !['ward', 'locale', 'kioskId'].includes(k)), anyJson).map(([key, value]) => (s) => ({ ...s, meta: withKey(s.meta, key, value) }))),
    mutation('meta not an object', notA('object').map((meta) => (s) => ({ ...s, meta }))),
    mutation('data not an object', notA('object').map((data) => (s) => ({ ...s, data }))),
    mutation(
      'unknown question',
      fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), anyJson).map(([suffix, value]) => (s) => ({ ...s, data: withKey(s.data, `zz_${suffix}`, value) })),
    ),
    mutation(
      'out-of-choice value',
      fc
        .tuple(fc.constantFrom(...questions), fc.oneof(fc.string(), fc.integer({ min: -1000, max: 1000 })))
        .filter(([question, value]) => !question.values.has(String(value)))
        .map(([question, value]) => (s) => ({ ...s, data: { ...s.data, [question.name]: question.multiple ? [...asArray(s.data[question.name]), value] : value } })),
    ),
    mutation(
      'wrong answer type',
      fc
        .constantFrom(...dataKeys)
        .chain((key) => notA(jsonType(valid.data[key]) as 'string').filter((value) => !looselyEqual(value, valid.data[key])).map((value) => [key, value] as const))
        .map(([key, value]) => (s) => ({ ...s, data: { ...s.data, [key]: value } })),
    ),
    mutation('matrix row not in the definition', fc.string({ minLength: 1 }).filter((row) => !['wait', 'guide'].includes(row)).map((row) => (s) => ({ ...s, data: { ...s.data, satisfaction: { ...s.data.satisfaction, [row]: 3 } } }))),
    mutation('huge out-of-choice string', fc.integer({ min: 10_000, max: 100_000 }).map((n) => (s) => ({ ...s, data: { ...s.data, mood: 'ok'.repeat(n / 2) } }))),
    mutation('body over the limit', fc.integer({ min: 256 * 1024, max: 400 * 1024 }).map((n) => (s) => ({ ...s, data: { ...s.data, free: 'x'.repeat(n) } }))),
    mutation('__proto__ key', fc.constantFrom('data', 'satisfaction', 'byTask').map((where) => (s) => insertProtoKey(s, where))),
    mutation('constructor/prototype question', fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty').map((key) => (s) => ({ ...s, data: withKey(s.data, key, { prototype: { polluted: 'yes' } }) }))),
  );
}

/** Whether `value` is still valid for the top-level `field` (such a "mutation" changes nothing and is skipped). */
function fieldAccepts(field: string, value: unknown): boolean {
  if (field === 'channel') return value === 'kiosk' || value === 'online';
  if (field === 'surveyVersion') return value === 1 || value === 2;
  return JSON.stringify((validSubmission(SURVEY_ID) as Submissionish)[field]) === JSON.stringify(value);
}

/** Same JSON, or the same primitive in another type ("2" for 2): such a replacement is not clearly wrong, so it is skipped. */
function looselyEqual(a: unknown, b: unknown): boolean {
  const primitive = (v: unknown) => v === null || typeof v !== 'object';
  return JSON.stringify(a) === JSON.stringify(b) || (primitive(a) && primitive(b) && String(a) === String(b));
}

function omit(object: Submissionish, key: string): Submissionish {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Adds a key as an own data property, even "__proto__" (plain assignment would set the prototype). */
function withKey(object: Submissionish, key: string, value: unknown): Submissionish {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function insertProtoKey(submission: Submissionish, where: string): Submissionish {
  const polluting = { polluted: 'yes' };
  if (where === 'data') return { ...submission, data: withKey(submission.data, '__proto__', polluting) };
  return { ...submission, data: { ...submission.data, [where]: withKey(submission.data[where], '__proto__', polluting) } };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const mutatedSubmission: fc.Arbitrary<BadRequest> = fc.constant(null).chain(() => {
  const valid = validSubmission(SURVEY_ID) as Submissionish;
  return mutations(valid).map(({ kind, mutate }) => ({ kind, contentType: 'application/json', body: JSON.stringify(mutate(structuredClone(valid))) }));
});

const randomJson: fc.Arbitrary<BadRequest> = anyJson.map((value) => ({ kind: 'random JSON', contentType: 'application/json', body: JSON.stringify(value) }));
const randomText: fc.Arbitrary<BadRequest> = fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ kind: 'random text', contentType: 'application/json', body }));
const truncated: fc.Arbitrary<BadRequest> = fc.integer({ min: 0, max: 400 }).map((length) => ({
  kind: 'truncated JSON',
  contentType: 'application/json',
  body: JSON.stringify(validSubmission(SURVEY_ID)).slice(0, length),
}));
const wrongContentType: fc.Arbitrary<BadRequest> = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=shift_jis').map((contentType) => ({
  kind: 'wrong content type',
  contentType,
  body: JSON.stringify(validSubmission(SURVEY_ID)),
}));

const badRequest = fc.oneof(
  { arbitrary: mutatedSubmission, weight: 14 },
  { arbitrary: randomJson, weight: 2 },
  { arbitrary: randomText, weight: 1 },
  { arbitrary: truncated, weight: 1 },
  { arbitrary: wrongContentType, weight: 1 },
);

it(`answers ${RUNS} generated bad submissions with 4xx, stores none, and keeps answering`, { timeout: propertyTimeout() }, async () => {
  const statusesByKind = new Map<string, Set<number>>();
  await fc.assert(
    fc.asyncProperty(badRequest, async ({ kind, contentType, body }) => {
      const response = await fetch(app.url + RESPONSES_PATH, { method: 'POST', headers: { 'content-type': contentType }, body });
      const answer = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
      expect(response.status, `${kind}: ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${kind}: ${body.slice(0, 300)} → ${JSON.stringify(answer).slice(0, 300)}`).toBeLessThan(500);
      expect(typeof answer.error?.code).toBe('string');
      expect(typeof answer.error?.message).toBe('string');
      statusesByKind.set(kind, (statusesByKind.get(kind) ?? new Set()).add(response.status));
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );

  expect(await app.store.count({ surveyId: SURVEY_ID })).toBe(0);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  // The generator reached every kind of bad payload (otherwise a weight or filter is broken).
  expect([...statusesByKind.keys()].length).toBeGreaterThanOrEqual(20);
  // And a valid submission still goes through afterwards.
  const ok = await fetch(app.url + RESPONSES_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validSubmission(SURVEY_ID)) });
  expect(ok.status).toBe(201);
});

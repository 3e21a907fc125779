/**
 * Test data marked by hand (issue 30; contracts/test-markings.ts): analysts and admins mark a kiosk and a period,
 * or single responses, as test answers, with a reason, and withdraw a marking with a reason.
 *
 *   GET  /api/surveys/:id/test-markings                     every marking of the survey, newest first
 *   POST /api/surveys/:id/test-markings                     {reason, kioskId, from, to} or {reason, responseIds}
 *   POST /api/surveys/:id/test-markings/:markingId/unmark   {reason}
 *
 * Each act is recorded in the audit log (who, when, what, why) before it is appended to DATA_DIR/test-markings.jsonl
 * (server/test-markings/test-markings-log.ts), as a margins upload is; without an audit log the routes refuse to
 * change anything. Every analyst read then leaves the marked responses out with the meta.test ones (the filter
 * carries the survey's current markings: parseFilter's `marked`, read with currentMarkings below).
 */
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import {
  markTestAnswersSchema,
  unmarkTestAnswersSchema,
  type MarkTestAnswers,
  type TestMarking,
  type TestMarkingList,
  type TestMarkingTarget,
} from '../../contracts/test-markings.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { appendAuditEntry } from '../audit/audit-log.ts';
import { principalOf, viewOf } from '../auth/principal.ts';
import { parseBody } from '../enrollment/parse-body.ts';
import { HttpError } from '../http-error.ts';
import { FilterError, parseResponseFilter } from '../live-table/response-filter.ts';
import type { ResponseStore } from '../store/response-store.ts';
import type { MarkedResponses } from '../test-markings/marked-responses.ts';
import { TestMarkingsFileError, type StoredMarking, type TestMarkingsLog } from '../test-markings/test-markings-log.ts';
import { findSurvey } from './surveys.ts';

export interface TestMarkingsRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /** DATA_DIR/test-markings.jsonl; none: nothing is marked, and marking is refused. */
  testMarkings: TestMarkingsLog | null;
  /** DATA_DIR/audit.jsonl; none: marking is refused, as an unrecorded change would be. */
  auditLogPath?: string;
}

const CODE = 'invalid_test_marking';

export function testMarkingsRouter({ store, definitions, testMarkings, auditLogPath }: TestMarkingsRouterOptions): Router {
  // Mounted at /api/surveys/:id/test-markings.
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: '128kb' });

  /** The log and the audit log, or 503: a marking nobody could audit is not made. */
  function writable(): { log: TestMarkingsLog; audit: string } {
    if (!testMarkings) throw new HttpError(503, 'test_markings_unavailable', 'This server keeps no test markings (no data folder is configured)');
    if (!auditLogPath) throw new HttpError(503, 'audit_unavailable', 'Marking test answers is off: this server has no audit log configured');
    return { log: testMarkings, audit: auditLogPath };
  }

  router.get('/', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    findSurvey(definitions, surveyId);
    const markings = testMarkings ? await listOf(testMarkings, surveyId) : [];
    const body: TestMarkingList = { markings: await Promise.all([...markings].reverse().map((marking) => withCount(store, marking))) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/', json, async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const { log, audit } = writable();
    const body = parseBody(markTestAnswersSchema, req.body, CODE);
    const target = await targetOf(body, definition, store);
    const { name, via } = viewOf(principalOf(req)!);
    const marking: StoredMarking = { markingId: randomUUID(), surveyId, at: new Date().toISOString(), who: name, via, reason: body.reason, target };
    await log.exclusive(async () => {
      // On record before it takes effect, as a margins upload is.
      await appendAuditEntry(audit, { action: 'mark-test-answers', at: marking.at, who: name, via: marking.via, surveyId, markingId: marking.markingId, target, reason: body.reason });
      await log.append({ action: 'mark', markingId: marking.markingId, surveyId, at: marking.at, who: name, via: marking.via, reason: body.reason, target });
    });
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(await withCount(store, marking));
  });

  router.post('/:markingId/unmark', json, async (req, res) => {
    const { id: surveyId, markingId } = req.params as { id: string; markingId: string };
    findSurvey(definitions, surveyId);
    const { log, audit } = writable();
    const body = parseBody(unmarkTestAnswersSchema, req.body, CODE);
    const { name, via } = viewOf(principalOf(req)!);
    const unmarked = await log.exclusive(async () => {
      const marking = (await listOf(log, surveyId)).find((candidate) => candidate.markingId === markingId);
      if (!marking) throw new HttpError(404, 'no_test_marking', `Survey ${JSON.stringify(surveyId)} has no test marking ${JSON.stringify(markingId)}`);
      if (marking.unmarked) {
        throw new HttpError(409, 'already_unmarked', `Test marking ${JSON.stringify(markingId)} was already withdrawn by ${marking.unmarked.who} at ${marking.unmarked.at}`);
      }
      const at = new Date().toISOString();
      await appendAuditEntry(audit, { action: 'unmark-test-answers', at, who: name, via, surveyId, markingId, target: marking.target, reason: body.reason });
      await log.append({ action: 'unmark', markingId, surveyId, at, who: name, via, reason: body.reason });
      return { ...marking, unmarked: { at, who: name, via, reason: body.reason } };
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(await withCount(store, unmarked));
  });

  return router;
}

/**
 * What the survey's current markings cover, for an analyst read's filter (parseFilter's `marked`); none without a
 * log. A broken file is the operator's fault, not the request's: 500 naming its line.
 */
export async function currentMarkings(testMarkings: TestMarkingsLog | null | undefined, surveyId: string): Promise<MarkedResponses | undefined> {
  if (!testMarkings) return undefined;
  try {
    return await testMarkings.marked(surveyId);
  } catch (error) {
    if (error instanceof TestMarkingsFileError) throw new HttpError(500, 'broken_test_markings', `The test markings file is broken: ${error.message}`);
    throw error;
  }
}

async function listOf(log: TestMarkingsLog, surveyId: string): Promise<StoredMarking[]> {
  try {
    return await log.list(surveyId);
  } catch (error) {
    if (error instanceof TestMarkingsFileError) throw new HttpError(500, 'broken_test_markings', `The test markings file is broken: ${error.message}`);
    throw error;
  }
}

/** The body as what it marks, or 422 naming the field: a kiosk and a period, or response ids of this survey. */
async function targetOf(body: MarkTestAnswers, definition: SurveyDefinition, store: ResponseStore): Promise<TestMarkingTarget> {
  const { kioskId, from, to, responseIds } = body;
  const period = kioskId !== undefined || from !== undefined || to !== undefined;
  if (period && responseIds !== undefined) throw new HttpError(422, CODE, 'Mark a kiosk and a period (kioskId, from, to) or single responses (responseIds), not both in one marking');
  if (!period && responseIds === undefined) throw new HttpError(422, CODE, 'Say what to mark: kioskId with from and to, or responseIds');
  if (responseIds !== undefined) {
    const ids = [...new Set(responseIds)];
    const records = await Promise.all(ids.map((id) => store.get(id)));
    const unknown = ids.filter((_, k) => records[k]?.surveyId !== definition.id);
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 3).map((id) => JSON.stringify(id)).join(', ');
      throw new HttpError(422, CODE, `responseIds: survey ${JSON.stringify(definition.id)} has no response ${shown}${unknown.length > 3 ? ` (and ${unknown.length - 3} more)` : ''}`);
    }
    return { kind: 'responses', responseIds: ids };
  }
  if (kioskId === undefined) throw new HttpError(422, CODE, 'kioskId: is required with from and to (the kiosk whose answers in that period were tests)');
  if (from === undefined || to === undefined) throw new HttpError(422, CODE, `${from === undefined ? 'from' : 'to'}: is required with kioskId (the period [from, to) of the test answers)`);
  // The one reading of from and to every filter uses: a day in Japan time or a date-time with its zone; from < to.
  try {
    const filter = parseResponseFilter({ from, to }, definition);
    return { kind: 'kiosk', kioskId, from: filter.receivedFrom!, to: filter.receivedTo! };
  } catch (error) {
    if (error instanceof FilterError) throw new HttpError(422, CODE, error.message);
    throw error;
  }
}

/** The marking with how many stored responses it covers now (test answers already flagged among them). */
async function withCount(store: ResponseStore, marking: StoredMarking): Promise<TestMarking> {
  const { target } = marking;
  let responses = 0;
  if (target.kind === 'responses') responses = target.responseIds.length;
  else {
    for await (const record of store.list({ surveyId: marking.surveyId, receivedFrom: target.from, receivedTo: target.to })) {
      if (record.meta.kioskId === target.kioskId) responses += 1;
    }
  }
  return { ...marking, responses };
}

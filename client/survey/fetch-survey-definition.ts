/**
 * Loads a survey definition from the collection API (GET /api/surveys/:id).
 * The client only needs the SurveyJS JSON and our top-level id and version;
 * the annotation contract is the server's and analysis's business.
 */
import type { SurveySummary } from '../../contracts/submission.ts';

export interface SurveyDefinitionJson {
  id: string;
  version: number;
  locale?: string;
  /** Who answers it (contracts/submission.ts): the online form treats anonymous staff surveys differently. */
  audience?: 'visitor' | 'citizen' | 'staff';
  [surveyJsProperty: string]: unknown;
}

export class SurveyLoadError extends Error {
  constructor(
    readonly kind: 'not-found' | 'unavailable' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'SurveyLoadError';
  }
}

/** Definitions requested before the page that needs them has loaded (preload-route.ts); each is used once. */
const prefetched = new Map<string, Promise<SurveyDefinitionJson>>();
/** Prefetched definitions that have already arrived, so the page can render them in its first render. */
const arrived = new Map<string, SurveyDefinitionJson>();

/** Starts the request; the returned promise settles with it (it never rejects: the page that takes it reports errors). */
export function prefetchSurveyDefinition(surveyId: string): Promise<void> {
  const request = requestSurveyDefinition(surveyId);
  prefetched.set(surveyId, request);
  return request.then(
    (definition) => {
      if (prefetched.get(surveyId) === request) arrived.set(surveyId, definition);
    },
    () => undefined,
  );
}

/** The prefetched definition if there is one (first call only), else a fresh request. */
export function fetchSurveyDefinition(surveyId: string): Promise<SurveyDefinitionJson> {
  const early = prefetched.get(surveyId);
  prefetched.delete(surveyId);
  arrived.delete(surveyId);
  return early ?? requestSurveyDefinition(surveyId);
}

/** The prefetched definition if it has already arrived (first call only, like fetchSurveyDefinition), else undefined. */
export function takeArrivedSurveyDefinition(surveyId: string): SurveyDefinitionJson | undefined {
  const definition = arrived.get(surveyId);
  if (definition !== undefined) {
    arrived.delete(surveyId);
    prefetched.delete(surveyId);
  }
  return definition;
}

async function requestSurveyDefinition(surveyId: string): Promise<SurveyDefinitionJson> {
  let response: Response;
  try {
    response = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}`, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new SurveyLoadError('unavailable', `could not reach the server for survey ${JSON.stringify(surveyId)}: ${String(error)}`);
  }
  if (response.status === 404) throw new SurveyLoadError('not-found', `there is no survey ${JSON.stringify(surveyId)}`);
  if (!response.ok) throw new SurveyLoadError('unavailable', `the server answered HTTP ${response.status} for survey ${JSON.stringify(surveyId)}`);
  const json: unknown = await response.json().catch(() => undefined);
  if (typeof json !== 'object' || json === null || !Number.isInteger((json as { version?: unknown }).version)) {
    throw new SurveyLoadError('invalid', `the definition of survey ${JSON.stringify(surveyId)} has no integer "version"`);
  }
  return json as SurveyDefinitionJson;
}

/** One survey in GET /api/surveys. */
export async function fetchSurveyList(): Promise<SurveySummary[]> {
  const response = await fetch('/api/surveys', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new SurveyLoadError('unavailable', `the server answered HTTP ${response.status} for the survey list`);
  return (await response.json()) as SurveySummary[];
}

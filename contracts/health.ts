/** A definition file the server left out at start-up, and why (docs/decisions/0021-one-bad-definition-never-stops-collection.md). */
export interface BrokenDefinitionFile {
  file: string;
  reason: string;
}

/**
 * GET /healthz, 200: the store answered (otherwise 503 with the API's error body).
 * "degraded": some definition files were left out; every other survey takes responses.
 */
export type HealthStatus = { status: 'ok' } | { status: 'degraded'; definitions: BrokenDefinitionFile[] };

/** GET /api/definition-problems (admins): the same list, empty when every file loaded. */
export interface DefinitionProblems {
  definitions: BrokenDefinitionFile[];
}

/** A definition file the server left out at start-up, and why (docs/decisions/0021-one-bad-definition-never-stops-collection.md). */
export interface BrokenDefinitionFile {
  file: string;
  reason: string;
}

/**
 * GET /healthz, 200: the store answered (otherwise 503 with the API's error body).
 * "degraded": some definition files were left out; every other survey takes responses.
 */
export type HealthStatus = ({ status: 'ok' } | { status: 'degraded'; definitions: BrokenDefinitionFile[] }) & {
  /**
   * Each survey's live analysis table (issue 23): `building` while it is read from the store at start-up (its
   * dashboard views answer 503 with Retry-After until then), `ready`, or `failed`; absent where the store has none.
   */
  tables?: Record<string, { state: 'building' | 'ready' | 'failed'; rows: number }>;
};

/** GET /api/definition-problems (admins): the same list, empty when every file loaded. */
export interface DefinitionProblems {
  definitions: BrokenDefinitionFile[];
}

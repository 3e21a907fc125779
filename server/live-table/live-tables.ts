/**
 * The server's live tables (issue 23): one per survey, built from the store in the background at start-up and
 * kept up with it by following the store's cursor (ResponseStore.readStoredAfter, the SQLite rowid).
 *
 * - **One way in.** Every row comes from the store's cursor: the responses this process stored, and those
 *   another process stored in the same file (`survey-toolkit migrate` while the server runs). A table therefore
 *   never holds a response the store does not, and each read first catches up, so it misses none the store held
 *   when the read began. An accepted insert only nudges a catch-up (`notify`); the 201 never waits for a table.
 * - **Bounded.** A read catches up at most CATCH_UP_ROWS rows itself; after a large import by another process the
 *   rest is read in the background and the view lags by it for the few seconds that takes (docs/architecture.md).
 * - **Start-up.** While the first pass runs, `state` is `building` and dashboard reads of the survey answer 503
 *   with Retry-After (routes call `ready`); collection is never held up: the pass yields to the event loop
 *   between pages.
 * - A store that cannot give a stored order (MongoDB, for now) has no live tables: `startLiveTables` returns null
 *   and the routes read views from the store as before.
 */
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { ResponseStore, StoredLine } from '../store/response-store.ts';
import { HttpError } from '../http-error.ts';
import { appendStored, createLiveTable, sortIntoListOrder, type LiveTable } from './live-table.ts';

export type LiveTableState = 'building' | 'ready' | 'failed';

export interface LiveTableStatus {
  state: LiveTableState;
  rows: number;
}

export interface LiveTables {
  /** Each survey's state and rows, for /healthz. */
  statuses(): Record<string, LiveTableStatus>;
  /**
   * The survey's table, caught up with the store. Throws HttpError 503 `table_building` (with `retryAfter`) while
   * the first pass runs. Null for a survey without a table, and when building failed (logged once): the routes
   * then read the store, as without live tables, so a fault here slows the dashboard but never stops it.
   */
  ready(surveyId: string): Promise<LiveTable | null>;
  /** The store has new rows (an accepted insert): catch up soon, without anyone waiting. */
  notify(): void;
  /** Resolves when the first pass is over (tests, the benchmark). */
  built(): Promise<void>;
}

export interface LiveTablesOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /** Records read per store page; default 2,000. */
  pageSize?: number;
}

/** Rows a read reads itself before answering; more than this comes in the background. */
export const CATCH_UP_ROWS = 20_000;
/** How long a read waits for the first pass before answering 503, in milliseconds. */
export const BUILD_WAIT_MS = 1000;
/** What a 503 during the first pass tells the dashboard to wait, in seconds. */
export const BUILDING_RETRY_AFTER_S = 2;

export class LiveTableBuilding extends HttpError {
  override readonly retryAfter = BUILDING_RETRY_AFTER_S;
  constructor(surveyId: string, rows: number) {
    super(503, 'table_building', `The analysis table of survey ${JSON.stringify(surveyId)} is still being built from the store (${rows} responses so far); try again in a few seconds`);
  }
}

export function startLiveTables({ store, definitions, pageSize = 2000 }: LiveTablesOptions): LiveTables | null {
  const readStoredAfter = store.readStoredAfter?.bind(store);
  if (!readStoredAfter) return null;
  const tables = new Map<string, LiveTable>();
  for (const { id } of definitions.list()) {
    const versions = definitions.versions(id).map((version) => definitions.getVersion(id, version)!);
    tables.set(id, createLiveTable(versions));
  }
  let cursor: string | null = null;
  let state: LiveTableState = 'building';
  // Catch-ups run one after another: two at once would read the same rows twice.
  let queue: Promise<unknown> = Promise.resolve();
  let backgroundQueued = false;

  /** Reads up to `limit` rows from the store into the tables; whether it reached the end. */
  async function follow(limit: number, yieldBetweenPages: boolean): Promise<boolean> {
    let read = 0;
    while (read < limit) {
      const asked = Math.min(pageSize, limit - read);
      const page = await readStoredAfter!(cursor, asked);
      for (const record of page.records) appendTo(record);
      cursor = page.cursor;
      read += page.records.length;
      if (page.records.length < asked) return true;
      if (yieldBetweenPages) await new Promise((resolve) => setImmediate(resolve));
    }
    return false;
  }
  function appendTo(line: StoredLine): void {
    const table = tables.get(line.surveyId);
    // Responses of a survey this server has no definition for (removed, or its file is broken) are not analysed here.
    if (table) appendStored(table, line);
  }
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }
  function background(): void {
    if (backgroundQueued) return;
    backgroundQueued = true;
    void enqueue(async () => {
      backgroundQueued = false;
      const done = await follow(CATCH_UP_ROWS, true);
      if (!done) background();
    }).catch(() => {
      // The store closed under us (shutdown, a test's end): nothing is left to follow.
    });
  }

  const readAllStoredAfter = store.readAllStoredAfter?.bind(store);
  const firstPass = enqueue(async () => {
    // Read ahead in the store's worker thread where it has one (SQLite), scanning each page while the next is read:
    // start-up then takes the longer of reading and scanning, not their sum (issue 23: 1M responses per survey).
    if (readAllStoredAfter) {
      for await (const page of readAllStoredAfter(cursor, pageSize)) {
        for (const record of page.records) appendTo(record);
        cursor = page.cursor;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    while (!(await follow(Number.MAX_SAFE_INTEGER, true)));
    // Imported history comes out of receivedAt order; sorted now, while no view holds a row number.
    for (const table of tables.values()) sortIntoListOrder(table);
    state = 'ready';
  }).catch((error: Error) => {
    state = 'failed';
    // A store closed during the pass is a shutdown (or a test's end), not a failure worth a log line.
    if (!/store is closed/.test(error.message)) console.error(`survey server: the live analysis tables could not be built, so dashboard views read the store: ${error.message}`);
  });

  return {
    statuses() {
      return Object.fromEntries([...tables].map(([id, table]) => [id, { state, rows: table.table.rowCount }]));
    },
    async ready(surveyId) {
      const table = tables.get(surveyId);
      if (!table) return null;
      // A click in the last moments of the build waits for it rather than being told to come back.
      if (state === 'building') await Promise.race([firstPass, new Promise((resolve) => setTimeout(resolve, BUILD_WAIT_MS).unref())]);
      if (state === 'building') throw new LiveTableBuilding(surveyId, table.table.rowCount);
      if (state === 'failed') return null;
      const done = await enqueue(() => follow(CATCH_UP_ROWS, false));
      if (!done) background();
      return table;
    },
    notify() {
      if (state === 'ready') background();
    },
    built: () => firstPass.then(() => undefined),
  };
}

/**
 * Runs createApp in-process on a free loopback port, with a real SQLite store in
 * a temp dir and definitions loaded by the real loader from a temp
 * survey-definitions/ folder: all-question-types v1 (the validator's fixture) and
 * a v2 that adds one optional question, so "an older version is accepted" is testable.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppOptions } from '../../server/app.ts';
import { loadDefinitionCatalogFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import type { ResponseStore } from '../../server/store/response-store.ts';

export const SURVEY_ID = 'all-question-types';
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'definitions', `${SURVEY_ID}.json`);

export interface RunningApp {
  url: string;
  store: ResponseStore;
  /** Stops listening, closes the store, removes the temp dir. */
  close: () => Promise<void>;
}

export async function readFixtureDefinition(): Promise<Record<string, any>> {
  return JSON.parse(await readFile(FIXTURE, 'utf8'));
}

/** Version 2 adds one optional question, "visitCount", to the last page. */
export function toVersion2(v1: Record<string, any>): Record<string, any> {
  const v2 = structuredClone(v1);
  v2.version = 2;
  v2.pages[1].elements.push({ type: 'text', name: 'visitCount', inputType: 'number', min: 0, max: 99 });
  return v2;
}

/** Writes survey-definitions/all-question-types/v1.json and v2.json under `definitionsDir`. */
export async function writeTestDefinitions(definitionsDir: string): Promise<void> {
  const v1 = await readFixtureDefinition();
  await mkdir(join(definitionsDir, SURVEY_ID), { recursive: true });
  await writeFile(join(definitionsDir, SURVEY_ID, 'v1.json'), JSON.stringify(v1, null, 2));
  await writeFile(join(definitionsDir, SURVEY_ID, 'v2.json'), JSON.stringify(toVersion2(v1), null, 2));
}

export async function startApp(options: Partial<Pick<AppOptions, 'clientDir' | 'bodyLimit'>> = {}): Promise<RunningApp> {
  const dir = await mkdtemp(join(tmpdir(), 'api-test-'));
  const definitionsDir = join(dir, 'survey-definitions');
  await writeTestDefinitions(definitionsDir);

  const definitions = await loadDefinitionCatalogFromDir(definitionsDir);
  const store = await openSqliteResponseStore(join(dir, 'responses.sqlite'));
  const app = createApp({ store, definitions, clientDir: options.clientDir ?? join(dir, 'no-client-build'), bodyLimit: options.bodyLimit });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `survey-toolkit demo`: the shortest path from a fresh clone to a dashboard with data (issue 29).
 * Writes synthetic responses of every shipped survey into the store the server uses (the same
 * environment as `npm start`: DATA_DIR, or STORE=mongodb) and creates an analyst account `demo`
 * whose generated password is printed once.
 *
 * It never mixes made-up answers with real ones: a survey whose store already holds responses is
 * left as it is, and says so. Run twice, it therefore writes nothing the second time. Every record
 * is checked with the server's own validator first, as `seed` does.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { synthesizeResponses } from '../../analysis/synthesize/synthesize-responses.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Submission } from '../../contracts/submission.ts';
import { openSelectedAuthStore } from '../../server/auth/open-selected-auth-store.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { parseServerEnv } from '../../server/env.ts';
import { describeResponseStore, openResponseStore, selectStore, type StoreSelection } from '../../server/store/open-response-store.ts';
import { validatorFor } from '../../server/validation/validate-response.ts';
import { DefinitionFilesError, loadDefinitionsFromDir } from '../../server/definitions/load-definitions-from-dir.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../cli-command.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

export const DEMO_USAGE = 'demo [--count N] [--seed S]  Fill the server\'s store with synthetic responses of every survey and create the analyst "demo"';
/** The account demo creates. */
export const DEMO_ANALYST = 'demo';
const DEFAULT_COUNT = 2000;
/** Days of fieldwork the demo spreads responses over, ending today: the dashboard's timeline then looks current. */
const DEMO_DAYS = 60;
const BATCH = 500;

export const command: CliCommand = {
  summary: DEMO_USAGE,
  async run(args) {
    const values = parseCommandArgs(args, { count: { type: 'string' }, seed: { type: 'string' } }, DEMO_USAGE);
    const count = wholeNumber(values.count ?? String(DEFAULT_COUNT), '--count');
    const seed = wholeNumber(values.seed ?? '1', '--seed');
    let env;
    try {
      env = parseServerEnv(process.env);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const selection = selectStore(env, resolve(env.DATA_DIR));
    let catalog;
    try {
      ({ catalog } = await loadDefinitionsFromDir(env.DEFINITIONS_DIR));
    } catch (error) {
      if (error instanceof DefinitionFilesError) throw new CliError(error.message);
      throw error;
    }
    // Ending yesterday: no response is dated later than the moment it is written.
    const startDate = daysBeforeTodayInJapan(DEMO_DAYS);
    const store = await openResponseStore(selection);
    try {
      for (const definition of catalog.list()) {
        const already = await store.count({ surveyId: definition.id });
        if (already > 0) {
          console.log(`${definition.id}: left as it is (the store already holds ${already.toLocaleString('en-US')} responses)`);
          continue;
        }
        const validate = validatorFor(definition);
        let batch: ResponseRecord[] = [];
        let written = 0;
        for (const record of synthesizeResponses(definition, { count, seed, startDate, days: DEMO_DAYS })) {
          const { surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } = record;
          const refused = validate({ surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } as Submission);
          if (refused.length > 0) {
            throw new CliError(`${definition.id}: a synthetic response would be refused (${refused[0].question}: ${refused[0].message}); stopped after ${written} responses`);
          }
          batch.push(record);
          if (batch.length === BATCH) {
            written += await importBatch(store, batch);
            batch = [];
          }
        }
        written += await importBatch(store, batch);
        console.log(`${definition.id}: wrote ${written.toLocaleString('en-US')} synthetic responses (v${definition.version})`);
      }
    } finally {
      await store.close();
    }
    const password = await ensureAnalyst(selection);
    console.log(`(${describeResponseStore(selection)})`);
    console.log(
      password
        ? `analyst "${DEMO_ANALYST}" created; password (shown once): ${password}\nStart the server with \`npm start\` and log in at /dashboard.`
        : `analyst "${DEMO_ANALYST}" already exists; its password is unchanged. Start the server with \`npm start\` and log in at /dashboard.`,
    );
    return 0;
  },
};

async function importBatch(store: { importRecords(records: ResponseRecord[]): Promise<Array<{ duplicate?: boolean }>> }, batch: ResponseRecord[]): Promise<number> {
  if (batch.length === 0) return 0;
  const results = await store.importRecords(batch);
  return results.filter((result) => !result.duplicate).length;
}

/** Creates the demo analyst with a generated password, which it returns; undefined when the account exists. */
async function ensureAnalyst(selection: StoreSelection): Promise<string | undefined> {
  const auth = await openSelectedAuthStore(selection);
  try {
    if (await auth.findUserByName(DEMO_ANALYST)) return undefined;
    // 18 random bytes: 24 characters, well over the minimum length, and never a password anyone else has.
    const password = randomBytes(18).toString('base64url');
    await createUser(auth, { name: DEMO_ANALYST, role: 'analyst', password });
    return password;
  } finally {
    await auth.close();
  }
}

/** YYYY-MM-DD of `days` days before today in Japan, where the fieldwork is. */
function daysBeforeTodayInJapan(days: number): string {
  const japanNow = new Date(Date.now() + 9 * 3600_000);
  japanNow.setUTCDate(japanNow.getUTCDate() - days);
  return japanNow.toISOString().slice(0, 10);
}

function wholeNumber(text: string, option: string): number {
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CliError(`${option} must be a whole number ≥ 0, got ${JSON.stringify(text)}`, 2);
  }
  return Number(text);
}

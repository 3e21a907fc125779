/**
 * STORE and MONGODB_URI select the response store at start-up; a wrong
 * combination stops start-up with one line.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSelectedAuthStore } from '../../server/auth/open-selected-auth-store.ts';
import { parseServerEnv } from '../../server/env.ts';
import { describeResponseStore, openResponseStore, selectStore } from '../../server/store/open-response-store.ts';

describe('store selection', () => {
  it('uses SQLite under DATA_DIR by default', () => {
    const env = parseServerEnv({});
    expect(env.STORE).toBe('sqlite');
    expect(selectStore(env, '/srv/survey/data')).toEqual({ store: 'sqlite', dataDir: '/srv/survey/data' });
    expect(describeResponseStore(selectStore(env, '/srv/survey/data'))).toBe('data in /srv/survey/data/responses.sqlite');
  });

  it('selects MongoDB with STORE=mongodb and MONGODB_URI, and never prints the password', () => {
    const uri = 'mongodb://toolkit:s3cret@db1,db2,db3/survey_toolkit?replicaSet=rs0';
    const env = parseServerEnv({ STORE: 'mongodb', MONGODB_URI: uri });
    const selection = selectStore(env, './data');
    expect(selection).toEqual({ store: 'mongodb', mongodbUri: uri });
    expect(describeResponseStore(selection)).toBe('data in MongoDB at mongodb://toolkit:***@db1,db2,db3/survey_toolkit?replicaSet=rs0');
  });

  it('stops with one line when STORE=mongodb has no MONGODB_URI', () => {
    for (const MONGODB_URI of [undefined, '']) {
      expect(() => parseServerEnv({ STORE: 'mongodb', MONGODB_URI })).toThrow(/^bad configuration: MONGODB_URI=.* must be set when STORE=mongodb, e\.g\. mongodb:\/\/\S+$/);
    }
  });

  it('stops with one line quoting an unknown STORE', () => {
    expect(() => parseServerEnv({ STORE: 'postgres' })).toThrow('bad configuration: STORE="postgres" must be "sqlite" (the default) or "mongodb"');
  });

  it('opens both SQLite stores side by side in DATA_DIR', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'store-selection-'));
    try {
      const selection = selectStore(parseServerEnv({}), dataDir);
      const [responses, auth] = [await openResponseStore(selection), await openSelectedAuthStore(selection)];
      expect(await responses.count({ surveyId: 'ward-office-exit' })).toBe(0);
      expect(await auth.listUsers()).toEqual([]);
      await Promise.all([responses.close(), auth.close()]);
      expect([existsSync(join(dataDir, 'responses.sqlite')), existsSync(join(dataDir, 'auth.sqlite'))]).toEqual([true, true]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('opens MongoDB for both when selected, failing with one line when the server cannot be reached', async () => {
    const selection = selectStore(parseServerEnv({ STORE: 'mongodb', MONGODB_URI: 'mongodb://127.0.0.1:1/surveys?serverSelectionTimeoutMS=200' }), './data');
    await expect(openResponseStore(selection)).rejects.toThrow(/^cannot open MongoDB response store at mongodb:\/\/127\.0\.0\.1:1\/surveys\S* \(database "surveys"\): connect ECONNREFUSED/);
    await expect(openSelectedAuthStore(selection)).rejects.toThrow(/^cannot open MongoDB auth store at .* \(database "surveys"\): connect ECONNREFUSED/);
  });
});

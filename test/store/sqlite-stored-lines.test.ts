/**
 * readStoredAfter, the SQLite store's follow cursor for the server's live tables (issue 23): every record of every
 * survey once, in stored order, as a JSON line that parses to exactly what `get` returns; a second connection's
 * writes (another process on the same file) appear on the next read; an empty read keeps the cursor.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import type { StoredLine } from '../../server/store/response-store.ts';
import { newResponse } from './new-response.ts';

const dir = mkdtempSync(join(tmpdir(), 'stored-lines-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readStoredAfter', () => {
  it('lists every survey in stored order, each line the stored record, and follows another connection', async () => {
    const file = join(dir, 'responses.sqlite');
    const store = await openSqliteResponseStore(file);
    const other = await openSqliteResponseStore(file);
    try {
      const ids: string[] = [];
      for (let k = 0; k < 7; k++) {
        const survey = k % 2 === 0 ? 'ward-office-exit' : 'staff-work-style';
        // A text with quotes, a newline and "__proto__" must survive the splice unchanged.
        const data = { comment: `"待ち時間"\n${k}`, ['__proto__']: { x: k }, n: k };
        ids.push((await store.insert(newResponse({ surveyId: survey, data: JSON.parse(JSON.stringify(data)) }))).id);
      }
      const read: StoredLine[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page = await store.readStoredAfter!(cursor, 3);
        read.push(...page.records);
        if (page.records.length === 0) {
          expect(page.cursor).toBe(cursor);
          break;
        }
        cursor = page.cursor;
      }
      expect(read.map((line) => line.id)).toEqual(ids);
      for (const line of read) {
        const stored = await store.get(line.id);
        expect(JSON.parse(line.json)).toEqual(stored);
        expect(line.json).not.toContain('\n');
        expect(line.surveyId).toBe(stored!.surveyId);
        expect(line.receivedAt).toBe(stored!.receivedAt);
      }

      const fromOther = await other.insert(newResponse());
      const next = await store.readStoredAfter!(cursor, 10);
      expect(next.records.map((line) => line.id)).toEqual([fromOther.id]);
      await expect(store.readStoredAfter!('not a cursor', 10)).rejects.toThrow('not a cursor of this store: "not a cursor"');
    } finally {
      await other.close();
      await store.close();
    }
  });
});

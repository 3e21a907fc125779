/**
 * readStoredAfter, the SQLite store's follow cursor for the server's live tables (issue 23): every record of every
 * survey once, in stored order, as a JSON line that parses to exactly what `get` returns; a second connection's
 * writes (another process on the same file) appear on the next read; an empty read keeps the cursor.
 * readAllStoredAfter, the bulk read of the first pass (its reader thread), gives the same lines and cursors.
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
        expect(JSON.parse(Buffer.from(line.bytes).toString('utf8'))).toEqual(stored);
        expect(line.bytes.includes(0x0a)).toBe(false);
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

  it('reads the same pages in bulk from its reader thread, from any cursor, and stops when the caller does', async () => {
    const file = join(dir, 'bulk.sqlite');
    const store = await openSqliteResponseStore(file);
    try {
      for (let k = 0; k < 23; k++) await store.insert(newResponse({ surveyId: k % 3 === 0 ? 'staff-work-style' : 'ward-office-exit', data: { n: k, text: `"${k}"\n` } }));
      const paged: StoredLine[][] = [];
      let cursor: string | null = null;
      for (;;) {
        const page = await store.readStoredAfter!(cursor, 5);
        if (page.records.length === 0) break;
        paged.push(page.records);
        cursor = page.cursor;
      }
      const asText = (line: StoredLine) => ({ ...line, bytes: Buffer.from(line.bytes).toString('utf8') });
      const bulk: StoredLine[][] = [];
      const cursors: Array<string | null> = [];
      for await (const page of store.readAllStoredAfter!(null, 5)) {
        bulk.push(page.records);
        cursors.push(page.cursor);
      }
      expect(bulk.map((page) => page.map(asText))).toEqual(paged.map((page) => page.map(asText)));
      expect(bulk.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);

      // From the second page's cursor: the rest; a cursor at the end: nothing.
      const rest: string[] = [];
      for await (const page of store.readAllStoredAfter!(cursors[1], 5)) rest.push(...page.records.map((line) => line.id));
      expect(rest).toEqual(paged.slice(2).flat().map((line) => line.id));
      const none: StoredLine[] = [];
      for await (const page of store.readAllStoredAfter!(cursors.at(-1)!, 5)) none.push(...page.records);
      expect(none).toEqual([]);

      // A caller that stops early ends the reader thread: the store still closes promptly.
      for await (const page of store.readAllStoredAfter!(null, 2)) {
        expect(page.records).toHaveLength(2);
        break;
      }
      await expect(async () => {
        for await (const _ of store.readAllStoredAfter!('x', 5)) void _;
      }).rejects.toThrow('not a cursor of this store: "x"');
    } finally {
      await store.close();
    }
  });

  it('ends a bulk read still running when the store closes, so the folder can be removed at once', async () => {
    const folder = mkdtempSync(join(dir, 'closing-'));
    const store = await openSqliteResponseStore(join(folder, 'responses.sqlite'));
    for (let k = 0; k < 12; k++) await store.insert(newResponse({ data: { n: k } }));
    const pages = store.readAllStoredAfter!(null, 2)[Symbol.asyncIterator]();
    expect((await pages.next()).value.records).toHaveLength(2);
    await store.close();
    // Pages read ahead may still be given; then the read says the store is closed, as every read of it does.
    let ended: unknown;
    try {
      for (let k = 0; k < 10; k++) if ((await pages.next()).done) break;
    } catch (error) {
      ended = error;
    }
    if (ended !== undefined) expect((ended as Error).message).toMatch(/store is closed/);
    await rm(folder, { recursive: true });
  });

  it('closes when a bulk read ends while the store is closing (its end already read, then consumed after close began)', async () => {
    const folder = mkdtempSync(join(dir, 'ending-'));
    const store = await openSqliteResponseStore(join(folder, 'responses.sqlite'));
    for (let k = 0; k < 3; k++) await store.insert(newResponse({ data: { n: k } }));
    // Fewer rows than a page: the reader posts the page and its end at once.
    const pages = store.readAllStoredAfter!(null, 10)[Symbol.asyncIterator]();
    expect((await pages.next()).value.records).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the end message arrives meanwhile
    const closing = store.close();
    // The read ends (its end was already there) while close waits for the reader thread: before the fix, the read's
    // clean-up removed every 'exit' listener, the one close's terminate() waited on too, and close never returned.
    expect((await pages.next()).done).toBe(true);
    const outcome = await Promise.race([closing.then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 10_000, 'still closing after 10 s'))]);
    expect(outcome).toBe('closed');
    await rm(folder, { recursive: true });
  });
});

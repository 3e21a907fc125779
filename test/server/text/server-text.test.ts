/**
 * The server's side of 自由記述 (issue 27): buildReportFromRecords adds `text` when asked, loading the analyser
 * lazily and keeping the words of each masked text across reports; the coding file is found beside the definition
 * and a syntax error names the file and the line; the token cache stays bounded.
 */
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { buildReportFromRecords } from '../../../server/report/build-report-from-records.ts';
import { readCodingRules } from '../../../server/text/read-coding-rules.ts';
import { BoundedTokenCache } from '../../../server/text/token-cache.ts';
import { DEFINITIONS_DIR, readShipped } from '../../analysis/definitions/shipped-definition-files.ts';

const definition = loadDefinition(readShipped('ward-office-exit'), 'ward-office-exit');
const records = [...synthesizeResponses(definition, { count: 1500, seed: 11 })];
async function* stream(): AsyncIterable<ResponseRecord> {
  yield* records;
}
const dir = mkdtempSync(join(tmpdir(), 'server-text-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('buildReportFromRecords with text', () => {
  it('has no text unless asked', async () => {
    expect('text' in (await buildReportFromRecords([definition], stream(), {}))).toBe(false);
  });

  it('analyses the comments with the shipped coding rules, and a second report takes every word from the cache', async () => {
    const coding = await readCodingRules(DEFINITIONS_DIR, 'ward-office-exit');
    expect(coding?.file).toBe(join(DEFINITIONS_DIR, 'ward-office-exit', 'coding.txt'));
    const tokenCache = new BoundedTokenCache(100_000);
    const first = await buildReportFromRecords([definition], stream(), {}, { text: { codingRules: coding!.rules, tokenCache } });
    const [comment] = first.text!;
    for (const word of ['駐車場', '書類', '待ち時間']) expect(comment.words.map((w) => w.word)).toContain(word);
    expect(comment.codes.map((code) => code.code)).toContain('駐車場');
    expect(tokenCache.misses).toBeGreaterThan(0);
    const distinct = tokenCache.size;
    expect(distinct).toBeLessThanOrEqual(comment.comments.n);

    const missesBefore = tokenCache.misses;
    const second = await buildReportFromRecords([definition], stream(), {}, { text: { codingRules: coding!.rules, tokenCache } });
    expect(second.text).toEqual(first.text);
    expect(tokenCache.misses).toBe(missesBefore);
    expect(tokenCache.hits).toBeGreaterThanOrEqual(comment.comments.n);
  }, 60_000);
});

describe('readCodingRules', () => {
  it('finds <id>/coding.txt or <id>.coding.txt, none when absent, and names the file and line of a syntax error', async () => {
    expect(await readCodingRules(dir, 'nothing-here')).toBeNull();
    await writeFile(join(dir, 'flat.coding.txt'), '# flat layout\n*駐車場\n駐車場\n');
    expect((await readCodingRules(dir, 'flat'))!.rules.map((rule) => rule.code)).toEqual(['駐車場']);
    await mkdir(join(dir, 'broken'));
    await writeFile(join(dir, 'broken', 'coding.txt'), '*待ち時間\n待つ &\n');
    await expect(readCodingRules(dir, 'broken')).rejects.toThrow(`${join(dir, 'broken', 'coding.txt')}:2: a word or ( is missing after &: "待つ &"`);
    await mkdir(join(dir, 'flat'));
    await writeFile(join(dir, 'flat', 'coding.txt'), '*a\nb\n');
    await expect(readCodingRules(dir, 'flat')).rejects.toThrow(/has two coding files/);
  });
});

describe('BoundedTokenCache', () => {
  it('drops the oldest half when full, so it never holds more than its bound', () => {
    const cache = new BoundedTokenCache(4);
    for (const text of ['a', 'b', 'c', 'd', 'e']) cache.set(text, []);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('e')).toEqual([]);
    expect(() => new BoundedTokenCache(1)).toThrow('maxEntries must be a whole number ≥ 2, got 1');
  });
});

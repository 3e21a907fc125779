/**
 * Issue 23: the comment sample is keyed by the response id (sampleIdOf), not by where a record sits (its
 * position, its line's byte offset). So the server's report of the store, the CLI's report of an export of
 * it, and any filtered view of either sample the same comments:
 *   (a) the same records in another order, with other records between them or some of them left out,
 *       keep the same comments wherever those are among the bottom k;
 *   (b) appendRecord and the JSONL byte scanner key every line alike: a plain id, a non-ASCII one, an escaped
 *       one (the slow path), an id of invalid UTF-8 bytes, and a line without a string id (the caller's fallback);
 *   (c) a filtered subset's sample is the bottom k of the full set's keys restricted to the subset.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, planFor } from '../../../analysis/report/build-report.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { sampleIdOf, sampleKey } from '../../../analysis/table/offer-comment.ts';
import type { CommentColumn, ResponseTable, TableSpec } from '../../../analysis/table/response-table.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { readJsonlIntoTable } from '../../../cli/report/read-jsonl-into-table.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';
import { defineSurvey, record } from '../report/define-survey.ts';

const definition = defineSurvey({
  minGroupSize: 1,
  elements: [
    { type: 'radiogroup', name: 'ward', choices: ['chuo', 'kita', 'higashi'], analysis: { role: 'segment' } },
    { type: 'comment', name: 'opinion', analysis: { role: 'comment' } },
  ],
});
const K = 7;
const SEED = 23;
const options = { commentSampleSize: K, seed: SEED };
const spec: TableSpec = planFor([definition], options).tableSpec;
const WARDS = ['chuo', 'kita', 'higashi'];

/** Each comment names its response, so a sample reads as the ids it kept. */
const responses: ResponseRecord[] = Array.from({ length: 240 }, (_, i) =>
  record({ ward: WARDS[i % 3], ...(i % 5 === 4 ? {} : { opinion: `opinion ${i}` }) }),
);
/** Other responses, to put between them. */
const others: ResponseRecord[] = Array.from({ length: 120 }, (_, i) => record({ ward: WARDS[i % 3], opinion: `other ${i}` }));

const directory = mkdtempSync(join(tmpdir(), 'comment-sample-by-id-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const keyOf = (r: ResponseRecord) => sampleKey(SEED, sampleIdOf(r.id));

/** By definition: the comments of the k responses with the smallest keys, as a sorted list of texts. */
function bottomK(records: readonly ResponseRecord[]): string[] {
  return records
    .filter((r) => typeof r.data.opinion === 'string' && r.data.opinion !== '')
    .sort((a, b) => keyOf(a) - keyOf(b))
    .slice(0, K)
    .map((r) => r.data.opinion as string)
    .sort();
}

const sampleOf = (table: ResponseTable) => (table.byName.get('opinion') as CommentColumn).sample.map(({ text }) => text).sort();

function viaAppendRecord(records: readonly ResponseRecord[]): ResponseTable {
  const table = createResponseTable(spec);
  records.forEach((r, i) => appendRecord(table, r, i + 1));
  return table;
}

function writeJsonl(name: string, records: readonly ResponseRecord[], prefix = ''): string {
  const file = join(directory, name);
  writeFileSync(file, prefix + records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return file;
}

/** A fixed shuffle (seeded), so a failure replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('the comment sample is keyed by the response id', () => {
  const expected = bottomK(responses);

  it('is the bottom k of the seeded hashes of the ids, and its keys are those hashes', () => {
    const table = viaAppendRecord(responses);
    expect(sampleOf(table)).toEqual(expected);
    expect(expected).toHaveLength(K);
    const byText = new Map(responses.map((r) => [r.data.opinion, r]));
    for (const { text, key } of (table.byName.get('opinion') as CommentColumn).sample) expect(key).toBe(keyOf(byText.get(text)!));
  });

  it('(a) keeps the same comments in another order, with other records between them, or some left out', () => {
    for (const seed of [1, 2, 3]) expect(sampleOf(viaAppendRecord(shuffled(responses, seed))), `shuffle ${seed}`).toEqual(expected);

    // Others interleaved: the union's bottom k; each of our comments in it is one of ours the full sample has.
    const mixed = shuffled([...responses, ...others], 4);
    const mixedSample = sampleOf(viaAppendRecord(mixed));
    expect(mixedSample).toEqual(bottomK(mixed));
    const ours = mixedSample.filter((text) => text.startsWith('opinion '));
    for (const text of ours) expect(expected).toContain(text);
    // …and ours among the union's bottom k are exactly ours below its largest key.
    const largest = Math.max(...(viaAppendRecord(mixed).byName.get('opinion') as CommentColumn).sample.map(({ key }) => key));
    const oursBelow = responses.filter((r) => r.data.opinion !== undefined && keyOf(r) <= largest).map((r) => r.data.opinion as string).sort();
    expect(ours).toEqual(oursBelow);

    // Some left out: every comment of the full sample that is still there stays in the sample.
    const kept = responses.filter((_, i) => i % 3 !== 1);
    const keptSample = sampleOf(viaAppendRecord(shuffled(kept, 5)));
    const keptTexts = new Set(kept.map((r) => r.data.opinion));
    for (const text of expected.filter((t) => keptTexts.has(t))) expect(keptSample).toContain(text);
  });

  it('(a) the CLI reading an export (other byte offsets, one thread or three) samples what appendRecord does', async () => {
    // Blank lines first and records in another order: every line's byte offset and line number differ.
    const file = writeJsonl('reordered.jsonl', shuffled(responses, 6), '\n  \n');
    for (const threads of [1, 3]) {
      const table = await readJsonlIntoTable(file, spec, { threads });
      expect(sampleOf(table), `${threads} thread(s)`).toEqual(expected);
    }
  }, 60_000);

  it('(a) the report of the records (the server) and of the JSONL export (the CLI) have the same comments', async () => {
    const file = writeJsonl('export.jsonl', responses);
    const fromRecords = buildReport({ definitions: [definition], records: responses, options });
    const fromFile = buildReport({ definitions: [definition], table: await readJsonlIntoTable(file, spec), options });
    expect(fromFile.comments).toEqual(fromRecords.comments);
    expect(fromRecords.comments.find((c) => c.question === 'opinion')!.sample).toHaveLength(K);
  });

  it('(a) for any order and any other records between them (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: others.length }), (seed, extra) => {
        const mixed = shuffled([...responses, ...others.slice(0, extra)], seed);
        const sample = sampleOf(viaAppendRecord(mixed));
        expect(sample).toEqual(bottomK(mixed));
        for (const text of sample.filter((t) => t.startsWith('opinion '))) expect(expected).toContain(text);
      }),
      { numRuns: propertyRuns(60), seed: 2323 },
    );
  }, propertyTimeout());

  it('(c) a filtered subset samples the bottom k of the full set restricted to it, from records or from JSONL', async () => {
    const filters: Array<[string, (r: ResponseRecord, i: number) => boolean]> = [
      ['ward=kita', (r) => r.data.ward === 'kita'],
      ['ward=chuo,higashi', (r) => r.data.ward !== 'kita'],
      ['every fourth', (_, i) => i % 4 === 0],
      ['the first 50', (_, i) => i < 50],
    ];
    const fullKeys = new Map(responses.map((r) => [r.id, keyOf(r)]));
    for (const [name, keep] of filters) {
      const subset = responses.filter(keep);
      // The full set's keys, restricted to the subset: its k smallest.
      const restricted = subset
        .filter((r) => r.data.opinion !== undefined)
        .sort((a, b) => fullKeys.get(a.id)! - fullKeys.get(b.id)!)
        .slice(0, K)
        .map((r) => r.data.opinion as string)
        .sort();
      expect(sampleOf(viaAppendRecord(subset)), name).toEqual(restricted);
      const file = writeJsonl(`subset-${name.replace(/\W+/g, '-')}.jsonl`, subset);
      expect(sampleOf(await readJsonlIntoTable(file, spec)), `${name}, JSONL`).toEqual(restricted);
      // Nothing reshuffled: the full sample's comments in the subset are all still sampled.
      const inSubset = new Set(subset.map((r) => r.data.opinion));
      for (const text of expected.filter((t) => inSubset.has(t))) expect(restricted, name).toContain(text);
    }
  }, 60_000);
});

describe('appendRecord and the JSONL scanner key each line alike', () => {
  // Every comment kept, so each line's key is compared, not only which k win.
  const everySpec: TableSpec = planFor([definition], { commentSampleSize: 1000, seed: SEED }).tableSpec;
  const encoder = new TextEncoder();
  const base = (id: unknown, opinion: string) => {
    const { id: _, ...rest } = record({ ward: 'kita', opinion });
    return id === undefined ? rest : { id, ...rest };
  };
  const plain = JSON.stringify(base('plain-0001', 'a plain id'));
  const nonAscii = JSON.stringify(base('回答-札幌-0002', 'a non-ASCII id'));
  // "esc-0003" with its digits escaped: the scanner gives it to JSON.parse, whose id is the same string.
  const escaped = JSON.stringify(base('esc-0003', 'an escaped id')).replace('"esc-0003"', '"esc-\\u0030\\u0030\\u00303"');
  const withoutId = JSON.stringify(base(undefined, 'no id'));
  const numberId = JSON.stringify(base(42, 'a number id'));
  const nullId = JSON.stringify(base(null, 'a null id'));
  const emptyId = JSON.stringify(base('', 'an empty id'));
  // An id whose bytes are not UTF-8 (a lone 0xff, a cut-off sequence): JSON.parse of the decoded line reads U+FFFD.
  const invalidMarker = 'BAD\u00a0ID';
  const invalid = JSON.stringify(base(invalidMarker, 'an id of invalid UTF-8'));
  const lines = [plain, nonAscii, escaped, withoutId, numberId, nullId, emptyId, invalid];

  function fileBytes(): { bytes: Uint8Array; starts: number[]; ends: number[] } {
    const parts: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (const line of lines) {
      let bytes = Array.from(encoder.encode(line));
      if (line === invalid) {
        // Replace the marker's bytes with 0xff, then a lead byte cut off by the next byte.
        const marker = Array.from(encoder.encode(invalidMarker));
        const at = bytes.findIndex((_, k) => marker.every((m, j) => bytes[k + j] === m));
        bytes = [...bytes.slice(0, at), 0x42, 0xff, 0x41, 0xe3, 0x81, 0x44, ...bytes.slice(at + marker.length)];
      }
      starts.push(parts.length);
      parts.push(...bytes);
      ends.push(parts.length);
      parts.push(10);
    }
    return { bytes: Uint8Array.from(parts), starts, ends };
  }

  it('gives each line the same sample key on both paths, and the fast path takes the unescaped string ids', () => {
    expect(escaped).toContain('\\u0030');
    expect((JSON.parse(escaped) as { id: string }).id).toBe('esc-0003');
    const { bytes, starts, ends } = fileBytes();
    const fast = createResponseTable(everySpec);
    const append = createJsonlAppender(fast);
    const reference = createResponseTable(everySpec);
    const decoder = new TextDecoder();
    lines.forEach((_, k) => {
      append(bytes, starts[k], ends[k], k + 1, starts[k]);
      appendRecord(reference, JSON.parse(decoder.decode(bytes.subarray(starts[k], ends[k]))), k + 1, starts[k]);
    });
    // The escaped id, the number id and the null id went to JSON.parse; the others (invalid UTF-8 included) did not.
    expect(append.slowLines).toBe(3);
    const keys = (table: ResponseTable) =>
      [...(table.byName.get('opinion') as CommentColumn).sample].sort((a, b) => a.row - b.row).map(({ row, key, text }) => ({ row, key, text }));
    expect(keys(fast)).toEqual(keys(reference));
    expect(keys(fast)).toHaveLength(lines.length);

    const key = (k: number) => keys(fast)[k].key;
    expect(key(0)).toBe(sampleKey(SEED, sampleIdOf('plain-0001')));
    expect(key(1)).toBe(sampleKey(SEED, sampleIdOf('回答-札幌-0002')));
    expect(key(2)).toBe(sampleKey(SEED, sampleIdOf('esc-0003')));
    // No string id: the caller's fallback, here the line's byte offset.
    expect(key(3)).toBe(sampleKey(SEED, starts[3]));
    expect(key(4)).toBe(sampleKey(SEED, starts[4]));
    expect(key(5)).toBe(sampleKey(SEED, starts[5]));
    expect(key(6)).toBe(sampleKey(SEED, sampleIdOf('')));
    expect(key(7)).toBe(sampleKey(SEED, sampleIdOf('B\ufffdA\ufffdD')));
  });

  it('the same lines elsewhere in a file, or in another order, keep the keys of their ids', () => {
    const { bytes, starts, ends } = fileBytes();
    const once = createResponseTable(everySpec);
    const appendOnce = createJsonlAppender(once);
    lines.forEach((_, k) => appendOnce(bytes, starts[k], ends[k], k + 1, starts[k]));
    const again = createResponseTable(everySpec);
    const appendAgain = createJsonlAppender(again);
    [...lines.keys()].reverse().forEach((k, n) => appendAgain(bytes, starts[k], ends[k], n + 1, 1000 + starts[k]));
    const byText = (table: ResponseTable) => new Map((table.byName.get('opinion') as CommentColumn).sample.map(({ text, key }) => [text, key]));
    const first = byText(once);
    const second = byText(again);
    for (const [text, key] of first) {
      // Only the lines without a string id move with their (fallback) offset.
      if (['no id', 'a number id', 'a null id'].includes(text)) expect(second.get(text), text).not.toBe(key);
      else expect(second.get(text), text).toBe(key);
    }
  });
});

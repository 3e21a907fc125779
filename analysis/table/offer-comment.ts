import type { CommentColumn, ResponseTable } from './response-table.ts';

/**
 * Marks that `row` wrote a comment, and keeps it if it is among the `commentSampleSize`
 * comments with the smallest seeded hash of their `sampleId` (bottom-k sampling; the id is the
 * response's, sampleIdOf(record.id), or for a record without one its position or its line's byte
 * offset in a JSONL file). That is a uniform, seeded sample like reservoir sampling, but it
 * does not depend on the order the rows arrive in, nor on which other rows are there: tables
 * filled in parts (one per worker thread) and merged keep exactly the sample one pass would, and
 * a subset keeps the full set's sample where it falls in the subset. `text` is only called for a kept comment, so a million
 * comments need not be decoded, unless the column keeps every text (CommentColumn.texts, for text
 * analysis): then each is decoded once and kept with its row.
 */
export function offerComment(table: ResponseTable, column: CommentColumn, row: number, sampleId: number, read: () => string): void {
  column.answered[row] = 1;
  let decoded: string | undefined;
  const text = () => (decoded ??= read());
  if (column.texts) {
    column.texts.rows.push(row);
    column.texts.texts.push(text());
  }
  const size = table.spec.commentSampleSize;
  if (size <= 0) return;
  const key = sampleKey(table.spec.seed, sampleId);
  const { sample } = column;
  if (sample.length < size) {
    sample.push({ row, key, text: text() });
    return;
  }
  let largest = 0;
  for (let k = 1; k < sample.length; k++) if (sample[k].key > sample[largest].key) largest = k;
  if (key < sample[largest].key) sample[largest] = { row, key, text: text() };
}

/** A 32-bit hash of (seed, id): murmur3's finaliser over the two mixed together (ids beyond 2³² fold in). */
export function sampleKey(seed: number, id: number): number {
  let h =
    Math.imul((id | 0) ^ 0x9e3779b9, 0x85ebca6b) ^
    Math.imul(Math.floor(id / 0x100000000) | 0, 0x27d4eb2f) ^
    Math.imul(seed | 0, 0xc2b2ae35) ^
    (Math.floor(seed / 0x100000000) | 0);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The comment-sample id of a response: FNV-1a (32 bits) of its `id`'s UTF-8 bytes. Keyed by the response
 * rather than by where it sits (a line, a byte offset, a position in a filtered list), a comment's place in
 * the sample is the same in the CLI's report of an export, the server's report of the store, and any filtered
 * view of either (issue 23): a filter only takes rows away, it never reshuffles who is sampled.
 * The JSONL scanner hashes the id's bytes as it reads them (fnv1aBytes), without decoding the string.
 */
export function sampleIdOf(responseId: string): number {
  let hash = FNV_OFFSET;
  for (let k = 0; k < responseId.length; k++) {
    const unit = responseId.charCodeAt(k);
    if (unit >= 0x80) return fnv1aBytes(utf8.encode(responseId), 0, Infinity);
    hash = Math.imul(hash ^ unit, FNV_PRIME);
  }
  return hash >>> 0;
}

/** FNV-1a (32 bits) of bytes[start, end). */
export function fnv1aBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  const stop = Math.min(end, bytes.length);
  for (let k = start; k < stop; k++) hash = Math.imul(hash ^ bytes[k], FNV_PRIME);
  return hash >>> 0;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

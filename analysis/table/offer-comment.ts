import type { CommentColumn, ResponseTable } from './response-table.ts';

/**
 * Marks that `row` wrote a comment, and keeps it if it is among the `commentSampleSize`
 * comments with the smallest seeded hash of their `sampleId` (bottom-k sampling; the id is the
 * record's position, or its line's byte offset in a JSONL file). That is a
 * uniform, seeded sample like reservoir sampling, but it does not depend on the order the
 * rows arrive in: tables filled in parts (one per worker thread) and merged keep exactly
 * the sample one pass would. `text` is only called for a kept comment, so a million
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

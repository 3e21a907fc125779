import { randomFillSync } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix time in ms, then random bits.
 * Record ids are made this way, not with randomUUID(), because ids that grow
 * with time land at the end of the id index: a commit of many new responses
 * then touches a few index pages instead of one random page each, which keeps
 * the WAL, the fsync and the checkpoints small (docs/benchmarks.md, bench:submit).
 * Node 20 has no crypto.randomUUIDv7.
 */
export function makeUuidV7(nowMs: number = Date.now()): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  takeRandomBytes(10).copy(bytes, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// One call into the OS's random source per 400 ids rather than per id, as
// crypto.randomUUID() does with its own cache.
const pool = Buffer.alloc(4000);
let poolOffset = pool.length;

function takeRandomBytes(count: number): Buffer {
  if (poolOffset + count > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += count;
  return pool.subarray(poolOffset - count, poolOffset);
}

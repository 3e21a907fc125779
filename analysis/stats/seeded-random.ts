import { describeValue } from './describe-value.ts';

/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/),
 * its 128-bit state filled from the seed by splitmix32. Small, fast, passes BigCrush, and the
 * same seed gives the same stream on every machine, so a report is reproducible.
 */

/** A uniform random number in [0, 1) with 53 random bits. */
export type RandomSource = () => number;

export function createSeededRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createSeededRandom needs a whole-number seed, got ${describeValue(seed)}`);
  }
  // Fold the seed's high and low 32 bits, so seeds beyond 2³² still differ.
  const low = Number(BigInt.asUintN(32, BigInt(seed)));
  const high = Number(BigInt.asUintN(32, BigInt(seed) >> 32n));
  const next32 = splitmix32((low ^ Math.imul(high, 0x85ebca6b)) >>> 0);
  const nextUint32 = createXoshiro128StarStar(next32(), next32(), next32(), next32());
  return () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
}

/**
 * The raw xoshiro128** generator: 32-bit unsigned outputs from a 128-bit state
 * (reference: https://prng.di.unimi.it/xoshiro128starstar.c).
 */
export function createXoshiro128StarStar(state0: number, state1: number, state2: number, state3: number): () => number {
  let s0 = state0 | 0;
  let s1 = state1 | 0;
  let s2 = state2 | 0;
  let s3 = state3 | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };
}

/**
 * A uniform whole number in [0, n). With 53 random bits the bias of floor(u·n) is at most
 * n/2⁵³ (1e-10 for a million), far below any sampling error it could affect.
 */
export function randomInt(random: RandomSource, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`randomInt needs a whole n ≥ 1, got ${describeValue(n)}`);
  return Math.floor(random() * n);
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/**
 * The few random draws the synthesizer needs, all from one seeded source so that the same
 * seed always writes the same file.
 */
import { createSeededRandom, type RandomSource } from '../stats/seeded-random.ts';

/** An index drawn with probability proportional to its weight (weights ≥ 0, not all 0). */
export function pickWeighted(random: RandomSource, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) throw new RangeError('pickWeighted needs at least one positive weight');
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i];
    if (target < 0 && weights[i] > 0) return i;
  }
  // Rounding left target at ~0: the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return 0;
}

/**
 * `count` distinct indices in the order drawn, each draw proportional to the remaining weights
 * (a Plackett–Luce order): the first is the most likely favourite, and so on. Zero weights are
 * never drawn, so fewer than `count` may come back.
 */
export function drawOrder(random: RandomSource, weights: ArrayLike<number>, count: number): number[] {
  const remaining = Array.from(weights);
  const order: number[] = [];
  while (order.length < count && remaining.some((weight) => weight > 0)) {
    const index = pickWeighted(random, remaining);
    order.push(index);
    remaining[index] = 0;
  }
  return order;
}

/** A standard normal draw (Box–Muller). */
export function drawNormal(random: RandomSource): number {
  const u = 1 - random(); // (0, 1]: log(0) would be −∞
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A version-4 UUID made from the seeded source (not crypto-random: synthetic data only), its
 * 128 bits XORed with `mask` (four 32-bit words) when given. synthesizeResponses masks with
 * uuidMaskOf(survey, version): two surveys seeded alike draw the same numbers at the same points of
 * their streams, and without the mask those records got the same ids (issue 13: `migrate` then
 * skipped 87 different responses as "already there").
 */
export function drawUuid(random: RandomSource, mask: readonly number[] = [0, 0, 0, 0]): string {
  const hex: string[] = [];
  for (let i = 0; i < 4; i++) hex.push(((Math.floor(random() * 0x100000000) ^ mask[i]) >>> 0).toString(16).padStart(8, '0'));
  const digits = hex.join('').split('');
  digits[12] = '4';
  digits[16] = ((parseInt(digits[16], 16) & 0x3) | 0x8).toString(16);
  const text = digits.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20, 32)}`;
}

/** Four 32-bit words that depend on every character of `key` (FNV-1a, then the seeded generator). */
export function uuidMaskOf(key: string): number[] {
  let hash = 0x811c9dc5;
  for (const char of key) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const random = createSeededRandom(hash);
  return [0, 1, 2, 3].map(() => Math.floor(random() * 0x100000000));
}

/**
 * The one home of a refusal of a value the form computes (an expression question, a calculated value with
 * includeIntoResult, an expression in a panel or row, a value only triggers set): how a sent value is compared
 * with the server's, and how the message names both, so every path says it the same way
 * (`99 was sent, but its expression "{fee}" gives 4200 for the other answers of this response`).
 */
import { quoteValue } from './quote-value.ts';

/** Two values as stored (build-logic.ts asStored): equal as JSON, object keys in any order. */
export function isSameStored(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && isSameStored((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** `<value>` quoted, or "no value" where survey-core stores nothing (undefined). */
export function describeStored(value: unknown): string {
  return value === undefined ? 'no value' : quoteValue(value);
}

/** What the form computes for this response: `its expression "{fee}" gives 4200 for the other answers of this response`. */
export function computedFor(source: string, verb: 'gives' | 'sets', computed: unknown): string {
  return `${source} ${verb} ${describeStored(computed)} for the other answers of this response`;
}

/** The refusal: `<sent> was sent, but <why>`, `why` saying what the form computes (computedFor) or may have set. */
export function sentBut(sent: unknown, why: string): string {
  return `${quoteValue(sent)} was sent, but ${why}`;
}

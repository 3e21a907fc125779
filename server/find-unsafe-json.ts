import type { ApiErrorDetail } from '../contracts/submission.ts';
import { cutText } from './validation/quote-value.ts';

/**
 * SurveyJS answers nest a few levels at most (dynamic panels of matrices);
 * anything deeper is an attack or a bug, and would overflow recursive code
 * such as JSON.stringify before the store could save it.
 */
export const MAX_ANSWER_DEPTH = 32;
const MAX_DETAILS = 20;

/** One object or array still to look into; its path is built from `parent` only when it is reported. */
interface Frame {
  value: object;
  parent: Frame | undefined;
  /** The index in the parent array, or the key in the parent object. */
  key: number | string;
  depth: number;
}

/**
 * Finds what must never pass into the rest of the server from parsed JSON:
 * - own "__proto__" keys: JSON.parse makes them plain properties, harmless
 *   until code copies them with `obj[key] = value` and replaces a prototype;
 *   the server's validator would report them as unknown questions, but other
 *   code must never see them;
 * - nesting deeper than MAX_ANSWER_DEPTH.
 * Iterative, so a hostile 256 KiB of "[[[[…" cannot overflow the stack here, and
 * linear in the size of the body: no path is built unless it is reported, and a
 * reported key is cut short (issue 20: one request must not hold the server nor
 * get megabytes back). A 20,000-key object from JSON.parse is a dictionary whose
 * every enumeration costs milliseconds, so each object's keys are read once.
 * Paths are dotted from `value`'s root, e.g. "matrix.__proto__".
 */
export function findUnsafeJson(value: unknown): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  if (value === null || typeof value !== 'object') return details;
  const stack: Frame[] = [{ value, parent: undefined, key: -1, depth: 0 }];
  // A few details say enough; a hostile body with thousands of bad keys must not get a huge answer.
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const frame = stack.pop()!;
    if (frame.depth >= MAX_ANSWER_DEPTH) {
      const path = pathOf(frame);
      details.push({ question: path[0], message: `answer is nested more than ${MAX_ANSWER_DEPTH} levels deep at "${path.join('.')}"` });
      continue;
    }
    const current = frame.value;
    const depth = frame.depth + 1;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        const child: unknown = current[index];
        // An empty array below the depth limit holds nothing to find: a hostile `[[],[],…]` is 87,000 of them.
        if (child === null || typeof child !== 'object' || (depth < MAX_ANSWER_DEPTH && Array.isArray(child) && child.length === 0)) continue;
        stack.push({ value: child, parent: frame, key: index, depth });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      if (key === '__proto__') {
        const path = [...pathOf(frame), key];
        details.push({ question: path[0], message: `the key "__proto__" is not allowed (at "${path.join('.')}")` });
        continue;
      }
      const child: unknown = (current as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, parent: frame, key, depth });
    }
  }
  return details;
}

/** The keys from the root to `frame`, each cut short: a hostile key may be 200,000 characters. */
function pathOf(frame: Frame): string[] {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) keys.push(cutText(String(at.key), 40));
  return keys.reverse();
}

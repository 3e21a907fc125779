import type { ApiErrorDetail } from '../contracts/submission.ts';

/**
 * SurveyJS answers nest a few levels at most (dynamic panels of matrices);
 * anything deeper is an attack or a bug, and would overflow recursive code
 * such as JSON.stringify before the store could save it.
 */
export const MAX_ANSWER_DEPTH = 32;
const MAX_DETAILS = 20;

/**
 * Finds what must never pass into the rest of the server from parsed JSON:
 * - own "__proto__" keys: JSON.parse makes them plain properties, harmless
 *   until code copies them with `obj[key] = value` and replaces a prototype;
 *   zod's record parsing silently drops them, so the answer would vanish
 *   without an error;
 * - nesting deeper than MAX_ANSWER_DEPTH.
 * Iterative, so a hostile 256 KiB of "[[[[…" cannot overflow the stack here.
 * Paths are dotted from `value`'s root, e.g. "matrix.__proto__".
 */
export function findUnsafeJson(value: unknown): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  // A few details say enough; a hostile body with thousands of bad keys must not get a huge answer.
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= MAX_ANSWER_DEPTH) {
      details.push({ question: path[0], message: `answer is nested more than ${MAX_ANSWER_DEPTH} levels deep at "${path.join('.')}"` });
      continue;
    }
    for (const key of Object.keys(current)) {
      const childPath = [...path, key];
      if (key === '__proto__') {
        details.push({ question: childPath[0], message: `the key "__proto__" is not allowed (at "${childPath.join('.')}")` });
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: childPath });
    }
  }
  return details;
}

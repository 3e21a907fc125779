import type { z } from 'zod';
import { HttpError } from '../http-error.ts';

/** A small JSON body parsed by a strict schema, or a 422 naming the first bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, code: string): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.') || '(body)';
  throw new HttpError(422, code, `${field}: ${issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message}`);
}

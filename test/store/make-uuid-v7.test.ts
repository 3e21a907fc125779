import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeUuidV7 } from '../../server/store/make-uuid-v7.ts';

describe('makeUuidV7', () => {
  it('writes the time in the first 48 bits, version 7 and the RFC variant', () => {
    const id = makeUuidV7(Date.parse('2025-06-02T00:00:00.000Z'));
    expect(id).toMatch(/^01972df0-1c00-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('sorts ids of later milliseconds after earlier ones, as text', () => {
    const ids = [0, 1, 2, 1000, 86_400_000].map((offset) => makeUuidV7(1_748_822_400_000 + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => makeUuidV7(1_748_822_400_000)));
    expect(ids.size).toBe(1000);
  });
});

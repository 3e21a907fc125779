/** The live table's view cache: kept per table generation, failures not kept, least recently used dropped first. */
import { describe, expect, it } from 'vitest';
import type { LiveTable } from '../../../server/live-table/live-table.ts';
import { createViewCache } from '../../../server/live-table/view-cache.ts';

const tableAt = (generation: number) => ({ generation }) as LiveTable;

describe('createViewCache', () => {
  it('computes a view once per table generation', async () => {
    const cache = createViewCache<number>(4);
    const live = tableAt(1);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get(live, 'a', compute)).toBe(1);
    expect(await cache.get(live, 'a', compute)).toBe(1);
    live.generation = 2; // a response arrived
    expect(await cache.get(live, 'a', compute)).toBe(2);
    expect(await cache.get(tableAt(2), 'a', compute)).toBe(3); // another table of the same generation is not this one
  });

  it('does not keep a failure', async () => {
    const cache = createViewCache<number>(4);
    const live = tableAt(1);
    await expect(cache.get(live, 'a', async () => Promise.reject(new Error('bad filter')))).rejects.toThrow('bad filter');
    expect(await cache.get(live, 'a', async () => 7)).toBe(7);
  });

  it('drops the least recently used view first', async () => {
    const cache = createViewCache<string>(2);
    const live = tableAt(1);
    await cache.get(live, 'a', async () => 'a1');
    await cache.get(live, 'b', async () => 'b1');
    await cache.get(live, 'a', async () => 'a2'); // a is used again: b is now the oldest
    await cache.get(live, 'c', async () => 'c1');
    expect(await cache.get(live, 'a', async () => 'a3')).toBe('a1');
    expect(await cache.get(live, 'b', async () => 'b2')).toBe('b2');
  });
});

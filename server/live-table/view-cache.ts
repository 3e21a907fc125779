/**
 * The last few views computed from a live table, so an analyst who goes back and forth between views of the same
 * selection (the cross-tab, the question, the overview) is answered at once. An entry is valid only for the table's
 * generation it was computed at: any new response makes it stale, so a cached view never misses one.
 */
import type { LiveTable } from './live-table.ts';

export interface ViewCache<T> {
  /** The cached value of `key` for the table as it is now, or the one `compute` gives (then kept). */
  get(live: LiveTable, key: string, compute: () => Promise<T | null>): Promise<T | null>;
}

export function createViewCache<T>(size: number): ViewCache<T> {
  const entries = new Map<string, { table: LiveTable; generation: number; value: Promise<T | null> }>();
  return {
    get(live, key, compute) {
      const entry = entries.get(key);
      if (entry && entry.table === live && entry.generation === live.generation) {
        // Most recently used last: the Map's first key is the one to drop.
        entries.delete(key);
        entries.set(key, entry);
        return entry.value;
      }
      const value = compute();
      entries.delete(key);
      entries.set(key, { table: live, generation: live.generation, value });
      // A failed computation is not kept: the next request tries again (and gets its own error).
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      while (entries.size > size) entries.delete(entries.keys().next().value!);
      return value;
    },
  };
}

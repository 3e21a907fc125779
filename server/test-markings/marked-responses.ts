/**
 * The responses the current test markings cover (issue 30), as a filter carries them
 * (ResponseFilter.marked, server/live-table/response-filter.ts), and the one rule that says whether a response is
 * one of them: its id is named, or its kiosk (meta.kioskId) is marked over a period its receipt falls in, [from, to).
 * The store path (matchesResponseFilter), the live table (row-mask.ts) and the export's `test` column all ask this.
 *
 * Plain JSON, sorted, so a filter's key (the row-mask and report caches key on JSON.stringify(filter)) changes
 * exactly when the markings do: a new marking or an unmarking is a new key, and no cached view outlives it.
 */
import type { TestMarking } from '../../contracts/test-markings.ts';

export interface MarkedResponses {
  /** Response ids marked one by one, sorted, each once. */
  responseIds: string[];
  /** Kiosk periods, [from, to) as UTC ISO instants, sorted by kiosk then from. */
  kiosks: Array<{ kioskId: string; from: string; to: string }>;
}

/** The current (not withdrawn) markings of `markings` as one selection; undefined when none is current. */
export function markedResponsesOf(markings: readonly Pick<TestMarking, 'target' | 'unmarked'>[]): MarkedResponses | undefined {
  const ids = new Set<string>();
  const kiosks: MarkedResponses['kiosks'] = [];
  for (const { target, unmarked } of markings) {
    if (unmarked) continue;
    if (target.kind === 'responses') for (const id of target.responseIds) ids.add(id);
    else kiosks.push({ kioskId: target.kioskId, from: target.from, to: target.to });
  }
  if (ids.size === 0 && kiosks.length === 0) return undefined;
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  kiosks.sort((a, b) => text(a.kioskId, b.kioskId) || text(a.from, b.from) || text(a.to, b.to));
  return { responseIds: [...ids].sort(text), kiosks };
}

/** Whether a response (its id, receipt in epoch ms, and meta.kioskId) is marked. */
export type MarkedTest = (id: string, receivedAt: number, kioskId: string | undefined) => boolean;

export function markedTest(marked: MarkedResponses | undefined): MarkedTest {
  if (!marked) return () => false;
  const ids = new Set(marked.responseIds);
  const periods = new Map<string, Array<[number, number]>>();
  for (const { kioskId, from, to } of marked.kiosks) {
    const list = periods.get(kioskId) ?? [];
    list.push([Date.parse(from), Date.parse(to)]);
    periods.set(kioskId, list);
  }
  return (id, receivedAt, kioskId) => {
    if (ids.has(id)) return true;
    if (kioskId === undefined) return false;
    const list = periods.get(kioskId);
    if (!list) return false;
    for (const [from, to] of list) if (receivedAt >= from && receivedAt < to) return true;
    return false;
  };
}

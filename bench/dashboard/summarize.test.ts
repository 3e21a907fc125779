/**
 * bench:dashboard judges its targets on the views whose selection the session had not asked before: a repeat
 * is answered from the server's report cache and would flatter the p50.
 */
import { describe, expect, it } from 'vitest';
import { filterChangeViews, newSelections, type SizeRun } from './summarize.ts';
import type { ViewRecord } from './session.ts';

const view = (survey: string, round: number, step: ViewRecord['step'], query: string, ms: number): ViewRecord => ({ survey, round, step, query, ms });

describe('bench:dashboard summary', () => {
  it('keeps only the first ask of each survey and query, in any step', () => {
    const views = [
      view('a', 1, 'filter 1', 'channel=online', 120),
      view('a', 1, 'filter 2', 'age=30s&channel=online', 90),
      view('a', 1, 'questions', 'age=30s&channel=online', 5),
      view('b', 1, 'filter 1', 'channel=online', 110),
      view('a', 2, 'filter 1', 'channel=online', 4),
      view('a', 2, 'filter 2', 'age=40s&channel=online', 80),
      view('a', 3, 'open', 'ward=kita', 70),
      view('a', 3, 'filter 1', 'ward=kita', 3),
    ];
    const run = { views } as unknown as SizeRun;
    const fresh = newSelections(run, filterChangeViews(run));
    expect(fresh.map((v) => `${v.survey} ${v.round} ${v.step}`)).toEqual(['a 1 filter 1', 'a 1 filter 2', 'b 1 filter 1', 'a 2 filter 2']);
  });
});

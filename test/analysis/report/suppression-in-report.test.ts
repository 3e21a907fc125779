/**
 * The one suppression rule (issue 26; docs/analysis.md, "Suppression") as the report applies it:
 * single answers show their hidden answers added up, cross-tabs hide cells rather than whole rows,
 * small groups are shown together as 「その他（少数）」, and every hidden number is listed with a
 * readable place. Rankings only go as deep as anyone ranked.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { defineSurvey, record } from './define-survey.ts';

const K = 5;
const definition = defineSurvey({
  minGroupSize: K,
  elements: [
    { type: 'radiogroup', name: 'age', title: { ja: '年代', en: 'Age' }, choices: ['young', 'mid', 'old', 'teen'], analysis: { role: 'cohort' } },
    { type: 'radiogroup', name: 'visit', title: { ja: '来庁目的', en: 'Purpose' }, choices: ['family', 'tax', 'welfare', 'other'] },
    { type: 'rating', name: 'sat', title: { ja: '満足度', en: 'Satisfaction' }, rateMin: 1, rateMax: 5 },
    { type: 'ranking', name: 'wish', title: { ja: '優先順位', en: 'Priorities' }, choices: ['a', 'b', 'c', 'd', 'e'], selectToRankEnabled: true, maxSelectedChoices: 2 },
  ],
});

/** 20 young, 20 mid, 20 old, 2 teens; "other" purpose only twice, both young. */
function records() {
  const out = [];
  const ages = [...Array(20).fill('young'), ...Array(20).fill('mid'), ...Array(20).fill('old'), 'teen', 'teen'];
  for (const [i, age] of ages.entries()) {
    const visit = i < 2 ? 'other' : ['family', 'tax', 'welfare'][i % 3];
    // Satisfaction: only two gave 5, the rest spread over 1–4.
    const sat = i < 2 ? 5 : (i % 4) + 1;
    out.push(record({ age, visit, sat, wish: i % 2 ? ['a', 'b'] : ['c'] }));
  }
  return out;
}

describe('suppression in the report', () => {
  const report = buildReport({ definitions: [definition], records: records(), options: { language: 'ja' } });

  it('adds up the hidden answers of a single answer so its shares reach 100 %, at least k together', () => {
    const visit = report.summaries!.find((s) => s.question === 'visit')!;
    const hidden = visit.items!.filter((item) => item.count === null);
    expect(hidden.map((item) => item.value)).toContain('other');
    expect(visit.fewer).toBeDefined();
    expect(visit.fewer!.values).toEqual(hidden.map((item) => item.value));
    expect(visit.fewer!.count).toBeGreaterThanOrEqual(K);
    const shown = visit.items!.reduce((sum, item) => sum + (item.share ?? 0), 0);
    expect(shown + visit.fewer!.share).toBeCloseTo(1, 12);
    // Age: two teens hidden, and the smallest other age with them (they must reach k together).
    const age = report.summaries!.find((s) => s.question === 'age')!;
    expect(age.fewer!.count).toBe(22);
  });

  it('protects a small top answer of a scale with the other top answer, so the top-two share gives neither away', () => {
    const sat = report.summaries!.find((s) => s.question === 'sat')!;
    expect(sat.items!.map((item) => [item.value, item.suppressed ?? null])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, 'complementary'],
      [5, 'small'],
    ]);
    expect(sat.topTwo).toBeCloseTo(sat.fewer!.share, 12);
  });

  it('shows the small groups of a cross-tab added up as その他（少数）, with a 全体 row', () => {
    const crosstab = report.crosstabs!.find((c) => c.question === 'visit' && c.by === 'age')!;
    const merged = crosstab.groups.find((group) => group.members)!;
    expect(merged.label).toBe('その他（少数）');
    expect(merged.members).toContain('teen');
    expect(merged.n).toBeGreaterThanOrEqual(K);
    const teen = crosstab.groups.find((group) => group.value === 'teen')!;
    expect(teen.n).toBeNull();
    expect(teen.cells.every((cell) => cell.count === null)).toBe(true);
    expect(crosstab.total.n).toBe(62);
    // Every shown number is 0 or at least k; the 2 "other" are hidden in their group and in the 全体 row.
    for (const row of [...crosstab.groups, crosstab.total]) {
      for (const cell of row.cells) expect(cell.count === null || cell.count === 0 || cell.count >= K).toBe(true);
    }
    expect(crosstab.total.cells.find((cell) => cell.value === 'other')!.count).toBeNull();
    // Hidden cells, not whole rows: the shown groups keep most of their numbers.
    const shownGroups = crosstab.groups.filter((group) => group.n !== null && !group.members);
    expect(shownGroups.length).toBeGreaterThanOrEqual(2);
    for (const group of shownGroups) expect(group.cells.filter((cell) => cell.count !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('lists every hidden number with a readable place', () => {
    const entries = report.suppressed.filter((entry) => entry.where.startsWith('crosstabs.visit.age'));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.label).toMatch(/^来庁目的 × 年代: /);
      expect(entry.label).not.toMatch(/crosstabs\./);
    }
  });

  it('ranks only as deep as anyone could rank', () => {
    const wish = report.summaries!.find((s) => s.question === 'wish')!;
    expect(wish.ranks!.every((rank) => rank.shares.length === 2)).toBe(true);
  });
});

describe('the gap table hides what the cross-tab of the same item hides', () => {
  it('hides the same cells, so one table cannot give away the other\'s', () => {
    const gapDefinition = defineSurvey({
      minGroupSize: K,
      elements: [
        { type: 'radiogroup', name: 'age', title: { ja: '年代', en: 'Age' }, choices: ['young', 'mid', 'old'], analysis: { role: 'cohort' } },
        { type: 'radiogroup', name: 'view', title: { ja: '意見', en: 'View' }, choices: ['yes', 'no', 'unsure'], analysis: { role: 'attitude' } },
        { type: 'radiogroup', name: 'ward', title: { ja: '区', en: 'Ward' }, choices: ['a', 'b'], analysis: { role: 'segment' } },
      ],
    });
    // "unsure" only twice, both young; everything else plenty.
    const rows = Array.from({ length: 90 }, (_, i) =>
      record({ age: ['young', 'mid', 'old'][i % 3], view: i < 2 * 3 && i % 3 === 0 ? 'unsure' : i % 2 ? 'yes' : 'no', ward: i % 2 ? 'a' : 'b' }),
    );
    const report = buildReport({ definitions: [gapDefinition], records: rows });
    const crosstab = report.crosstabs!.find((c) => c.question === 'view' && c.by === 'age')!;
    const gap = report.gaps.items.find((item) => item.question === 'view')!;
    const hiddenInCrosstab = crosstab.groups.flatMap((group) => group.cells.filter((cell) => cell.count === null).map((cell) => `${String(group.value)}/${String(cell.value)}`));
    const hiddenInGap = gap.groups.flatMap((group) => (group.distribution ?? []).filter((cell) => cell.count === null).map((cell) => `${String(group.value)}/${String(cell.value)}`));
    expect(hiddenInCrosstab).toContain('young/unsure');
    expect(hiddenInGap.sort()).toEqual(hiddenInCrosstab.sort());
    for (const group of gap.groups) for (const cell of group.distribution ?? []) if (cell.count === null) expect(cell.share).toBeNull();
  });
});

describe('every hidden place is named in words (issue 26)', () => {
  it('gives each suppressed entry of a shipped survey\'s report a label with no internal key', async () => {
    const { loadDefinition } = await import('../../../analysis/definitions/load-definition.ts');
    const { synthesizeResponses } = await import('../../../analysis/synthesize/synthesize-responses.ts');
    const { readShipped, shippedSource } = await import('../definitions/shipped-definition-files.ts');
    const exit = loadDefinition(readShipped('ward-office-exit'), shippedSource('ward-office-exit'));
    const report = buildReport({ definitions: [exit], records: [...synthesizeResponses(exit, { count: 400, seed: 3 })], options: { language: 'ja' } });
    expect(report.suppressed.length).toBeGreaterThan(0);
    const unnamed = report.suppressed.filter((entry) => !entry.label || /crosstabs\.|summaries\.|overview\.|gaps\.|means\./.test(entry.label));
    expect(unnamed.map((entry) => entry.where)).toEqual([]);
  });
});

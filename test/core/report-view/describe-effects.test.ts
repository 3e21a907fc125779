/**
 * 効果検証 in the printed report (issue 28): how the responses were split, the methods, the
 * pre-trend warnings in the reader's language, forest plots largest first with ◆ where Holm-adjusted
 * p < 0.05, one table of every figure with ＊ and the reason where hidden, and the parts after it
 * numbered one on. The effects are hand-made over the hand-made definition, so each expectation
 * follows from numbers written here.
 */
import { describe, expect, it } from 'vitest';
import type { Effect, Report } from '../../../contracts/report.ts';
import { describeEffects, effectsTable, forestRows, MAX_FOREST_ROWS } from '../../../core/report-view/describe-effects.ts';
import { describeReport } from '../../../core/report-view/describe-report.ts';
import { forestScale, labelsFit, layoutForestPlot } from '../../../core/report-view/layout-forest-plot.ts';
import { handMadeComparison, handMadeDefinition, handMadeEffects, handMadeReport } from './hand-made-report.ts';

function withEffects(pilot = true): Report {
  return { ...handMadeReport(), effectComparison: handMadeComparison(pilot), effects: handMadeEffects() };
}

describe('describeEffects', () => {
  it('is absent without --compare, and the parts keep their numbers', () => {
    const view = describeReport(handMadeReport(), [handMadeDefinition()], { locale: 'ja' });
    expect(view.effects).toBeUndefined();
    expect(view.needs.heading).toMatch(/^6\. /);
    expect(view.suppressed.heading).toMatch(/^10\. /);
  });

  it('is part 6 after 平均値の比較, and every later part numbers one on', () => {
    const view = describeReport(withEffects(), [handMadeDefinition()], { locale: 'ja' });
    expect(view.effects?.heading).toBe('6. 効果検証');
    expect([view.needs, view.ipa, view.gaps, view.comments, view.suppressed].map((part) => part.heading.split('.')[0])).toEqual(['7', '8', '9', '10', '11']);
  });

  it('states the split in Japan time, the time used, the pilot group and the methods in words', () => {
    const facts = Object.fromEntries(describeEffects(withEffects(), 'ja')!.facts);
    expect(facts['区切り']).toBe('2026-04-01 0時（日本時間、2026-03-31 15:00 UTC）より前を導入前、以降を導入後');
    expect(facts['区切りに使った時刻']).toContain('completedAt');
    expect(facts['回答数']).toBe('導入前 60件、導入後 40件（時刻のない 2件はどちらにも含めない）');
    expect(facts['試行グループ']).toMatch(/^あなたの年代が 20代 の回答者/);
    expect(facts['方法']).toContain('Newcomb');
    expect(facts['方法']).toContain('HC1');
    // The halves of the before period in Japan time.
    expect(facts['試行前の傾向の確認']).toContain('2025-12-01 09:00〜2026-04-01 00:00');
    // Without a pilot: no DiD in the methods, no pre-trend line, no assumptions paragraph.
    const plain = describeEffects(withEffects(false), 'ja')!;
    expect(Object.fromEntries(plain.facts)['方法']).not.toContain('HC1');
    expect(plain.facts.map(([name]) => name)).not.toContain('試行前の傾向の確認');
    expect(plain.assumptions).toBeUndefined();
    expect(plain.plots.map((plot) => plot.heading)).toEqual(['割合の変化（導入後 − 導入前）', '平均の変化（導入後 − 導入前）']);
  });

  it('warns where the pre-trend differs, in the reader’s language, and says what a DiD assumes', () => {
    const ja = describeEffects(withEffects(), 'ja')!;
    expect(ja.warnings?.items).toEqual(['窓口に来た理由: 税の証明（試行前の差の差 +15.0ポイント、p 0.010）']);
    expect(ja.assumptions?.text).toContain('平行トレンド');
    expect(ja.assumptions?.text).toContain('波及');
    const en = describeEffects(withEffects(), 'en')!;
    expect(en.warnings?.items).toEqual(['窓口に来た理由: 税の証明 (pre-trend DiD +15.0 points, p 0.010)']);
    expect(en.assumptions?.text).toMatch(/Parallel trends.*No spill-over/);
  });

  it('plots the changes and the DiD largest first, shares in points, filled where adjusted p < 0.05', () => {
    const rows = forestRows(handMadeEffects(), 'share', false, 'ja');
    expect(rows.map((row) => [row.estimate, row.marked])).toEqual([
      [-10, true],
      [2, false],
    ]);
    expect(rows[0].low).toBeCloseTo(-14, 9);
    const did = forestRows(handMadeEffects(), 'share', true, 'ja');
    expect(did.map((row) => Math.round(row.estimate))).toEqual([20, -12]);
    const view = describeEffects(withEffects(), 'ja')!;
    expect(view.plots.map((plot) => plot.heading)).toEqual([
      '割合の変化（導入後 − 導入前）',
      '平均の変化（導入後 − 導入前）',
      '割合の差の差（DiD）: 試行グループの変化 − 対照グループの変化',
    ]);
  });

  it('plots at most MAX_FOREST_ROWS figures and says the table has them all', () => {
    const many: Effect[] = Array.from({ length: MAX_FOREST_ROWS + 5 }, (_, i) => ({
      ...handMadeEffects()[0],
      option: `o${i}`,
      optionLabel: `選択肢${i}`,
      change: { estimate: i / 1000, low: i / 1000 - 0.01, high: i / 1000 + 0.01, p: 0.25, pAdjusted: 0.5 },
    }));
    const view = describeEffects({ ...handMadeReport(), effectComparison: handMadeComparison(false), effects: many }, 'ja')!;
    expect(view.plots[0].plot.rows).toHaveLength(MAX_FOREST_ROWS);
    expect(view.plots[0].plot.rows[0].label).toContain(`選択肢${MAX_FOREST_ROWS + 4}`);
    expect(view.plots[0].notes.at(-1)).toBe(`変化の大きい ${MAX_FOREST_ROWS}件を示します（全 ${MAX_FOREST_ROWS + 5}件は下の表）。`);
    expect(view.table.table?.rows).toHaveLength(MAX_FOREST_ROWS + 5);
  });

  it('tables every figure: n and value before and after, intervals, ◆ at adjusted p < 0.05, ＊ with the reason', () => {
    const table = effectsTable(handMadeEffects(), handMadeComparison(), 5, 'ja');
    expect(table.columns).toEqual(['項目', '導入前 n', '導入前 値', '導入後 n', '導入後 値', '変化 [95%信頼区間]', '調整済み p', 'DiD [95%信頼区間]', '調整済み p', '試行前の傾向 p', '注']);
    const [koseki, tax, care, mean] = table.rows;
    expect(koseki.slice(1, 10)).toEqual(['60', '55.0%', '40', '45.0%', '−10.0 [−14.0, −6.0]', '0.010 ◆', '−12.0 [−17.0, −7.0]', '0.030 ◆', '0.600']);
    expect(tax[6]).toBe('0.400');
    expect(tax[8]).toBe('0.200');
    // A hidden figure shows none of its cells and names the cells too small.
    expect(care.slice(1, 10)).toEqual(['＊', '＊', '＊', '＊', '＊', '＊', '＊', '＊', '＊']);
    expect(care[10]).toBe('＊ 導入後が5人未満（またはその答えの人が5人未満）のため表示していません DiD: ＊ 試行・導入後・対照・導入後が5人未満（またはその答えの人が5人未満）のため表示していません');
    expect(mean.slice(2, 8)).toEqual(['2.10', '40', '2.40', '+0.30 [+0.10, +0.50]', '0.040 ◆', '—']);
    expect(table.hides).toBe(true);
    expect(table.numeric).toEqual([false, true, true, true, true, true, true, true, true, true, false]);
  });

  it('leaves the note column out when no figure has a note (on A4 it split the table in two)', () => {
    const shown = handMadeEffects().filter((effect) => effect.change !== null);
    const table = effectsTable(shown, handMadeComparison(), 5, 'ja');
    expect(table.columns.at(-1)).toBe('試行前の傾向 p');
    expect(table.rows.every((row) => row.length === table.columns.length)).toBe(true);
  });

  it('speaks English throughout in an English report, the definition’s labels included', () => {
    const view = describeReport(withEffects(), [handMadeDefinition()], { locale: 'en' });
    const effects = view.effects!;
    expect(effects.heading).toBe('6. Effect evaluation');
    const text = JSON.stringify([effects.facts, effects.plots.map((plot) => [plot.heading, plot.notes, plot.plot.rows.map((row) => row.label)]), effects.table, effects.assumptions]);
    expect(text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(effects.table.table?.rows[0][0]).toBe('Why you came to the counter: Family register or residence certificate');
    expect(Object.fromEntries(effects.facts)['Pilot group']).toMatch(/^respondents whose Your age group is 20s/);
  });
});

describe('layoutForestPlot', () => {
  const plot = { rows: forestRows(handMadeEffects(), 'share', true, 'ja'), axisLabel: '変化（ポイント）' };
  const layout = layoutForestPlot(plot);

  it('puts every estimate and interval on the axis, zero dashed, rows top to bottom in order', () => {
    const scale = forestScale(plot.rows);
    expect(scale.min).toBeLessThanOrEqual(-17);
    expect(scale.max).toBeGreaterThanOrEqual(35);
    expect(scale.ticks).toContain(0);
    const marks = layout.shapes.filter((shape) => shape.kind === 'mark');
    expect(marks.map((mark) => mark.filled)).toEqual([false, true]);
    expect(marks[0].y).toBeLessThan(marks[1].y);
    // +20 is right of zero, −12 left of it.
    const zero = layout.shapes.find((shape) => shape.kind === 'line' && shape.dash);
    expect(zero?.kind === 'line' && marks[0].x > zero.x1 && marks[1].x < zero.x1).toBe(true);
    for (const shape of layout.shapes) {
      if (shape.kind === 'mark') expect(shape.x).toBeGreaterThan(300);
      if (shape.kind === 'line') expect(Math.max(shape.x1, shape.x2)).toBeLessThanOrEqual(layout.width);
    }
  });

  it('names the measure on the first line and its question, grey and smaller, on the second, each cut to the column', () => {
    const two = layoutForestPlot({ rows: [{ label: '窓口予約（来庁日時を事前に予約できる）'.repeat(3), context: '今後、区役所のサービスで特に力を入れてほしいものを3つまで選んでください'.repeat(2), estimate: 1, low: 0, high: 2, marked: true }], axisLabel: 'x' });
    const texts = two.shapes.filter((shape) => shape.kind === 'text' && shape.anchor === 'end');
    expect(texts).toHaveLength(2);
    expect(texts.map((shape) => shape.kind === 'text' && shape.text.endsWith('…'))).toEqual([true, true]);
    expect(texts.map((shape) => shape.kind === 'text' && shape.size)).toEqual([11, 9.5]);
    expect(labelsFit(two)).toBe(true);
  });

  it('wraps a long label onto two lines within its column instead of running into the plot', () => {
    const long = layoutForestPlot({ rows: [{ label: `${'とても長い選択肢の名前'.repeat(6)}`, estimate: 1, low: 0, high: 2, marked: false }], axisLabel: 'x' });
    expect(long.shapes.filter((shape) => shape.kind === 'text' && shape.anchor === 'end')).toHaveLength(2);
    expect(labelsFit(long)).toBe(true);
    expect(labelsFit(layout)).toBe(true);
  });
});

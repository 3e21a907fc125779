/**
 * 効果検証 in the HTML and Markdown reports (issue 28): the part sits between 平均値の比較 and the
 * needs, in the table of contents; each forest plot is an inline SVG (vectors print crisply) whose
 * texts are escaped; the Markdown lists the same figures. Built from the hand-made effects.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { renderMarkdown } from '../../../analysis/render/render-markdown.ts';
import type { Report } from '../../../contracts/report.ts';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { handMadeComparison, handMadeDefinition, handMadeEffects, handMadeReport } from '../../core/report-view/hand-made-report.ts';

const assets = await readReportAssets();

function report(): Report {
  const effects = handMadeEffects();
  // A label the definition does not know (so the report's own stays) must not become markup inside the SVG.
  effects[1] = { ...effects[1], option: 'unknown', optionLabel: '<script>window.__pwned = 1</script>' };
  return { ...handMadeReport(), effectComparison: handMadeComparison(), effects };
}

describe('効果検証 rendered', () => {
  const html = renderHtml(report(), [handMadeDefinition()], { locale: 'ja', ...assets });

  it('is a part of its own after 平均値の比較, linked from the contents, with one SVG per forest plot', () => {
    const order = ['id="means"', 'id="effects"', 'id="needs"'].map((id) => html.indexOf(id));
    expect(order.every((at, i) => at > -1 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(html).toContain('<a href="#effects">6. 効果検証</a>');
    expect(html).toContain('<a href="#needs">7. 改善ニーズの順位</a>');
    const part = html.slice(html.indexOf('id="effects"'), html.indexOf('id="needs"'));
    expect(part.match(/<svg class="forest"/g)).toHaveLength(3);
    expect(part).toContain('DiD の前提');
    expect(part).toContain('0.010 ◆');
  });

  it('escapes every label inside the SVG', () => {
    const part = html.slice(html.indexOf('id="effects"'), html.indexOf('id="needs"'));
    expect(part).not.toContain('<script>window');
    expect(part).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
  });

  it('leaves the part out of a report without effects', () => {
    const plain = renderHtml(handMadeReport(), [handMadeDefinition()], { locale: 'ja', ...assets });
    expect(plain).not.toContain('id="effects"');
    expect(plain).toContain('<a href="#needs">6. 改善ニーズの順位</a>');
  });

  it('lists the same figures in Markdown, largest first, ◆ where adjusted p < 0.05', () => {
    const markdown = renderMarkdown(report(), [handMadeDefinition()], { locale: 'ja' });
    const part = markdown.slice(markdown.indexOf('## 6\\. 効果検証'), markdown.indexOf('## 7\\. 改善ニーズの順位'));
    expect(part).toContain('### 割合の変化（導入後 − 導入前）');
    const shares = part.slice(part.indexOf('### 割合の変化'), part.indexOf('### 平均の変化'));
    expect(shares.match(/^- [◆◇].*$/gm)).toEqual([
      '- ◆ 窓口に来た理由: 戸籍・住民票の写しの取得: −10.0 [−14.0, −6.0]',
      '- ◇ 窓口に来た理由: &lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;: +2.0 [−3.0, +7.0]',
    ]);
    expect(part).toMatch(/\| 窓口に来た理由: 介護 \| ＊ \|/);
    expect(markdown).toContain('## 11\\. 秘匿した集計');
    expect(part).toContain('| 0.010 ◆ |');
  });
});

describe('効果検証 of a real report', () => {
  it('renders every figure the analysis made, in both languages, with one forest plot per measure and kind', () => {
    const file = new URL('../../../survey-definitions/ward-office-exit/v1.json', import.meta.url);
    const definition = loadDefinition(JSON.parse(readFileSync(file, 'utf8')), 'ward-office-exit');
    // Four months of answers, split after two: the pre-trend check needs three months before the split.
    const records = [...synthesizeResponses(definition, { count: 1500, seed: 5, startDate: '2025-12-01', days: 150 })];
    const built = buildReport({ definitions: [definition], records, options: { language: 'ja', compare: { date: '2026-03-15', pilot: { variable: 'ward', values: ['chuo', 'kita'] } } } });
    expect(built.effects?.length).toBeGreaterThan(10);
    for (const locale of ['ja', 'en'] as const) {
      const html = renderHtml(built, [definition], { locale, ...assets });
      const part = html.slice(html.indexOf('id="effects"'), html.indexOf('id="needs"'));
      // Shares and means, changes and DiDs.
      expect(part.match(/<svg class="forest"/g)).toHaveLength(4);
      // Every figure is a row of the table (the screen table; print repeats it in parts).
      const screen = part.slice(part.indexOf('すべての指標') > -1 ? part.indexOf('すべての指標') : part.indexOf('Every figure'));
      const table = screen.slice(0, screen.indexOf('</table>'));
      expect((table.match(/<tr>/g) ?? []).length - 1).toBe(built.effects!.length);
      if (locale === 'en') expect(part.replace(/<[^>]*>/g, '')).not.toMatch(/導入|試行|効果検証/);
    }
  }, 60_000);
});

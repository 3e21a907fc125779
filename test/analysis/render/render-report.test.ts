/**
 * The Markdown and HTML renderers: one language per report, escaping of every text that comes from a
 * definition or a respondent, hidden numbers marked and linked to the rule, chart data that cannot
 * break out of its element, wide tables printed in parts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { formatPercent } from '../../../core/i18n/number-format.ts';
import { crosstabTitle } from '../../../core/report-view/crosstab-title.ts';
import { escapeHtml } from '../../../analysis/render/escape-text.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { renderMarkdown } from '../../../analysis/render/render-markdown.ts';
import { hostileReport } from './hostile-report.ts';

const assets = await readReportAssets();
const { chartJs } = assets;

/** The charts the cross-tabs draw: none where every group is hidden, dots for a checkbox, else stacked bars. */
function crosstabKinds(report: ReturnType<typeof hostileReport>['report']): string[] {
  return (report.crosstabs ?? []).filter((crosstab) => crosstab.groups.some((group) => group.n !== null)).map((crosstab) => (crosstab.kind === 'multiple' ? 'dots' : 'stacked'));
}

describe('renderMarkdown', () => {
  const { definition, report } = hostileReport();
  const markdown = renderMarkdown(report, [definition], { locale: 'ja' });

  it('speaks the report’s language only (issue 26)', () => {
    expect(markdown).toContain('# テスト調査 分析レポート');
    expect(markdown).toMatch(/\| 1 \| オンライン手続 \| 15 \| 62\.5% \|/);
    expect(markdown).not.toMatch(/Online procedures|Junior|Test survey/);
    const english = renderMarkdown(report, [definition], { locale: 'en' });
    expect(english).toContain('# Test survey analysis report');
    expect(english).toMatch(/\| 1 \| Online procedures \| 15 \| 62\.5% \|/);
    // Only what respondents wrote stays as written.
    const japanese = english.split('\n').filter((line) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(line) && !line.startsWith('> '));
    expect(japanese).toEqual([]);
  });

  it('escapes every text so no HTML or Markdown from a comment or a label gets through', () => {
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('> &lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;&lt;/script&gt;&lt;img src=x onerror="window.\\_\\_pwned=2"&gt;\\| \\*\\*bold\\*\\* \\[link\\]\\(http://example.com\\)');
  });

  it('marks hidden groups and lists where, in words, under the one statement of the rule (issue 26)', () => {
    expect(markdown).toContain('| ベテラン | ＊ |');
    const part = markdown.slice(markdown.indexOf('## 10'));
    expect(part).toContain('<a id="suppression"></a>');
    expect(part).toContain('1〜4人の数はどこにも表示しません');
    expect(part).not.toMatch(/gaps\.groups|crosstabs\.|summaries\./);
    expect(part).toContain('| 世代間の差 — 勤続年数 | 2 | 中堅（逆算防止）、ベテラン（少人数） |');
    // Every table that hides something links to it.
    const legends = markdown.match(/＊ 少人数のため表示していない数。 \[少人数の秘匿のルール\]\(#suppression\)/g) ?? [];
    expect(legends.length).toBeGreaterThanOrEqual(3);
  });

  it('points to no file of the source code (issue 26)', () => {
    expect(markdown).not.toMatch(/docs\/|\.md\b|\.ts\b/);
  });
});

describe('renderHtml', () => {
  const { definition, report } = hostileReport();
  const html = renderHtml(report, [definition], { locale: 'ja', ...assets });
  const markdown = renderMarkdown(report, [definition], { locale: 'ja' });

  it('is one page that loads nothing: Chart.js inline, no external script, style, font or image', () => {
    expect(html).toContain(chartJs.slice(0, 200));
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\b|@import|@font-face|url\(/);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\'; style-src \'unsafe-inline\'; img-src data:">');
    expect(html).toContain('"Noto Sans CJK JP"');
  });

  it('escapes texts in the page and keeps chart data inside its JSON element', () => {
    expect(html).toContain('<blockquote>&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('テレワーク<b>');
    const json = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(json).not.toContain('<');
    const charts = JSON.parse(json) as Array<{ id: string; chart: { kind: string; groups?: string[] } }>;
    // 回答者属性 (cohort), 単純集計 (the matrix, the checkbox: the cohort is not repeated), the cross-tabs (issue 25), then the needs and the gap chart.
    expect(charts.map((c) => c.chart.kind)).toEqual(['bars', 'stacked', 'bars', ...crosstabKinds(report), 'needs', 'gap']);
    // Charts speak the report's language only (tables carry both), as the dashboard's do.
    expect(charts.find((c) => c.chart.kind === 'gap')!.chart.groups).toEqual(['若手 (n=12)', '中堅（非表示）', 'ベテラン（非表示）']);
  });

  it('escapes a hostile label in the summary and cross-tab tables too', () => {
    const summaries = html.slice(html.indexOf('id="summaries"'), html.indexOf('id="needs"'));
    expect(summaries).toContain('<td>テレワーク&lt;b&gt;</td>');
    expect(summaries).toContain('<h4>働き方 — テレワーク&lt;b&gt;</h4>');
    expect(markdown).toContain('| テレワーク&lt;b&gt; |');
  });

  it('shows hidden cross-tab groups as ＊ with the legend, linked to the one statement of the rule', () => {
    const crosstabs = html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="means"'));
    expect(crosstabs).toContain('<tr><td>ベテラン</td><td class="num">＊</td><td class="num">＊</td>');
    expect(crosstabs).toContain('<p class="footnote legend">＊ 少人数のため表示していない数。 <a href="#suppression">少人数の秘匿のルール</a></p>');
    expect(html.match(/id="suppression"/g)).toHaveLength(1);
    const rule = html.slice(html.indexOf('id="suppression"'));
    expect(rule).toMatch(/^id="suppression"><h3>少人数の秘匿のルール<\/h3><p>回答者を特定できないよう、1〜4人の数/);
    expect(markdown).toContain('| 中堅 | ＊ | ＊ |');
    // A table that hides nothing carries no legend.
    const checkbox = html.slice(html.indexOf('<h3>改善してほしいこと</h3>'), html.indexOf('</article>', html.indexOf('<h3>改善してほしいこと</h3>')));
    expect(checkbox).not.toContain('legend');
  });

  it('starts every cross-tab with a 全体 row', () => {
    const crosstabs = markdown.slice(markdown.indexOf('## 4'), markdown.indexOf('## 5'));
    expect(crosstabs.match(/^\| 全体 \| /gm)).toHaveLength(report.crosstabs!.length);
    expect(html).toContain('<tr><td>全体</td><td class="num">24</td>');
  });

  it('points to no file of the source code', () => {
    const footer = /<footer>([^<]*)<\/footer>/.exec(html)![1];
    expect(footer).not.toMatch(/docs\/|\.md\b|\.ts\b/);
  });
});

/** A shipped survey, large enough for the cross-tabs to carry marks. */
function shippedReport(language: 'ja' | 'en') {
  const root = join(import.meta.dirname, '..', '..', '..');
  const definition = loadDefinition(JSON.parse(readFileSync(join(root, 'survey-definitions', 'ward-office-exit', 'v1.json'), 'utf8')), 'ward-office-exit');
  const records = [...synthesizeResponses(definition, { count: 1200, seed: 3 })];
  return { definition, report: buildReport({ definitions: [definition], records, options: { language } }) };
}

const BACKBONE = {
  ja: ['1. 調査概要', '2. 回答者属性', '3. 単純集計', '4. クロス集計', '5. 平均値の比較', '6. 改善ニーズの順位', '7. 重要度 × 満足度（IPA）', '8. 世代間の差（属性による違い）', '9. 自由記述（抜粋）', '10. 秘匿した集計'],
  en: ['1. Overview', '2. Respondents', '3. Summary of every question', '4. Cross-tabulations', '5. Means by group', '6. Needs ranking', '7. Importance × satisfaction (IPA)', '8. Differences between generations and groups', '9. Free-text comments (sample)', '10. Hidden figures'],
};

describe.each(['ja', 'en'] as const)('the report backbone (%s)', (language) => {
  const { definition, report } = shippedReport(language);
  const html = renderHtml(report, [definition], { locale: language, ...assets });
  const markdown = renderMarkdown(report, [definition], { locale: language });
  const h2s = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]);
  const mdH2s = [...markdown.matchAll(/^## (.*)$/gm)].map((match) => match[1].replace(/\\/g, ''));

  it('puts the sections in the order of a Japanese survey report, in both renderers', () => {
    expect(h2s.slice(0, BACKBONE[language].length)).toEqual(BACKBONE[language]);
    expect(mdH2s.slice(0, BACKBONE[language].length)).toEqual(BACKBONE[language]);
    // The contents list every part once, in the same order (issue 25 added 平均値の比較 as part 5).
    const nav = [...html.slice(html.indexOf('<nav>'), html.indexOf('</nav>')).matchAll(/<a href="#([a-z]+)">([^<]*)<\/a>/g)].map((match) => match[2]);
    expect(nav).toEqual(BACKBONE[language]);
  });

  it('prints 平均値の比較 after the cross-tabs: a table per number answer or scale by each breakdown, 全体 first, with its test (issue 25)', () => {
    expect(report.means!.length).toBeGreaterThan(0);
    const means = html.slice(html.indexOf('id="means"'), html.indexOf('id="needs"'));
    const breakdowns = [...means.matchAll(/<h3 class="breakdown">([^<]*)<\/h3>/g)].map((match) => match[1]);
    expect(breakdowns.length).toBe(new Set(report.means!.map((entry) => entry.by)).size);
    expect(means.match(/<h4>/g)!.length).toBe(report.means!.length);
    const first = report.means![0];
    const total = `<td>${language === 'ja' ? '全体' : 'All'}</td><td class="num">${first.total.n!.toLocaleString('en-US')}</td><td class="num">${first.total.mean!.toFixed(2)}</td>`;
    expect(means).toContain(total);
    expect(means).toMatch(language === 'ja' ? /Kruskal–Wallis 検定 H = |Welch の一元配置分散分析 F = / : /Kruskal–Wallis H = |Welch’s one-way ANOVA F = /);
    const mdMeans = markdown.slice(markdown.search(/^## 5\\?\./m), markdown.search(/^## 6\\?\./m));
    expect(mdMeans.match(/^#### /gm)!.length).toBe(report.means!.length);
    expect(mdMeans).toContain(`| ${language === 'ja' ? '全体' : 'All'} | ${first.total.n!.toLocaleString('en-US')} | ${first.total.mean!.toFixed(2)} |`);
  });

  it('summarises the breakdowns in 回答者属性 and every other question in 単純集計, none twice (issue 26)', () => {
    const part = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    const summaries = part('summaries');
    const headings = [...summaries.matchAll(/<h3>([^<]*)<\/h3>/g)].map((match) => match[1]);
    const profile = [...part('profile').matchAll(/<h3>([^<]*)<\/h3>/g)].map((match) => match[1]);
    const breakdowns = report.breakdowns!.map((breakdown) => breakdown.by);
    expect(profile).toEqual(breakdowns.map((by) => escapeHtml(report.summaries!.find((summary) => summary.question === by)!.label)));
    expect(headings).toEqual(report.summaries!.filter((summary) => !breakdowns.includes(summary.question)).map((summary) => escapeHtml(summary.label)));
    expect(new Set([...profile, ...headings]).size).toBe(report.summaries!.length);
    const allHeadings = [...html.matchAll(/<h[2-4][^>]*>([^<]*)<\/h[2-4]>/g)].map((match) => match[1]);
    expect(allHeadings.filter((heading) => /^\d\. /.test(heading)).length).toBe(new Set(allHeadings.filter((heading) => /^\d\. /.test(heading))).size);
    // n by ward in 調査概要, from the ward summary.
    const ward = report.summaries!.find((summary) => summary.question === 'ward')!;
    expect(part('overview')).toContain(`<td>${escapeHtml(ward.items![0].label)}</td><td class="num">${ward.items![0].count!.toLocaleString('en-US')}</td>`);
  });

  it('draws each cross-tab as the dashboard does: 全体 first in the stacked bars, a dot plot for a checkbox (issue 25)', () => {
    const data = JSON.parse(html.match(/<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/)![1]) as Array<{ id: string; chart: { kind: string; groups: string[] } }>;
    const crosstabs = html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="means"'));
    const ids = [...crosstabs.matchAll(/<canvas id="(chart-\d+)"/g)].map((match) => match[1]);
    const charts = ids.map((id) => data.find((entry) => entry.id === id)!.chart);
    const drawable = report.crosstabs!.filter((crosstab) => crosstab.groups.some((group) => group.n !== null));
    expect(charts.length).toBe(drawable.length);
    const total = language === 'ja' ? '全体' : 'All';
    drawable.forEach((crosstab, k) => {
      expect(charts[k].kind, crosstabTitle(crosstab)).toBe(crosstab.kind === 'multiple' ? 'dots' : 'stacked');
      expect(charts[k].groups[0], crosstabTitle(crosstab)).toMatch(new RegExp(`^${total} \\(n=`));
    });
    expect(charts.some((chart) => chart.kind === 'dots')).toBe(true);
  });

  it('writes every mark of every cross-tab next to its share, with the legend and the test line', () => {
    const crosstabs = html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="means"'));
    const marked = report.crosstabs!.flatMap((crosstab) => crosstab.groups.flatMap((group) => (group.cells ?? []).filter((cell) => cell.mark)));
    expect(marked.length).toBeGreaterThan(10);
    for (const cell of marked) expect(crosstabs).toContain(`<td class="num">${formatPercent(cell.share!, language)} ${cell.mark}</td>`);
    // Each cross-tab once on screen (a wide one also in parts for print).
    const tables = crosstabs.match(/<div class="table-wrap/g)!.length;
    expect(tables).toBe(report.crosstabs!.length);
    expect(crosstabs.match(/▲▲／▽▽|▲▲\/▽▽/g)!.length).toBeGreaterThanOrEqual(tables);
    expect(crosstabs).toContain(language === 'ja' ? 'Cramér の V' : 'Cramér’s V');
    expect(markdown).toMatch(/\| \d+\.\d% ▲▲ \|/);
  });
});

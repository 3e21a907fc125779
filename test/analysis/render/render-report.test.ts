/**
 * The Markdown and HTML renderers: bilingual labels, escaping of every text that comes from a
 * definition or a respondent, hidden groups marked, chart data that cannot break out of its element.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { formatPercent } from '../../../core/i18n/number-format.ts';
import { escapeHtml } from '../../../analysis/render/escape-text.ts';
import { renderHtml } from '../../../analysis/render/render-html.ts';
import { renderMarkdown } from '../../../analysis/render/render-markdown.ts';
import { hostileReport } from './hostile-report.ts';

const assets = await readReportAssets();
const { chartJs } = assets;

describe('renderMarkdown', () => {
  const { definition, report } = hostileReport();
  const markdown = renderMarkdown(report, [definition], { locale: 'ja' });

  it('shows Japanese labels with the English beside them', () => {
    expect(markdown).toContain('# テスト調査 分析レポート');
    expect(markdown).toContain('| 1 | オンライン手続 / Online procedures | 15 | 62.5% |');
    expect(markdown).toContain('若手 / Junior');
  });

  it('escapes every text so no HTML or Markdown from a comment or a label gets through', () => {
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('> &lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;&lt;/script&gt;&lt;img src=x onerror="window.\\_\\_pwned=2"&gt;\\| \\*\\*bold\\*\\* \\[link\\]\\(http://example.com\\)');
  });

  it('marks hidden groups and lists them', () => {
    expect(markdown).toContain('ベテラン / Veteran | 非表示 |');
    expect(markdown).toContain('| gaps.groups.cohort=veteran | 回答者が 5 人未満 |');
    expect(markdown).toContain('| gaps.groups.cohort=mid | gaps.groups.cohort=veteran を差し引きで求められないよう秘匿（検定には含む） |');
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
    // 回答者属性 (cohort), 単純集計 (cohort, the matrix, the checkbox), then the needs and the gap chart.
    expect(charts.map((c) => c.chart.kind)).toEqual(['bars', 'bars', 'stacked', 'bars', 'needs', 'gap']);
    // Charts speak the report's language only (tables carry both), as the dashboard's do.
    expect(charts.find((c) => c.chart.kind === 'gap')!.chart.groups).toEqual(['若手 (n=12)', '中堅（非表示）', 'ベテラン（非表示）']);
  });

  it('escapes a hostile label in the summary and cross-tab tables too', () => {
    const summaries = html.slice(html.indexOf('id="summaries"'), html.indexOf('id="needs"'));
    expect(summaries).toContain('<td>テレワーク&lt;b&gt;</td>');
    expect(summaries).toContain('<h4>働き方 — テレワーク&lt;b&gt;</h4>');
    expect(markdown).toContain('| テレワーク&lt;b&gt; |');
  });

  it('shows hidden cross-tab groups as ＊ with the note', () => {
    const crosstabs = html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="needs"'));
    expect(crosstabs).toContain('<tr><td>ベテラン</td><td class="num">＊</td><td class="num">＊</td>');
    expect(crosstabs).toContain('＊ 回答者が5人未満の区分');
    expect(markdown).toContain('| 中堅 | ＊ | ＊ |');
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
  ja: ['1. 調査概要', '2. 回答者属性', '3. 単純集計', '4. クロス集計', '5. 改善ニーズの順位', '6. 重要度 × 満足度（IPA）', '7. 世代間の差（属性による違い）', '8. 自由記述（抜粋）'],
  en: ['1. Overview', '2. Respondents', '3. Summary of every question', '4. Cross-tabulations', '5. Needs ranking', '6. Importance × satisfaction (IPA)', '7. Differences between generations and groups', '8. Free-text comments (sample)'],
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
  });

  it('summarises every question of the report in 単純集計, and the breakdowns in 回答者属性', () => {
    const part = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    const summaries = part('summaries');
    const headings = [...summaries.matchAll(/<h3>([^<]*)<\/h3>/g)].map((match) => match[1]);
    expect(headings).toEqual(report.summaries!.map((summary) => escapeHtml(summary.label)));
    const profile = [...part('profile').matchAll(/<h3>([^<]*)<\/h3>/g)].map((match) => match[1]);
    expect(profile).toEqual(report.breakdowns!.map((breakdown) => escapeHtml(report.summaries!.find((summary) => summary.question === breakdown.by)!.label)));
    // n by ward in 調査概要, from the ward summary.
    const ward = report.summaries!.find((summary) => summary.question === 'ward')!;
    expect(part('overview')).toContain(`<td>${escapeHtml(ward.items![0].label)}</td><td class="num">${ward.items![0].count!.toLocaleString('en-US')}</td>`);
  });

  it('writes every mark of every cross-tab next to its share, with the legend and the test line', () => {
    const crosstabs = html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="needs"'));
    const marked = report.crosstabs!.flatMap((crosstab) => crosstab.groups.flatMap((group) => (group.cells ?? []).filter((cell) => cell.mark)));
    expect(marked.length).toBeGreaterThan(10);
    for (const cell of marked) expect(crosstabs).toContain(`<td class="num">${formatPercent(cell.share!, language)} ${cell.mark}</td>`);
    const tables = crosstabs.match(/<table>/g)!.length;
    expect(tables).toBe(report.crosstabs!.length);
    expect(crosstabs.match(/▲▲／▽▽|▲▲\/▽▽/g)!.length).toBeGreaterThanOrEqual(tables);
    expect(crosstabs).toContain(language === 'ja' ? 'Cramér の V' : 'Cramér’s V');
    expect(markdown).toMatch(/\| \d+\.\d% ▲▲ \|/);
  });
});

/**
 * The Markdown and HTML renderers: bilingual labels, escaping of every text that comes from a
 * definition or a respondent, hidden groups marked, chart data that cannot break out of its element.
 */
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { describe, expect, it } from 'vitest';
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
    expect(charts.map((c) => c.chart.kind)).toEqual(['needs', 'gap']);
    // Charts speak the report's language only (tables carry both), as the dashboard's do.
    expect(charts[1].chart.groups).toEqual(['若手 (n=12)', '中堅（非表示）', 'ベテラン（非表示）']);
  });
});

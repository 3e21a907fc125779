/**
 * Wide tables on A4 (issue 26): a cross-tab of twelve long options prints in column groups that
 * each repeat 区分 and n, shared out evenly; on screen it stays one table that scrolls in its box
 * with its row labels sticky.
 */
import { describe, expect, it } from 'vitest';
import { columnGroups, renderHtml } from '../../../analysis/render/render-html.ts';
import { describeCrosstab } from '../../../core/report-view/describe-tabulation.ts';
import { readReportAssets } from '../../../server/report/report-assets.ts';
import { crosstabByAge, handMadeDefinition, handMadeReport, wideCrosstab } from '../../core/report-view/hand-made-report.ts';

const assets = await readReportAssets();

describe('columnGroups', () => {
  it('keeps a table that fits the page whole', () => {
    const table = describeCrosstab(crosstabByAge(), handMadeReport(), 'ja').table!;
    expect(columnGroups(table)).toEqual([table.columns.map((_, i) => i)]);
  });

  it('splits a wide cross-tab into even parts that each start with 区分 and n, every column once, in order', () => {
    const table = describeCrosstab(wideCrosstab(), handMadeReport(), 'ja').table!;
    const groups = columnGroups(table);
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const group of groups) expect(group.slice(0, 2)).toEqual([0, 1]);
    const rest = groups.flatMap((group) => group.slice(2));
    expect(rest).toEqual(table.columns.map((_, i) => i).slice(2));
    const sizes = groups.map((group) => group.length - 2);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe('a wide table in the HTML report', () => {
  const report = { ...handMadeReport(), crosstabs: [wideCrosstab()], breakdowns: [{ by: 'purpose', label: '本日の主な来庁目的', source: 'segment' as const, groups: [] }] };
  const html = renderHtml(report, [handMadeDefinition()], { locale: 'ja', ...assets });
  const crosstabs = html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="needs"'));

  it('is one scrolling table on screen and the same rows in parts for print, each repeating the row labels', () => {
    const parts = columnGroups(describeCrosstab(wideCrosstab(), report, 'ja').table!).length;
    expect(crosstabs.match(/<div class="table-wrap wide">/g)).toHaveLength(1);
    expect(crosstabs.match(/<div class="print-parts">/g)).toHaveLength(1);
    expect(crosstabs.match(/<th>区分<\/th>/g)).toHaveLength(parts + 1);
    expect(crosstabs.match(/<td>戸籍・住民票の写しの取得<\/td>/g)).toHaveLength(parts + 1);
  });

  it('keeps the row labels in view while the rest scrolls on screen, and prints the parts instead', () => {
    expect(html).toMatch(/\.table-wrap th:first-child, \.table-wrap td:first-child \{ position: sticky; left: 0;/);
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toContain('.table-wrap.wide { display: none; }');
    expect(print).toContain('.print-parts { display: block; }');
  });
});

describe('a long table in the HTML report', () => {
  it('may break across printed pages, so the page before it is not left blank', () => {
    const crosstab = crosstabByAge();
    crosstab.groups = Array.from({ length: 30 }, (_, index) => ({ ...crosstab.groups[1], value: `g${index}`, label: `区分${index}` }));
    const short = renderHtml(handMadeReport(), [handMadeDefinition()], { locale: 'ja', ...assets });
    const long = renderHtml({ ...handMadeReport(), crosstabs: [crosstab] }, [handMadeDefinition()], { locale: 'ja', ...assets });
    const part = (html: string) => html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="needs"'));
    expect(part(short)).not.toContain('table-wrap long');
    expect(part(long)).toContain('<div class="table-wrap long">');
    expect(long).toContain('article:has(.long), .long table { page-break-inside: auto; break-inside: auto; }');
  });
});

describe('cross-tab charts in the HTML report (issue 25)', () => {
  // A group the definition does not name keeps the report's label (the others are renamed from the definition).
  const single = { ...crosstabByAge(), groups: crosstabByAge().groups.map((group, k) => (k === 1 ? { ...group, value: 'welfare', label: '保健福祉（高齢者・障がいのある方の福祉など）' } : group)) };
  const report = {
    ...handMadeReport(),
    crosstabs: [single, { ...wideCrosstab(), by: 'ageBand' }],
  };
  const html = renderHtml(report, [handMadeDefinition()], { locale: 'ja', ...assets });
  const heights = [...html.slice(html.indexOf('id="crosstabs"'), html.indexOf('id="means"')).matchAll(/<div class="chart" style="height:(\d+)px">/g)].map((match) => Number(match[1]));

  it('gives a long group name room for the three lines it wraps to, and each option of a dot plot room for two', () => {
    expect(heights).toHaveLength(2);
    // 全体 and three groups; the longest name with its n wraps to three lines, which ran into the next at 36 px a bar.
    expect(heights[0]).toBeGreaterThanOrEqual(110 + 48 * 4);
    // Twelve options of two lines each, and the legend of six groups.
    expect(heights[1]).toBeGreaterThanOrEqual(12 * 44);
  });
});

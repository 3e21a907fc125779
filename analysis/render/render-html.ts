/**
 * The report as one self-contained HTML file: the text and tables of describeReport, and its
 * charts drawn by Chart.js inlined in the page (docs/decisions/0042-html-report-with-inlined-chart-js.md).
 * Nothing is loaded from anywhere: no CDN, no web fonts (a system font stack with Noto Sans CJK JP),
 * and a Content-Security-Policy that forbids any request the page might try.
 *
 * Pure: the caller passes the two scripts' text (server/report/report-assets.ts): Chart.js's UMD build
 * and the chart script that draws core/report-view's chart descriptions with the dashboard's configuration.
 * Every text is escaped; chart data travels as JSON in a non-executed script element.
 */
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { Report } from '../../contracts/report.ts';
import { describeReport, type ChartDescription, type RenderOptions, type Section, type Table } from '../../core/report-view/describe-report.ts';
import { escapeHtml, jsonForScript } from './escape-text.ts';
import { renderForestSvg } from './render-forest-svg.ts';
import { renderNetworkSvg } from './render-network-svg.ts';

export interface HtmlOptions extends RenderOptions {
  /** The text of Chart.js's UMD build. */
  chartJs: string;
  /** The text of the bundled chart script (client/report-charts/draw-report-charts.ts). */
  chartScript: string;
}

/** Blocks every network request: scripts and styles are inline, images only data: URLs. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", Meiryo, sans-serif';

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT_STACK}; color: #222; background: #f6f7f9; line-height: 1.6; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 24px 64px; }
header { background: #fff; border-bottom: 4px solid #1f4e79; }
header .inner { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; color: #1f4e79; }
.subtitle { margin: 0 0 12px; color: #555; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 0.92rem; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
nav { margin: 16px 0 0; font-size: 0.92rem; }
nav a { margin-right: 16px; color: #1f4e79; display: inline-block; white-space: nowrap; }
section.part { margin-top: 32px; }
h2 { font-size: 1.3rem; border-left: 6px solid #1f4e79; padding-left: 10px; margin: 0 0 8px; }
h3 { font-size: 1.05rem; margin: 0 0 6px; }
.intro { color: #444; font-size: 0.92rem; margin: 0 0 12px; }
article { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 16px 20px; margin: 0 0 16px; break-inside: avoid; }
.note { color: #555; font-size: 0.88rem; margin: 0 0 8px; }
.chart { position: relative; width: 100%; margin: 8px 0 12px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.86rem; }
/* On screen a wide table scrolls inside its box and keeps its row labels in view. */
.table-wrap th:first-child, .table-wrap td:first-child { position: sticky; left: 0; background: #fff; z-index: 1; min-width: 7em; }
.table-wrap th:first-child { background: #f0f3f6; }
/* A wide table keeps readable columns (headings wrap at about six characters) and scrolls instead of squeezing them. */
.table-wrap.wide table { width: auto; min-width: 100%; }
.table-wrap.wide th::before { content: ''; display: block; width: 6em; height: 0; }
.table-wrap.wide th:first-child::before { width: 7em; }
.table-wrap.wide th.num { white-space: normal; }
.print-parts { display: none; }
.legend a { color: #1f4e79; }
.rule { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 12px 20px; margin: 0 0 16px; }
th, td { border-bottom: 1px solid #e3e6ea; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f3f6; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
svg.forest, svg.network { display: block; max-width: 680px; height: auto; }
.warnings ul { margin: 0; padding-left: 1.4em; font-size: 0.9rem; }
blockquote { margin: 0 0 8px; padding: 6px 12px; border-left: 3px solid #c5ccd4; background: #fafbfc; white-space: pre-wrap; overflow-wrap: anywhere; }
h3.breakdown { font-size: 1.1rem; margin: 20px 0 8px; color: #1f4e79; }
h4 { font-size: 1rem; margin: 0 0 6px; }
.footnote { color: #555; font-size: 0.82rem; margin: 6px 0 0; }
footer { color: #666; font-size: 0.85rem; margin-top: 32px; }
/*
 * Print on A4 (issue 11): each part of the backbone starts a page, and no table, chart or
 * article is cut across pages where it fits on one; wide tables wrap their cells instead of
 * overflowing the page. https://developer.mozilla.org/en-US/docs/Web/CSS/break-inside
 */
@page { size: A4; margin: 15mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main, header .inner { max-width: none; padding: 0; }
  header { border-bottom-width: 2px; }
  nav { display: none; }
  section.part { margin-top: 0; }
  section.part + section.part { page-break-before: always; break-before: page; }
  h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  article { border: none; padding: 0; margin: 0 0 12px; }
  article, table, tr, .chart, canvas, dl.facts { page-break-inside: avoid; break-inside: avoid; }
  article:has(.long), .long table { page-break-inside: auto; break-inside: auto; }
  .table-wrap { overflow: visible; }
  .table-wrap th:first-child, .table-wrap td:first-child { position: static; }
  /*
   * A table too wide for A4 prints as column groups, one under the other, each repeating the row
   * labels (issue 26): a label never wraps below six characters a line (戸/籍/・/住… was unreadable).
   */
  .table-wrap.wide { display: none; }
  .print-parts { display: block; }
  .print-parts table + table { margin-top: 6px; }
  table { table-layout: auto; font-size: 8.5pt; }
  th, td { white-space: normal; overflow-wrap: anywhere; padding: 2px 4px; }
  /*
   * A zero-height spacer sets a column's narrowest width, which table layout honours where it may
   * ignore min-width on a cell: row labels keep six characters a line, a heading like 回答者数 or
   * 30代 stays on one line.
   */
  th::before, td:first-child::before { content: ''; display: block; height: 0; }
  th::before { width: 4em; }
  th:first-child::before, td:first-child::before { width: 6.5em; }
  th:first-child, td:first-child { overflow-wrap: normal; word-break: normal; }
  /* A number never breaks inside; a share may put its mark on the next line. */
  td.num { white-space: normal; overflow-wrap: normal; word-break: keep-all; }
  th.num { white-space: normal; }
  thead { display: table-header-group; }
  .chart { max-width: 100%; }
}
`;

export function renderHtml(report: Report, definitions: ReadonlyArray<SurveyDefinition>, options: HtmlOptions): string {
  const view = describeReport(report, definitions, options);
  const charts: Array<{ id: string; chart: ChartDescription }> = [];
  // Every table that hides something says what ＊ means and links to the one statement of the rule.
  const legend = `<p class="footnote legend">${escapeHtml(view.legend.text)} <a href="#suppression">${escapeHtml(view.legend.link)}</a></p>`;
  const tableArticle = (table: Table) => `<article>${htmlTable(table)}${table.hides ? legend : ''}</article>`;
  const parts: string[] = [];

  const article = (section: Section, level = 'h3') => {
    const out = [`<article>`, `<${level}>${escapeHtml(section.heading)}</${level}>`];
    // The chart states n itself; a note saying the same above it would be noise.
    for (const note of section.notes.filter((note) => note && !section.chart?.note.includes(note))) out.push(`<p class="note">${escapeHtml(note)}</p>`);
    if (section.chart) {
      const id = `chart-${charts.length + 1}`;
      charts.push({ id, chart: section.chart });
      out.push(
        `<div class="chart" style="height:${chartHeight(section.chart)}px"><canvas id="${id}" role="img" aria-label="${escapeHtml(
          `${section.chart.title || section.heading} ${section.chart.note}`,
        )}"></canvas></div>`,
      );
    }
    if (section.table) out.push(htmlTable(section.table));
    for (const note of section.footnotes ?? []) out.push(`<p class="footnote">${escapeHtml(note)}</p>`);
    if (section.table?.hides) out.push(legend);
    out.push('</article>');
    return out.join('\n');
  };
  const open = (id: string, heading: string, intro?: string) =>
    `<section class="part" id="${id}"><h2>${escapeHtml(heading)}</h2>${intro ? `<p class="intro">${escapeHtml(intro)}</p>` : ''}`;

  // The backbone of a Japanese survey report (issue 11): 調査概要 → 回答者属性 → 単純集計 → クロス集計 → the analyses.
  parts.push(
    open('overview', view.overview.heading),
    `<article><dl class="facts">${view.overview.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>${view.overview.hides ? legend : ''}</article>`,
  );
  if (view.overview.wards) parts.push(tableArticle(view.overview.wards));
  parts.push('</section>');

  parts.push(open('profile', view.profile.heading, view.profile.intro), ...view.profile.sections.map((section) => article(section)), '</section>');
  parts.push(open('summaries', view.summaries.heading, view.summaries.intro), ...view.summaries.sections.map((section) => article(section)), '</section>');

  parts.push(open('crosstabs', view.crosstabs.heading, view.crosstabs.intro));
  for (const group of view.crosstabs.groups) {
    parts.push(`<h3 class="breakdown">${escapeHtml(group.heading)}</h3>`, ...group.sections.map((section) => article(section, 'h4')));
  }
  parts.push('</section>');

  // 平均値の比較 (issue 25): grouped by breakdown as the cross-tabs are.
  parts.push(open('means', view.means.heading, view.means.intro));
  for (const group of view.means.groups) {
    parts.push(`<h3 class="breakdown">${escapeHtml(group.heading)}</h3>`, ...group.sections.map((section) => article(section, 'h4')));
  }
  parts.push('</section>');

  // 効果検証 (issue 28): how the responses were split, the warnings, the forest plots (inline SVG), every figure, what a DiD assumes.
  if (view.effects) {
    const effects = view.effects;
    parts.push(
      open('effects', effects.heading, effects.intro),
      `<article><dl class="facts">${effects.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl></article>`,
    );
    if (effects.warnings) {
      parts.push(
        `<article class="warnings"><h3>${escapeHtml(effects.warnings.heading)}</h3><p class="note">${escapeHtml(effects.warnings.intro)}</p>`,
        effects.warnings.items.length > 0 ? `<ul>${effects.warnings.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '',
        '</article>',
      );
    }
    for (const plot of effects.plots) {
      parts.push(
        '<article class="forest-plot">',
        `<h3>${escapeHtml(plot.heading)}</h3>`,
        ...plot.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
        renderForestSvg(plot.plot, plot.heading),
        '</article>',
      );
    }
    parts.push(article(effects.table));
    if (effects.assumptions) parts.push(`<div class="rule"><h3>${escapeHtml(effects.assumptions.heading)}</h3><p>${escapeHtml(effects.assumptions.text)}</p></div>`);
    parts.push('</section>');
  }

  parts.push(`<section class="part" id="needs"><h2>${escapeHtml(view.needs.heading)}</h2><p class="intro">${escapeHtml(view.needs.intro)}</p>`);
  parts.push(...view.needs.sections.map((section) => article(section)), '</section>');

  parts.push(`<section class="part" id="ipa"><h2>${escapeHtml(view.ipa.heading)}</h2><p class="intro">${escapeHtml(view.ipa.intro)}</p>`);
  parts.push(...view.ipa.sections.map((section) => article(section)), '</section>');

  parts.push(`<section class="part" id="gaps"><h2>${escapeHtml(view.gaps.heading)}</h2><p class="intro">${escapeHtml(view.gaps.intro)}</p>`);
  if (view.gaps.groups) parts.push(tableArticle(view.gaps.groups));
  // Charts first (largest effects), then the table of every test.
  const [summary, ...gapCharts] = view.gaps.sections;
  parts.push(...gapCharts.map((section) => article(section)));
  if (summary) parts.push(article(summary));
  if (view.gaps.untested) parts.push(tableArticle(view.gaps.untested));
  parts.push('</section>');

  parts.push(
    `<section class="part" id="comments"><h2>${escapeHtml(view.comments.heading)}</h2><p class="intro">${escapeHtml(view.comments.intro)}</p>`,
  );
  for (const comment of view.comments.sections) {
    parts.push(
      '<article>',
      `<h3>${escapeHtml(comment.heading)}</h3>`,
      ...comment.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
      ...comment.texts.map((text) => `<blockquote>${escapeHtml(text)}</blockquote>`),
      '</article>',
    );
    // 自由記述's text analysis (issue 27): words, words by group, the network as an inline SVG, codes by group.
    const analysis = comment.analysis;
    if (analysis) {
      parts.push(`<article><h4>${escapeHtml(comment.heading)}</h4>${analysis.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('')}</article>`);
      if (analysis.words) parts.push(article(analysis.words, 'h4'));
      if (analysis.network) {
        parts.push(
          '<article class="network-plot">',
          `<h4>${escapeHtml(analysis.network.heading)}</h4>`,
          ...analysis.network.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
          analysis.network.network.nodes.length > 0 ? renderNetworkSvg(analysis.network.network, `${comment.heading} ${analysis.network.heading}`) : '',
          '</article>',
        );
      }
      if (analysis.byGroup) parts.push(article(analysis.byGroup, 'h4'));
      if (analysis.codes) parts.push(article(analysis.codes, 'h4'));
    }
  }
  parts.push('</section>');

  parts.push(
    `<section class="part" id="suppressed"><h2>${escapeHtml(view.suppressed.heading)}</h2>`,
  );
  parts.push(
    `<div class="rule" id="suppression"><h3>${escapeHtml(view.suppressed.rule.heading)}</h3><p>${escapeHtml(view.suppressed.rule.text)}</p></div>`,
    `<p class="intro">${escapeHtml(view.suppressed.intro)}</p>`,
  );
  if (view.suppressed.table) parts.push(tableArticle(view.suppressed.table));
  parts.push('</section>');

  const nav = [
    ['overview', view.overview.heading],
    ['profile', view.profile.heading],
    ['summaries', view.summaries.heading],
    ['crosstabs', view.crosstabs.heading],
    ['means', view.means.heading],
    ...(view.effects ? [['effects', view.effects.heading]] : []),
    ['needs', view.needs.heading],
    ['ipa', view.ipa.heading],
    ['gaps', view.gaps.heading],
    ['comments', view.comments.heading],
    ['suppressed', view.suppressed.heading],
  ]
    .map(([id, heading]) => `<a href="#${id}">${escapeHtml(heading)}</a>`)
    .join('');

  return `<!DOCTYPE html>
<html lang="${escapeHtml(view.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="inner">
<h1>${escapeHtml(view.title)}</h1>
${view.subtitle ? `<p class="subtitle">${escapeHtml(view.subtitle)}</p>` : ''}
<nav>${nav}</nav>
</div></header>
<main>
${parts.join('\n')}
<footer>${escapeHtml(view.footer)}</footer>
</main>
<script type="application/json" id="report-charts">${jsonForScript(charts)}</script>
<script>${inlineScript(options.chartJs)}</script>
<script>${inlineScript(options.chartScript)}</script>
</body>
</html>
`;
}

/** Rows a printed table keeps on one page; a longer one would leave the page before it blank and break anyway. */
const ROWS_KEPT_TOGETHER = 24;

function htmlTable(table: Table): string {
  const parts = columnGroups(table);
  const long = table.rows.length > ROWS_KEPT_TOGETHER ? ' long' : '';
  if (parts.length <= 1) return `<div class="table-wrap${long}">${tableElement(table)}</div>`;
  // Screen: the whole table, scrolling in its box; print: the same columns in parts that fit A4.
  return [
    `<div class="table-wrap wide">${tableElement(table)}</div>`,
    `<div class="print-parts${long}">${parts.map((columns) => tableElement(pick(table, columns))).join('')}</div>`,
  ].join('');
}

/** "< 0.001" and "V = 0.390" are one figure: the space after a comparison never breaks. */
function keepFigure(text: string): string {
  return text.replace(/([<>=≤≥]) /g, '$1\u00a0').replace(/ ([<>=≤≥])/g, '\u00a0$1');
}

function tableElement(table: Table): string {
  const cell = (tag: string, text: string, numeric: boolean) => `<${tag}${numeric ? ' class="num"' : ''}>${escapeHtml(numeric ? keepFigure(text) : text)}</${tag}>`;
  const head = `<tr>${table.columns.map((column, i) => cell('th', column, table.numeric[i])).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((text, i) => cell('td', text, table.numeric[i])).join('')}</tr>`).join('\n');
  return `<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

function pick(table: Table, columns: number[]): Table {
  return { columns: columns.map((i) => table.columns[i]), numeric: columns.map((i) => table.numeric[i]), rows: table.rows.map((row) => columns.map((i) => row[i])) };
}

/** The printable width of A4 less 15 mm margins, in em of the tables' 8.5 pt print font. */
export const PRINT_WIDTH_EM = 60;
/** A row label never gets narrower than this in print. */
const LABEL_MIN_EM = 6.5;
/** Row labels may take up to this much before they wrap. */
const LABEL_MAX_EM = 10;

/**
 * The table's columns in groups that each fit the printed page with the row labels (and any other
 * leading columns `repeat` names) repeated: [[0, 1, …, k], [0, k + 1, …], …]. One group when the whole table fits.
 */
export function columnGroups(table: Table): number[][] {
  const widths = table.columns.map((column, i) => {
    const cells = table.rows.map((row) => textWidth(row[i] ?? ''));
    if (i === 0) return Math.min(LABEL_MAX_EM, Math.max(LABEL_MIN_EM, ...cells, Math.min(textWidth(column), LABEL_MAX_EM)));
    // A heading may wrap to about four characters a line; a number or a share never wraps.
    const body = table.numeric[i] ? Math.max(0, ...cells) : Math.min(12, Math.max(0, ...cells));
    return Math.max(body, Math.min(textWidth(column), 4.5)) + 0.7;
  });
  const repeated = Math.max(1, Math.min(table.repeat ?? 1, table.columns.length - 1));
  const head = Array.from({ length: repeated }, (_, i) => i);
  const rest = table.columns.map((_, i) => i).slice(repeated);
  const width = (columns: number[]) => [...head, ...columns].reduce((sum, i) => sum + widths[i], 0);
  if (width(rest) <= PRINT_WIDTH_EM) return [[...head, ...rest]];
  // As few parts as fit, then the columns shared out evenly among them (8 + 4 reads worse than 6 + 6).
  for (let parts = 2; parts <= rest.length; parts++) {
    const size = Math.ceil(rest.length / parts);
    const groups = Array.from({ length: parts }, (_, k) => rest.slice(k * size, (k + 1) * size)).filter((group) => group.length > 0);
    if (groups.every((group) => group.length === 1 || width(group) <= PRINT_WIDTH_EM)) return groups.map((group) => [...head, ...group]);
  }
  return rest.map((i) => [...head, i]);
}

/** Width in em: a CJK or full-width character is one em, a mark (▲, ▽) a little less, anything else about half. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\u25a0-\u25ff]/.test(char)) width += 0.8;
    else width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 1 : 0.55;
  }
  return width;
}

function chartHeight(chart: ChartDescription): number {
  if (chart.kind === 'needs' || chart.kind === 'bars') return 90 + 30 * chart.labels.length;
  if (chart.kind === 'ipa') return 460;
  // A dot plot has a line per option (its label often on two lines) and a legend of the groups under it.
  if (chart.kind === 'dots') return 120 + 44 * chart.labels.length + 22 * Math.ceil(chart.groups.length / 3);
  // A long group name with its n wraps to three lines, which ran into the next bar's name at 36 px.
  const long = chart.groups.some((group) => [...group].length > 18);
  return 110 + (long ? 48 : 36) * chart.groups.length;
}

/**
 * Script text safe inside <script>…</script>: a "</script" (any case) or "<!--" in it would end
 * or change the element, so the "<" is written as a JS escape. Source-map comments point at
 * files the report does not carry.
 */
function inlineScript(source: string): string {
  return source
    .replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

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
nav a { margin-right: 16px; color: #1f4e79; }
section.part { margin-top: 32px; }
h2 { font-size: 1.3rem; border-left: 6px solid #1f4e79; padding-left: 10px; margin: 0 0 8px; }
h3 { font-size: 1.05rem; margin: 0 0 6px; }
.intro { color: #444; font-size: 0.92rem; margin: 0 0 12px; }
article { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 16px 20px; margin: 0 0 16px; break-inside: avoid; }
.note { color: #555; font-size: 0.88rem; margin: 0 0 8px; }
.chart { position: relative; width: 100%; margin: 8px 0 12px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.86rem; }
th, td { border-bottom: 1px solid #e3e6ea; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f3f6; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
blockquote { margin: 0 0 8px; padding: 6px 12px; border-left: 3px solid #c5ccd4; background: #fafbfc; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { color: #666; font-size: 0.85rem; margin-top: 32px; }
@media print { body { background: #fff; } article { border: none; padding: 0; } nav { display: none; } }
`;

export function renderHtml(report: Report, definitions: ReadonlyArray<SurveyDefinition>, options: HtmlOptions): string {
  const view = describeReport(report, definitions, options);
  const charts: Array<{ id: string; chart: ChartDescription }> = [];
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
    out.push('</article>');
    return out.join('\n');
  };

  parts.push(`<section class="part" id="needs"><h2>${escapeHtml(view.needs.heading)}</h2><p class="intro">${escapeHtml(view.needs.intro)}</p>`);
  parts.push(...view.needs.sections.map((section) => article(section)), '</section>');

  parts.push(`<section class="part" id="ipa"><h2>${escapeHtml(view.ipa.heading)}</h2><p class="intro">${escapeHtml(view.ipa.intro)}</p>`);
  parts.push(...view.ipa.sections.map((section) => article(section)), '</section>');

  parts.push(`<section class="part" id="gaps"><h2>${escapeHtml(view.gaps.heading)}</h2><p class="intro">${escapeHtml(view.gaps.intro)}</p>`);
  if (view.gaps.groups) parts.push(`<article>${htmlTable(view.gaps.groups)}</article>`);
  // Charts first (largest effects), then the table of every test.
  const [summary, ...gapCharts] = view.gaps.sections;
  parts.push(...gapCharts.map((section) => article(section)));
  if (summary) parts.push(article(summary));
  if (view.gaps.untested) parts.push(`<article>${htmlTable(view.gaps.untested)}</article>`);
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
  }
  parts.push('</section>');

  parts.push(
    `<section class="part" id="suppressed"><h2>${escapeHtml(view.suppressed.heading)}</h2><p class="intro">${escapeHtml(view.suppressed.intro)}</p>`,
  );
  if (view.suppressed.table) parts.push(`<article>${htmlTable(view.suppressed.table)}</article>`);
  parts.push('</section>');

  const nav = [
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
<dl class="facts">${view.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
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

function htmlTable(table: Table): string {
  const cell = (tag: string, text: string, numeric: boolean) => `<${tag}${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${table.columns.map((column, i) => cell('th', column, table.numeric[i])).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((text, i) => cell('td', text, table.numeric[i])).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

function chartHeight(chart: ChartDescription): number {
  if (chart.kind === 'needs' || chart.kind === 'bars') return 90 + 30 * chart.labels.length;
  if (chart.kind === 'ipa') return 460;
  return 110 + 36 * chart.groups.length;
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

/**
 * The report as Markdown: headings, notes and tables in the report's one language (locale). Every text from the definitions or the responses
 * is escaped (escape-text.ts). Charts are HTML-only; the needs table gets a text bar instead.
 */
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import type { Report } from '../../contracts/report.ts';
import { describeReport, type RenderOptions, type Section, type Table } from '../../core/report-view/describe-report.ts';
import { escapeMarkdown } from './escape-text.ts';

export function renderMarkdown(report: Report, definitions: ReadonlyArray<SurveyDefinition>, options: RenderOptions = {}): string {
  const view = describeReport(report, definitions, options);
  const lines: string[] = [];
  const paragraph = (text: string) => lines.push(escapeMarkdown(text), '');
  // Every table that hides something says what ＊ means and links to the one statement of the rule.
  const legend = `${escapeMarkdown(view.legend.text)} [${escapeMarkdown(view.legend.link)}](#suppression)`;
  const table = (item: Table) => {
    lines.push(...markdownTable(item), '');
    if (item.hides) lines.push(legend, '');
  };
  lines.push(`# ${escapeMarkdown(view.title)}`, '');
  if (view.subtitle) paragraph(view.subtitle);

  const section = (level: string, item: Section) => {
    lines.push(`${level} ${escapeMarkdown(item.heading)}`, '');
    for (const note of item.notes.filter(Boolean)) paragraph(note);
    if (item.table) lines.push(...markdownTable(item.chart?.kind === 'needs' && item.chart.measure === 'share' ? withBars(item.table, item.chart.values) : item.table), '');
    for (const note of item.footnotes ?? []) paragraph(note);
    if (item.table?.hides) lines.push(legend, '');
  };

  // The backbone of a Japanese survey report (issue 11): 調査概要 → 回答者属性 → 単純集計 → クロス集計 → the analyses.
  lines.push(`## ${escapeMarkdown(view.overview.heading)}`, '');
  for (const [label, value] of view.overview.facts) lines.push(`- **${escapeMarkdown(label)}**: ${escapeMarkdown(value)}`);
  lines.push('');
  if (view.overview.hides) lines.push(legend, '');
  if (view.overview.wards) table(view.overview.wards);

  for (const part of [view.profile, view.summaries]) {
    lines.push(`## ${escapeMarkdown(part.heading)}`, '');
    paragraph(part.intro);
    part.sections.forEach((item) => section('###', item));
  }

  lines.push(`## ${escapeMarkdown(view.crosstabs.heading)}`, '');
  paragraph(view.crosstabs.intro);
  for (const group of view.crosstabs.groups) {
    lines.push(`### ${escapeMarkdown(group.heading)}`, '');
    group.sections.forEach((item) => section('####', item));
  }

  lines.push(`## ${escapeMarkdown(view.means.heading)}`, '');
  paragraph(view.means.intro);
  for (const group of view.means.groups) {
    lines.push(`### ${escapeMarkdown(group.heading)}`, '');
    group.sections.forEach((item) => section('####', item));
  }

  // 効果検証 (issue 28): Markdown has no charts, so each forest plot is a list, largest first.
  if (view.effects) {
    const effects = view.effects;
    lines.push(`## ${escapeMarkdown(effects.heading)}`, '');
    paragraph(effects.intro);
    for (const [label, value] of effects.facts) lines.push(`- **${escapeMarkdown(label)}**: ${escapeMarkdown(value)}`);
    lines.push('');
    if (effects.warnings) {
      lines.push(`### ${escapeMarkdown(effects.warnings.heading)}`, '');
      paragraph(effects.warnings.intro);
      if (effects.warnings.items.length > 0) lines.push(...effects.warnings.items.map((item) => `- ${escapeMarkdown(item)}`), '');
    }
    for (const plot of effects.plots) {
      lines.push(`### ${escapeMarkdown(plot.heading)}`, '');
      for (const note of plot.notes) paragraph(note);
      const digits = (value: number) => (value === 0 ? '0' : `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(plot.plot.digits ?? 2)}`);
      lines.push(...plot.plot.rows.map((row) => `- ${row.marked ? '◆' : '◇'} ${escapeMarkdown(row.context === undefined ? row.label : `${row.context}: ${row.label}`)}: ${digits(row.estimate)} [${digits(row.low)}, ${digits(row.high)}]`), '');
    }
    section('###', effects.table);
    if (effects.assumptions) {
      lines.push(`### ${escapeMarkdown(effects.assumptions.heading)}`, '');
      paragraph(effects.assumptions.text);
    }
  }

  lines.push(`## ${escapeMarkdown(view.needs.heading)}`, '');
  paragraph(view.needs.intro);
  view.needs.sections.forEach((item) => section('###', item));

  lines.push(`## ${escapeMarkdown(view.ipa.heading)}`, '');
  paragraph(view.ipa.intro);
  view.ipa.sections.forEach((item) => section('###', item));

  lines.push(`## ${escapeMarkdown(view.gaps.heading)}`, '');
  paragraph(view.gaps.intro);
  if (view.gaps.groups) table(view.gaps.groups);
  // Markdown has no charts: each item keeps its table of the same answer across groups.
  view.gaps.sections.forEach((item) => section('###', item));
  if (view.gaps.untested) table(view.gaps.untested);

  lines.push(`## ${escapeMarkdown(view.comments.heading)}`, '');
  paragraph(view.comments.intro);
  for (const comment of view.comments.sections) {
    lines.push(`### ${escapeMarkdown(comment.heading)}`, '');
    for (const note of comment.notes) paragraph(note);
    for (const text of comment.texts) lines.push(`> ${escapeMarkdown(text)}`, '');
    // 自由記述's text analysis (issue 27): the network is a picture, so Markdown lists its strongest pairs in words instead.
    const analysis = comment.analysis;
    if (analysis) {
      for (const note of analysis.notes) paragraph(note);
      if (analysis.words) section('####', analysis.words);
      if (analysis.network) {
        lines.push(`#### ${escapeMarkdown(analysis.network.heading)}`, '');
        for (const note of analysis.network.notes) paragraph(note);
        const { nodes, edges } = analysis.network.network;
        const strongest = [...edges].sort((a, b) => b.jaccard - a.jaccard).slice(0, 15);
        lines.push(...strongest.map((edge) => `- ${escapeMarkdown(nodes[edge.source].word)} — ${escapeMarkdown(nodes[edge.target].word)}: Jaccard ${edge.jaccard.toFixed(2)}`), '');
      }
      if (analysis.byGroup) section('####', analysis.byGroup);
      if (analysis.codes) section('####', analysis.codes);
    }
  }

  lines.push(`## ${escapeMarkdown(view.suppressed.heading)}`, '');
  // The anchor every ＊ legend links to; Markdown viewers differ in how they name headings.
  lines.push(`<a id="suppression"></a>`, '', `### ${escapeMarkdown(view.suppressed.rule.heading)}`, '');
  paragraph(view.suppressed.rule.text);
  paragraph(view.suppressed.intro);
  if (view.suppressed.table) table(view.suppressed.table);

  lines.push('---', '', escapeMarkdown(view.footer), '');
  return lines.join('\n');
}

function markdownTable(table: Table): string[] {
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [row(table.columns), `|${table.numeric.map((numeric) => (numeric ? ' ---: ' : ' --- ')).join('|')}|`, ...table.rows.map(row)];
}

/** The needs table with a bar of the share drawn in block characters after the share column. */
function withBars(table: Table, shares: number[]): Table {
  const bar = (share: number) => {
    const eighths = Math.round(share * 20 * 8);
    return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 > 0 ? '▏▎▍▌▋▊▉'[(eighths % 8) - 1] : '');
  };
  const at = 4;
  return {
    columns: [...table.columns.slice(0, at), '', ...table.columns.slice(at)],
    numeric: [...table.numeric.slice(0, at), false, ...table.numeric.slice(at)],
    rows: table.rows.map((cells, i) => [...cells.slice(0, at), bar(shares[i]), ...cells.slice(at)]),
  };
}

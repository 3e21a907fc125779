/**
 * A report's labels in one language (issue 26): the analysis wrote its labels in the language it was
 * run in, but the rendered report speaks the language the reader asked for. Wherever the definitions
 * have the text in that language, it replaces the report's; elsewhere the report's own label stays.
 */
import type { AnswerValue, Report, ValueLabel } from '../../contracts/report.ts';
import type { LabelIndex } from '../definitions/create-label-index.ts';

export function localizeReport(report: Report, labels: LabelIndex, locale: string, columnTitle?: (question: string, column: string) => string | undefined): Report {
  const question = (name: string, label: string) => labels.exactQuestion(name, locale) ?? label;
  const value = (name: string, answer: AnswerValue, label: string) => labels.exactValue(name, answer, locale) ?? label;
  const row = (name: string, code: string, label: string) => labels.exactRow(name, code, locale) ?? label;
  const columnLabel = (name: string, column: string, label: string) => {
    const title = labels.exactQuestion(name, locale);
    const columnText = columnTitle?.(name, column);
    return title !== undefined && columnText !== undefined ? `${title} — ${columnText}` : label;
  };
  const values = <T extends ValueLabel>(name: string, list: T[]): T[] => list.map((item) => ({ ...item, label: value(name, item.value, item.label) }));
  return {
    ...report,
    overview: report.overview && { ...report.overview, byWard: report.overview.byWard.map((ward) => ({ ...ward, label: value('ward', ward.value, ward.label) })) },
    summaries: report.summaries?.map((summary) => ({
      ...summary,
      // A matrixdropdown column's summary is 「設問 — 列」 (issue 25): both parts in the reader's language where the definition has them.
      label: summary.column !== undefined ? columnLabel(summary.question, summary.column, summary.label) : question(summary.question, summary.label),
      items: summary.items && values(summary.question, summary.items),
      rows: summary.rows?.map((entry) => ({ ...entry, label: row(summary.question, entry.row, entry.label), items: values(summary.question, entry.items) })),
      ranks: summary.ranks && values(summary.question, summary.ranks),
    })),
    breakdowns: report.breakdowns?.map((breakdown) => ({ ...breakdown, label: question(breakdown.by, breakdown.label), groups: values(breakdown.by, breakdown.groups) })),
    crosstabs: report.crosstabs?.map((crosstab) => ({
      ...crosstab,
      label: question(crosstab.question, crosstab.label),
      ...(crosstab.row !== undefined ? { rowLabel: row(crosstab.question, crosstab.row, crosstab.rowLabel ?? crosstab.row) } : {}),
      byLabel: question(crosstab.by, crosstab.byLabel),
      values: values(crosstab.question, crosstab.values),
      groups: values(crosstab.by, crosstab.groups),
    })),
    means: report.means?.map((entry) => ({
      ...entry,
      label: question(entry.question, entry.label),
      ...(entry.row !== undefined ? { rowLabel: row(entry.question, entry.row, entry.rowLabel ?? entry.row) } : {}),
      byLabel: question(entry.by, entry.byLabel),
      groups: values(entry.by, entry.groups),
    })),
    needs: report.needs.map((need) => ({ ...need, label: question(need.question, need.label), items: values(need.question, need.items) })),
    gaps:
      report.gaps.by === null
        ? report.gaps
        : {
            ...report.gaps,
            label: question(report.gaps.by, report.gaps.label ?? report.gaps.by),
            groups: values(report.gaps.by, report.gaps.groups),
            items: report.gaps.items.map((item) => ({
              ...item,
              groups: values(report.gaps.by!, item.groups).map((group) => ({ ...group, distribution: group.distribution && values(item.question, group.distribution) })),
            })),
          },
    comments: report.comments.map((comment) => ({ ...comment, label: question(comment.question, comment.label) })),
    // 自由記述 (issue 27): the question and the breakdown named in the report's language (the words are the respondents').
    ...(report.text
      ? { text: report.text.map((entry) => ({ ...entry, label: question(entry.question, entry.label), ...(entry.by !== undefined ? { byLabel: question(entry.by, entry.byLabel ?? entry.by) } : {}) })) }
      : {}),
    // 効果検証 (issue 28): each figure's question, row and option, and the pilot group, in the report's language.
    ...(report.effects
      ? {
          effects: report.effects.map((effect) => ({
            ...effect,
            label: question(effect.question, effect.label),
            ...(effect.row !== undefined ? { rowLabel: row(effect.question, effect.row, effect.rowLabel ?? effect.row) } : {}),
            ...(effect.option !== undefined ? { optionLabel: value(effect.question, effect.option, effect.optionLabel ?? String(effect.option)) } : {}),
          })),
        }
      : {}),
    ...(report.effectComparison?.pilot
      ? {
          effectComparison: {
            ...report.effectComparison,
            pilot: {
              ...report.effectComparison.pilot,
              label: question(report.effectComparison.pilot.variable, report.effectComparison.pilot.label),
              values: values(report.effectComparison.pilot.variable, report.effectComparison.pilot.values),
            },
          },
        }
      : {}),
  };
}

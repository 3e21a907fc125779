/**
 * One クロス集計 as CSV, for the dashboard's download: its title, breakdown and weighting (with the margins
 * file's name and SHA-256 when weighted, issue 30), then the table as the cross-tab view shows it
 * (全体 and the groups as rows, n, the share of each answer in % with its mark in the next column,
 * ＊ for a hidden number), then the test line and the notes. UTF-8 with a BOM and every cell through
 * the export guard, as the responses' CSV (server/export/write-csv.ts).
 */
import type { Crosstab, CrosstabCell, Report } from '../../contracts/report.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { crosstabTitle } from '../../core/report-view/crosstab-title.ts';
import { describeCrosstabTest, fillText, tabulationTexts } from '../../core/report-view/tabulation-texts.ts';
import type { CellValue } from '../export/build-export-columns.ts';
import { csvLine, UTF8_BOM } from '../export/write-csv.ts';
import { workbookTexts } from './workbook-texts.ts';
import { formatNumber } from '../../core/i18n/number-format.ts';

export function writeCrosstabCsv(report: Report, crosstab: Crosstab, locale: Locale): string {
  const t = tabulationTexts(locale);
  const w = workbookTexts(locale);
  const weighting = report.weighting
    ? fillText(t.weightingRaked, { variables: report.weighting.variables.join(', '), effectiveN: formatNumber(report.weighting.effectiveN, locale, 1) })
    : t.weightingNone;
  const rows: CellValue[][] = [
    [crosstabTitle(crosstab)],
    [fillText(w.byHeading, { by: crosstab.byLabel })],
    // Whether the shares are weighted, and to which margins file (issue 30).
    [`${t.weighting}${w.factSeparator}${weighting}`],
    ...(report.weighting?.source ? [[`${w.marginsFile}${w.factSeparator}${fillText(w.marginsSource, { file: report.weighting.source.file, sha256: report.weighting.source.sha256 })}`]] : []),
    [t.group, t.n, ...crosstab.values.flatMap((value) => [`${value.label} (%)`, `${value.label} ▲▽`])],
  ];
  // Percent with one decimal, as the dashboard shows it; a number, so Excel can compute with it.
  // A hidden cell is ＊ and nothing else; an empty cell of a hidden group is still 0.
  const shares = (cells: CrosstabCell[]) =>
    crosstab.values.flatMap((value, k): CellValue[] => {
      const cell = cells.find((candidate) => candidate.value === value.value) ?? cells[k];
      if (!cell || cell.count === null) return [t.hidden, ''];
      const share = cell.share ?? (cell.count === 0 ? 0 : null);
      return share === null ? [t.hidden, ''] : [Math.round(share * 1000) / 10, cell.mark];
    });
  // Reports written before issue 26 have no 全体 row.
  if (crosstab.total) rows.push([t.total, crosstab.total.n ?? t.hidden, ...shares(crosstab.total.cells)]);
  for (const group of crosstab.groups) rows.push([group.label, group.n ?? t.hidden, ...shares(group.cells ?? [])]);
  rows.push([]);
  if (crosstab.kind === 'single') rows.push([describeCrosstabTest(crosstab.test, locale)]);
  else {
    crosstab.optionTests?.forEach((test, k) => rows.push([`${crosstab.values[k].label}: ${describeCrosstabTest(test, locale)}`]));
    rows.push([t.chosenNote]);
  }
  const rowsOf = [...(crosstab.total ? [crosstab.total] : []), ...crosstab.groups];
  if (rowsOf.some((row) => row.n === null || (row.cells ?? []).some((cell) => cell.count === null))) {
    rows.push([workbookTexts(locale).hiddenLegend]);
    rows.push([fillText(t.suppressionRule, { min: report.minGroupSize, min_1: report.minGroupSize - 1 })]);
  }
  rows.push([t.marksNote]);
  return UTF8_BOM + rows.map(csvLine).join('');
}

/** The cross-tab `crosstab=<question>[.<row>]&by=<breakdown>` names, or a message listing what there is. */
export function findCrosstab(report: Report, name: string, by: string): Crosstab | string {
  const crosstabs = report.crosstabs ?? [];
  const breakdowns = (report.breakdowns ?? []).map((breakdown) => breakdown.by);
  if (!breakdowns.includes(by)) return `by must be one of the report's breakdowns (${breakdowns.join(', ')}); got ${JSON.stringify(by)}`;
  const found = crosstabs.find((c) => c.by === by && (c.row === undefined ? c.question === name : `${c.question}.${c.row}` === name));
  return found ?? `no cross-tab of ${JSON.stringify(name)} by ${JSON.stringify(by)}; give a question (a matrix row as question.row) the report tabulates`;
}

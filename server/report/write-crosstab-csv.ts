/**
 * One クロス集計 as CSV, for the dashboard's download: the table as the cross-tab view shows it
 * (groups as rows, n, the share of each answer in % with its mark in the next column), then the
 * test line and the notes. UTF-8 with a BOM and every cell through the export guard, as the
 * responses' CSV (server/export/write-csv.ts).
 */
import type { Crosstab, Report } from '../../contracts/report.ts';
import type { Locale } from '../../core/i18n/locale.ts';
import { crosstabTitle } from '../../core/report-view/crosstab-title.ts';
import { describeCrosstabTest, fillText, tabulationTexts } from '../../core/report-view/tabulation-texts.ts';
import type { CellValue } from '../export/build-export-columns.ts';
import { csvLine, UTF8_BOM } from '../export/write-csv.ts';

export function writeCrosstabCsv(report: Report, crosstab: Crosstab, locale: Locale): string {
  const t = tabulationTexts(locale);
  const rows: CellValue[][] = [
    [crosstabTitle(crosstab)],
    [`${t.group}: ${crosstab.byLabel}`],
    [t.group, t.n, ...crosstab.values.flatMap((value) => [`${value.label} (%)`, `${value.label} ▲▽`])],
  ];
  for (const group of crosstab.groups) {
    if (!group.cells || group.n === null) {
      rows.push([group.label, t.hidden, ...crosstab.values.flatMap(() => [t.hidden, ''])]);
      continue;
    }
    rows.push([
      group.label,
      group.n,
      ...crosstab.values.flatMap((value) => {
        const cell = group.cells!.find((candidate) => candidate.value === value.value);
        // Percent with one decimal, as the dashboard shows it; a number, so Excel can compute with it.
        if (cell && cell.count === null) return ['＊', ''];
        return [cell?.share === null || cell === undefined ? '' : Math.round(cell.share * 1000) / 10, cell?.mark ?? ''];
      }),
    ]);
  }
  rows.push([]);
  if (crosstab.kind === 'single') rows.push([describeCrosstabTest(crosstab.test, locale)]);
  else {
    crosstab.optionTests?.forEach((test, k) => rows.push([`${crosstab.values[k].label}: ${describeCrosstabTest(test, locale)}`]));
    rows.push([t.chosenNote]);
  }
  if (crosstab.groups.some((group) => group.n === null || group.cells.some((cell) => cell.count === null))) rows.push([fillText(t.hiddenNote, { min: report.minGroupSize })]);
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

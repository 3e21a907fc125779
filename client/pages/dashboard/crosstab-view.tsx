/**
 * 「クロス集計」: one question (or matrix row) by one breakdown, as the report gives it — groups as
 * rows, n, each answer's share with its ▲▽ mark, the test line, hidden groups as ＊ — with a
 * 100 %-stacked bar per group and the CSV / Excel downloads of the same table.
 */
import { useState } from 'react';
import type { Crosstab, CrosstabCell, Report } from '../../../contracts/report.ts';
import { formatCount, formatPercent } from '../../../core/i18n/number-format.ts';
import { crosstabTitle } from '../../../core/report-view/crosstab-title.ts';
import { describeCrosstabTest, fillText, tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { describeCrosstabChart, describeCrosstabOptionsChart } from '../../../core/report-view/describe-charts.ts';
import { crosstabCsvUrl, reportUrl } from './dashboard-api.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { SuppressionRule } from './suppression-rule.tsx';
import { TableChart } from './table-chart.tsx';

/** A cross-tab's key in the question picker: the question, or question.row for a matrix row. */
const keyOf = (crosstab: Pick<Crosstab, 'question' | 'row'>) => (crosstab.row === undefined ? crosstab.question : `${crosstab.question}.${crosstab.row}`);

export function CrosstabView(props: { report: Report; surveyId: string; query: string; locale: DashboardLocale; texts: DashboardTexts }) {
  const { report, locale, texts } = props;
  const crosstabs = report.crosstabs ?? [];
  const breakdowns = report.breakdowns ?? [];
  const [by, setBy] = useState<string | undefined>(breakdowns[0]?.by);
  const [picked, setPicked] = useState<string | undefined>();
  // Undefined: the layout that fits (transposed when there are more answers than groups).
  const [transpose, setTranspose] = useState<boolean | undefined>();
  const breakdown = breakdowns.find((candidate) => candidate.by === by) ?? breakdowns[0];
  const choices = crosstabs.filter((crosstab) => crosstab.by === breakdown?.by);
  const crosstab = choices.find((candidate) => keyOf(candidate) === picked) ?? choices[0];
  if (!breakdown || !crosstab) return <p className="chart-card__empty">{texts.noCrosstabs}</p>;
  const words = tabulationTexts(locale);
  const chart = crosstab.kind === 'multiple' ? describeCrosstabOptionsChart(crosstab, locale) : describeCrosstabChart(crosstab, locale, { total: true, ordered: report.summaries?.find((summary) => summary.question === crosstab.question)?.ordered });
  const hidden = crosstabHides(crosstab);
  const transposed = transpose ?? shouldTranspose(crosstab);
  return (
    <section className="chart-card chart-card--wide table-view" data-testid="crosstab-view" aria-labelledby="crosstab-view-title">
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id="crosstab-view-title" className="chart-card__title">
            {crosstabTitle(crosstab)}
          </h2>
          <div className="chart-card__subtitle">
            <span>
              {texts.breakdown}: {crosstab.byLabel}
            </span>
          </div>
        </div>
        <div className="chart-card__controls">
          <div className="inline-select inline-select--wide">
            <label htmlFor="crosstab-question">{texts.question}</label>
            <select id="crosstab-question" value={keyOf(crosstab)} onChange={(event) => setPicked(event.target.value)}>
              {choices.map((candidate) => (
                <option key={keyOf(candidate)} value={keyOf(candidate)}>
                  {crosstabTitle(candidate)}
                </option>
              ))}
            </select>
          </div>
          <div className="inline-select">
            <label htmlFor="crosstab-by">{texts.breakdown}</label>
            <select id="crosstab-by" value={breakdown.by} onChange={(event) => setBy(event.target.value)}>
              {breakdowns.map((candidate) => (
                <option key={candidate.by} value={candidate.by}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="analyst-button analyst-button--quiet" aria-pressed={transposed} onClick={() => setTranspose(!transposed)} data-testid="crosstab-transpose">
            {texts.transposeTable}
          </button>
          <a className="analyst-button" href={crosstabCsvUrl(props.surveyId, props.query, crosstab, locale)} download data-testid="crosstab-csv">
            {texts.csv}
          </a>
          <a className="analyst-button" href={reportUrl(props.surveyId, props.query, 'xlsx', { locale })} download data-testid="crosstab-xlsx">
            {texts.xlsx}
          </a>
        </div>
      </header>
      <div className="table-view__body">
        <div className="table-view__main">
          {/* Scrolls sideways inside the card when wider than it, the group column staying in view. */}
          <div className="table-view__scroll" tabIndex={0} role="region" aria-labelledby="crosstab-view-title" data-testid="table-scroll">
            <CrosstabTable crosstab={crosstab} locale={locale} transposed={transposed} />
          </div>
          <div className="crosstab-notes">
            {crosstab.kind === 'single' ? (
              <p data-testid="crosstab-test">{describeCrosstabTest(crosstab.test, locale)}</p>
            ) : (
              <>
                <ul data-testid="crosstab-test">
                  {crosstab.optionTests?.map((test, k) => (
                    <li key={k}>
                      {crosstab.values[k].label}: {describeCrosstabTest(test, locale)}
                    </li>
                  ))}
                </ul>
                <p>{words.chosenNote}</p>
              </>
            )}
            <p data-testid="marks-legend">{words.marksNote}</p>
            {hidden && <p data-testid="hidden-note">{fillText(words.hiddenNote, { min: report.minGroupSize })}</p>}
            {fewerGroups(crosstab, locale) && <p data-testid="fewer-note">{texts.fewerGroupsNote(report.minGroupSize, fewerGroups(crosstab, locale)!)}</p>}
            {hidden && <SuppressionRule minGroupSize={report.minGroupSize} locale={locale} />}
          </div>
        </div>
        {chart && <TableChart chart={chart} label={crosstabTitle(crosstab)} testId="crosstab-chart" />}
      </div>
    </section>
  );
}

/** The groups the 「その他（少数）」 row adds up, named, or undefined when there is no such row. */
function fewerGroups(crosstab: Crosstab, locale: DashboardLocale): string | undefined {
  const members = crosstab.groups.flatMap((group) => group.members ?? []);
  if (members.length === 0) return undefined;
  return members.map((value) => crosstab.groups.find((group) => group.value === value)?.label ?? String(value)).join(locale === 'ja' ? '、' : ', ');
}

/** Whether any number of the cross-tab is hidden (its ＊ legend and the rule are then shown). */
export function crosstabHides(crosstab: Crosstab): boolean {
  const rows = [...crosstab.groups, ...(crosstab.total ? [crosstab.total] : [])];
  return rows.some((row) => row.n === null || row.cells.some((cell) => cell.count === null || cell.share === null));
}

/**
 * A cell as the table shows it: ＊ when hidden, never a number; a count of 0 in a hidden group is
 * shown (nobody is singled out by it), as a share when the group has one.
 */
function cellText(cell: CrosstabCell | undefined, locale: DashboardLocale): string {
  const words = tabulationTexts(locale);
  if (!cell || cell.count === null) return words.hidden;
  if (cell.share !== null) return formatPercent(cell.share, locale);
  return cell.count === 0 ? formatCount(0, locale) : words.hidden;
}

/**
 * Answers as rows and groups as columns when there are more answers than groups: a 12-option
 * question by 6 groups is then 7 columns that fit, not 13 that do not.
 */
export function shouldTranspose(crosstab: Crosstab): boolean {
  return crosstab.values.length > crosstab.groups.length + 1;
}

/**
 * Groups as rows, 全体 first, n, then each answer's share with its ▲▽ mark; hidden cells ＊.
 * Transposed: the answers as rows, 全体 and each group (with its n) as columns.
 */
export function CrosstabTable({ crosstab, locale, transposed = false }: { crosstab: Crosstab; locale: DashboardLocale; transposed?: boolean }) {
  const words = tabulationTexts(locale);
  const total = crosstab.total;
  const cellOf = (row: { cells: CrosstabCell[] }, value: Crosstab['values'][number]) => row.cells.find((candidate) => candidate.value === value.value);
  const markedCell = (cell: CrosstabCell | undefined, key: string, value: string, group?: string) => {
    const mark = cell && cell.count !== null ? cell.mark : '';
    return (
      <td key={key} className={`num${mark ? ` mark mark--${mark.startsWith('▲') ? 'up' : 'down'}` : ''}`} data-value={value} data-group={group}>
        {cellText(cell, locale)}
        {mark && <span className="mark__sign"> {mark}</span>}
      </td>
    );
  };
  if (transposed) {
    return (
      <table className="data-table crosstab-table crosstab-table--transposed" data-testid="crosstab-table" data-transposed="true">
        <thead>
          <tr>
            <th scope="col">{crosstab.label}</th>
            {total && (
              <th scope="col" className="num wrap total-column">
                {words.total}
                <br />
                {words.n} = {total.n === null ? words.hidden : formatCount(total.n, locale)}
              </th>
            )}
            {crosstab.groups.map((group) => (
              <th scope="col" key={String(group.value)} className="num wrap" data-group={String(group.value)}>
                {group.label}
                <br />
                {words.n} = {group.n === null ? words.hidden : formatCount(group.n, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {crosstab.values.map((value) => (
            <tr key={String(value.value)} data-value={String(value.value)}>
              <th scope="row">{value.label}</th>
              {total && (
                <td className="num total-column" data-testid="total-cell">
                  {cellText(cellOf(total, value), locale)}
                </td>
              )}
              {crosstab.groups.map((group) => markedCell(cellOf(group, value), String(group.value), String(value.value), String(group.value)))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <table className="data-table crosstab-table" data-testid="crosstab-table">
      <thead>
        <tr>
          <th scope="col">{crosstab.byLabel}</th>
          <th scope="col" className="num">{words.n}</th>
          {crosstab.values.map((value) => (
            <th scope="col" key={String(value.value)} className="num wrap">
              {value.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {total && (
          <tr className="total-row" data-testid="total-row">
            <th scope="row">{words.total}</th>
            <td className="num">{total.n === null ? words.hidden : formatCount(total.n, locale)}</td>
            {crosstab.values.map((value) => (
              <td key={String(value.value)} className="num" data-value={String(value.value)}>
                {cellText(cellOf(total, value), locale)}
              </td>
            ))}
          </tr>
        )}
        {crosstab.groups.map((group) => (
          <tr key={String(group.value)} data-group={String(group.value)} className={group.members ? 'fewer' : undefined}>
            <th scope="row">{group.label}</th>
            <td className="num">{group.n === null ? words.hidden : formatCount(group.n, locale)}</td>
            {crosstab.values.map((value) => markedCell(cellOf(group, value), String(value.value), String(value.value)))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

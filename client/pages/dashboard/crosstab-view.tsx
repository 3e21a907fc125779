/**
 * 「クロス集計」: one question (or matrix row) by one breakdown, as the report gives it — groups as
 * rows, n, each answer's share with its ▲▽ mark, the test line, hidden groups as ＊ — with a
 * 100 %-stacked bar per group and the CSV / Excel downloads of the same table.
 */
import { useState } from 'react';
import type { Crosstab, Report } from '../../../contracts/report.ts';
import { formatCount, formatPercent } from '../../../core/i18n/number-format.ts';
import { crosstabTitle } from '../../../core/report-view/crosstab-title.ts';
import { describeCrosstabTest, fillText, tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { describeCrosstabChart } from '../../../core/report-view/describe-charts.ts';
import { crosstabCsvUrl, reportUrl } from './dashboard-api.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { TableChart } from './table-chart.tsx';

/** A cross-tab's key in the question picker: the question, or question.row for a matrix row. */
const keyOf = (crosstab: Pick<Crosstab, 'question' | 'row'>) => (crosstab.row === undefined ? crosstab.question : `${crosstab.question}.${crosstab.row}`);

export function CrosstabView(props: { report: Report; surveyId: string; query: string; locale: DashboardLocale; texts: DashboardTexts }) {
  const { report, locale, texts } = props;
  const crosstabs = report.crosstabs ?? [];
  const breakdowns = report.breakdowns ?? [];
  const [by, setBy] = useState<string | undefined>(breakdowns[0]?.by);
  const [picked, setPicked] = useState<string | undefined>();
  const breakdown = breakdowns.find((candidate) => candidate.by === by) ?? breakdowns[0];
  const choices = crosstabs.filter((crosstab) => crosstab.by === breakdown?.by);
  const crosstab = choices.find((candidate) => keyOf(candidate) === picked) ?? choices[0];
  if (!breakdown || !crosstab) return <p className="chart-card__empty">{texts.noCrosstabs}</p>;
  const words = tabulationTexts(locale);
  const chart = describeCrosstabChart(crosstab, locale);
  const hidden = crosstab.groups.some((group) => group.n === null || group.cells.some((cell) => cell.count === null));
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
          <a className="analyst-button" href={crosstabCsvUrl(props.surveyId, props.query, crosstab, locale)} download data-testid="crosstab-csv">
            {texts.csv}
          </a>
          <a className="analyst-button" href={reportUrl(props.surveyId, props.query, 'xlsx', { locale })} download data-testid="crosstab-xlsx">
            {texts.xlsx}
          </a>
        </div>
      </header>
      <div className="table-view__body">
        <div className="table-view__table">
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
              {crosstab.groups.map((group) => (
                <tr key={String(group.value)} data-group={String(group.value)}>
                  <th scope="row">{group.label}</th>
                  <td className="num">{group.n === null ? words.hidden : formatCount(group.n, locale)}</td>
                  {crosstab.values.map((value) => {
                    const cell = group.cells?.find((candidate) => candidate.value === value.value);
                    return (
                      <td key={String(value.value)} className={`num${cell?.mark ? ` mark mark--${cell.mark.startsWith('▲') ? 'up' : 'down'}` : ''}`} data-value={String(value.value)}>
                        {group.cells === null || !cell || cell.share === null ? words.hidden : formatPercent(cell.share, locale)}
                        {cell?.mark && <span className="mark__sign"> {cell.mark}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
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
          </div>
        </div>
        {chart && <TableChart chart={chart} label={crosstabTitle(crosstab)} testId="crosstab-chart" />}
      </div>
    </section>
  );
}

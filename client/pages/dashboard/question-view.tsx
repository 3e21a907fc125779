/**
 * 「設問別」: the 単純集計 of any question the analyst picks, as the report gives it (counts and
 * shares of every value; a matrix's rows with mean and top-two; a ranking's rank distribution;
 * a number's quartiles), its table beside its chart. Nothing is computed here.
 */
import { useState } from 'react';
import type { QuestionSummary, Report } from '../../../contracts/report.ts';
import { formatCount, formatNumber, formatPercent } from '../../../core/i18n/number-format.ts';
import { describeSummaryChart } from '../../../core/report-view/describe-charts.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { TableChart } from './table-chart.tsx';

export function QuestionView({ report, locale, texts }: { report: Report; locale: DashboardLocale; texts: DashboardTexts }) {
  const summaries = report.summaries ?? [];
  const [picked, setPicked] = useState<string | undefined>(summaries[0]?.question);
  const summary = summaries.find((candidate) => candidate.question === picked) ?? summaries[0];
  if (!summary) return <p className="chart-card__empty">{texts.noData}</p>;
  const chart = describeSummaryChart(summary, locale);
  return (
    <section className="chart-card chart-card--wide table-view" data-testid="question-view" aria-labelledby="question-view-title">
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id="question-view-title" className="chart-card__title">
            {summary.label}
            {summary.answered !== null && <span className="chart-card__n">n = {formatCount(summary.answered, locale)}</span>}
          </h2>
          <div className="chart-card__subtitle">
            {summary.answered !== null && <span>{texts.answeredN(formatCount(summary.answered, locale))}</span>}
            <span>{texts.noAnswerN(formatCount(summary.noAnswer, locale))}</span>
          </div>
        </div>
        <div className="chart-card__controls">
          <div className="inline-select inline-select--wide">
            <label htmlFor="question-picker">{texts.question}</label>
            <select id="question-picker" value={summary.question} onChange={(event) => setPicked(event.target.value)}>
              {summaries.map((candidate) => (
                <option key={candidate.question} value={candidate.question}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </header>
      {summary.notSummarised !== undefined ? (
        <p className="chart-card__empty" data-testid="not-summarised">
          {texts.notSummarised(summary.notSummarised)}
        </p>
      ) : summary.suppressed || summary.answered === null ? (
        <p className="chart-card__empty">{texts.questionHidden}</p>
      ) : (
        <div className="table-view__body">
          <div className="table-view__table">
            <SummaryTable summary={summary} locale={locale} texts={texts} />
          </div>
          {chart && <TableChart chart={chart} label={summary.label} testId="question-chart" />}
        </div>
      )}
    </section>
  );
}

function SummaryTable({ summary, locale, texts }: { summary: QuestionSummary; locale: DashboardLocale; texts: DashboardTexts }) {
  if (summary.rows?.length) {
    const values = summary.rows.find((row) => row.items.length > 0)?.items ?? [];
    return (
      <table className="data-table" data-testid="summary-table">
        <thead>
          <tr>
            <th scope="col">{texts.item}</th>
            <th scope="col" className="num">n</th>
            {values.map((value) => (
              <th scope="col" key={String(value.value)} className="num wrap">
                {value.label}
              </th>
            ))}
            {summary.ordered && <th scope="col" className="num">{texts.mean}</th>}
            {summary.ordered && <th scope="col" className="num">{texts.topTwo}</th>}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={`${row.row}|${row.column ?? ''}`}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.answered === null ? '＊' : formatCount(row.answered, locale)}</td>
              {values.map((value) => {
                const item = row.items.find((candidate) => candidate.value === value.value);
                return (
                  <td key={String(value.value)} className="num">
                    {row.suppressed || !item || item.share === null ? '＊' : formatPercent(item.share, locale)}
                  </td>
                );
              })}
              {summary.ordered && <td className="num">{typeof row.mean === 'number' ? formatNumber(row.mean, locale) : '—'}</td>}
              {summary.ordered && <td className="num">{typeof row.topTwo === 'number' ? formatPercent(row.topTwo, locale) : '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (summary.ranks?.length) {
    const positions = Math.max(...summary.ranks.map((rank) => rank.shares.length));
    return (
      <table className="data-table" data-testid="summary-table">
        <thead>
          <tr>
            <th scope="col">{texts.item}</th>
            {Array.from({ length: positions }, (_, k) => (
              <th scope="col" key={k} className="num">
                {texts.rankPosition(k + 1)}
              </th>
            ))}
            <th scope="col" className="num">{texts.meanRank}</th>
          </tr>
        </thead>
        <tbody>
          {summary.ranks.map((rank) => (
            <tr key={String(rank.value)}>
              <th scope="row">{rank.label}</th>
              {Array.from({ length: positions }, (_, k) => (
                <td key={k} className="num">{formatPercent(rank.shares[k] ?? 0, locale)}</td>
              ))}
              <td className="num">{typeof rank.meanRank === 'number' ? formatNumber(rank.meanRank, locale) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <table className="data-table" data-testid="summary-table">
      <thead>
        <tr>
          <th scope="col">{texts.value}</th>
          <th scope="col" className="num">{texts.count}</th>
          <th scope="col" className="num">{texts.percent}</th>
        </tr>
      </thead>
      <tbody>
        {(summary.items ?? []).map((item) => (
          <tr key={String(item.value)}>
            <th scope="row">{item.label}</th>
            <td className="num">{item.count === null ? '＊' : formatCount(item.count, locale)}</td>
            <td className="num">{item.share === null ? '＊' : formatPercent(item.share, locale)}</td>
          </tr>
        ))}
        {summary.histogram?.map((bin) => (
          <tr key={bin.from}>
            <th scope="row">
              {formatNumber(bin.from, locale, 0)}–{formatNumber(bin.to, locale, 0)}
            </th>
            <td className="num">{formatCount(bin.count, locale)}</td>
            <td className="num">{formatPercent(bin.share, locale)}</td>
          </tr>
        ))}
      </tbody>
      {(typeof summary.mean === 'number' || summary.numeric) && (
        <tfoot>
          {summary.numeric ? (
            (['mean', 'sd', 'min', 'q1', 'median', 'q3', 'max'] as const).map((key) => (
              <tr key={key}>
                <th scope="row">{texts.numeric[key]}</th>
                <td className="num" colSpan={2}>
                  {summary.numeric![key] === null ? '—' : formatNumber(summary.numeric![key]!, locale)}
                </td>
              </tr>
            ))
          ) : (
            <tr>
              <th scope="row">{texts.mean}</th>
              <td className="num" colSpan={2}>
                {formatNumber(summary.mean!, locale)}
                {typeof summary.topTwo === 'number' ? ` · ${texts.topTwo} ${formatPercent(summary.topTwo, locale)}` : ''}
              </td>
            </tr>
          )}
        </tfoot>
      )}
    </table>
  );
}

/**
 * 「設問別」: the 単純集計 of any question the analyst picks, as the report gives it (counts and
 * shares of every value; a matrix's rows with mean and top-two; a ranking's rank distribution;
 * a number's quartiles), its table beside its chart. Nothing is computed here.
 */
import { useState } from 'react';
import type { QuestionSummary, Report } from '../../../contracts/report.ts';
import { formatCount, formatNumber, formatPercent } from '../../../core/i18n/number-format.ts';
import { describeSummaryChart, rankPositions } from '../../../core/report-view/describe-charts.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { isAttachmentType } from '../../../core/definitions/attachment-types.ts';
import { AttachmentCountsView } from './attachment-counts-view.tsx';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { HiddenLegend } from './suppression-rule.tsx';
import { TableChart } from './table-chart.tsx';

/**
 * What to say for a question the analysis does not summarise, in the dashboard's words: the
 * analysis's `notSummarised` is an English note for the report's readers, not for this page.
 */
export function notSummarisedText(reason: string, type: string, texts: DashboardTexts): string {
  return type === 'comment' || type === 'text' || /^free text/i.test(reason) ? texts.notSummarisedFreeText : texts.notSummarisedOther;
}

/** Whether the summary hides any number (its ＊ legend and the rule are then shown). */
export function summaryHides(summary: QuestionSummary): boolean {
  return (
    !!summary.fewer ||
    (summary.items ?? []).some((item) => item.count === null || item.share === null) ||
    (summary.rows ?? []).some((row) => row.suppressed || row.answered === null || !!row.fewer || row.items.some((item) => item.share === null))
  );
}

/** The labels of the answers `fewer` adds up, in the report's language. */
function fewerMembers(summary: QuestionSummary, locale: DashboardLocale): string | undefined {
  const values = [summary.fewer, ...(summary.rows ?? []).map((row) => row.fewer)].flatMap((fewer) => fewer?.values ?? []);
  if (values.length === 0) return undefined;
  const items = [...(summary.items ?? []), ...(summary.rows ?? []).flatMap((row) => row.items)];
  const names = [...new Set(values.map((value) => items.find((item) => item.value === value)?.label ?? String(value)))];
  return names.join(locale === 'ja' ? '、' : ', ');
}

/**
 * `attachments`: where a signature or file question's counts come from (the survey, the filters' query string, and
 * reloadKey, changed when the dashboard loads everything again);
 * the report has none, since it never reads those answers (issue 22).
 */
export function QuestionView({ report, locale, texts, attachments }: { report: Report; locale: DashboardLocale; texts: DashboardTexts; attachments?: { surveyId: string; filterQuery: string; reloadKey?: number } }) {
  const summaries = report.summaries ?? [];
  const [picked, setPicked] = useState<string | undefined>(summaries[0]?.question);
  const summary = summaries.find((candidate) => candidate.question === picked) ?? summaries[0];
  if (!summary) return <p className="chart-card__empty">{texts.noData}</p>;
  const chart = describeSummaryChart(summary, locale);
  const attachment = isAttachmentType(summary.type);
  return (
    <section className="chart-card chart-card--wide table-view" data-testid="question-view" aria-labelledby="question-view-title">
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id="question-view-title" className="chart-card__title">
            {summary.label}
            {summary.answered !== null && <span className="chart-card__n">n = {formatCount(summary.answered, locale)}</span>}
          </h2>
          {/* An attachment question's report has no counts (answered null, no answer 0): its own table says them. */}
          {!attachment && <div className="chart-card__subtitle">
            {summary.answered !== null && <span>{texts.answeredN(formatCount(summary.answered, locale))}</span>}
            <span>{texts.noAnswerN(formatCount(summary.noAnswer, locale))}</span>
          </div>}
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
      {attachment && attachments ? (
        <AttachmentCountsView surveyId={attachments.surveyId} filterQuery={attachments.filterQuery} reloadKey={attachments.reloadKey} question={summary.question} locale={locale} />
      ) : summary.notSummarised !== undefined ? (
        <p className="chart-card__empty" data-testid="not-summarised">
          {notSummarisedText(summary.notSummarised, summary.type, texts)}
        </p>
      ) : summary.suppressed || summary.answered === null ? (
        <p className="chart-card__empty">{texts.questionHidden}</p>
      ) : (
        <div className="table-view__body">
          <div className="table-view__main">
            {/* Scrolls sideways inside the card when wider than it, its first column staying in view. */}
            <div className="table-view__scroll" tabIndex={0} role="region" aria-labelledby="question-view-title" data-testid="table-scroll">
              <SummaryTable summary={summary} locale={locale} texts={texts} />
            </div>
            {summaryHides(summary) && <HiddenLegend minGroupSize={report.minGroupSize} locale={locale} fewer={fewerMembers(summary, locale)} />}
          </div>
          {chart && <TableChart chart={chart} label={summary.label} testId="question-chart" />}
        </div>
      )}
    </section>
  );
}

function SummaryTable({ summary, locale, texts }: { summary: QuestionSummary; locale: DashboardLocale; texts: DashboardTexts }) {
  const words = tabulationTexts(locale);
  if (summary.rows?.length) {
    const values = summary.rows.find((row) => row.items.length > 0)?.items ?? [];
    const anyFewer = summary.rows.some((row) => row.fewer);
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
            {anyFewer && <th scope="col" className="num wrap fewer">{words.fewer}</th>}
            {summary.ordered && <th scope="col" className="num">{texts.mean}</th>}
            {summary.ordered && <th scope="col" className="num">{texts.topTwo}</th>}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.row}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.answered === null ? words.hidden : formatCount(row.answered, locale)}</td>
              {values.map((value) => {
                const item = row.items.find((candidate) => candidate.value === value.value);
                return (
                  <td key={String(value.value)} className="num">
                    {row.suppressed || !item || item.share === null ? words.hidden : formatPercent(item.share, locale)}
                  </td>
                );
              })}
              {anyFewer && <td className="num fewer">{row.fewer && !row.suppressed ? formatPercent(row.fewer.share, locale) : '—'}</td>}
              {summary.ordered && <td className="num">{typeof row.mean === 'number' ? formatNumber(row.mean, locale) : '—'}</td>}
              {summary.ordered && <td className="num">{typeof row.topTwo === 'number' ? formatPercent(row.topTwo, locale) : '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (summary.ranks?.length) {
    // A rank nobody could give (deeper than the question asks) gets no column.
    const positions = rankPositions(summary.ranks);
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
            <td className="num">{item.count === null ? words.hidden : formatCount(item.count, locale)}</td>
            <td className="num">{item.share === null ? words.hidden : formatPercent(item.share, locale)}</td>
          </tr>
        ))}
        {summary.fewer && (
          <tr className="fewer" data-testid="fewer-row">
            <th scope="row">{words.fewer}</th>
            <td className="num">{formatCount(summary.fewer.count, locale)}</td>
            <td className="num">{formatPercent(summary.fewer.share, locale)}</td>
          </tr>
        )}
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

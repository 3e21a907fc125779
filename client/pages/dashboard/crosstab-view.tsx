/**
 * 「クロス集計」: one question (or matrix row) by one breakdown, as the report gives it — groups as
 * rows, n, each answer's share with its ▲▽ mark, the test line, hidden groups as ＊ — with a
 * 100 %-stacked bar per group and the CSV / Excel downloads of the same table. Under it the
 * comparison of means (平均値の比較, issue 25) of the same question by the same breakdown, when the
 * report has one; a number question has no cross-tab, and its means are the view.
 * Any single-answer question can be the breakdown (issue 25): one the report does not break down
 * by is asked for (`onBreakdownMissing`), and the page fetches the report with it.
 */
import { useEffect, useState } from 'react';
import type { Breakdown, Crosstab, CrosstabCell, MeansByGroup, QuestionSummary, Report } from '../../../contracts/report.ts';
import { formatCount, formatPercent } from '../../../core/i18n/number-format.ts';
import { crosstabTitle } from '../../../core/report-view/crosstab-title.ts';
import { describeMeans } from '../../../core/report-view/describe-tabulation.ts';
import { describeCrosstabTest, fillText, tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { describeCrosstabChart, describeCrosstabOptionsChart } from '../../../core/report-view/describe-charts.ts';
import { crosstabCsvUrl, reportUrl } from './dashboard-api.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { SectionTable } from './section-table.tsx';
import { shortLabel } from './short-label.ts';
import { SuppressionRule } from './suppression-rule.tsx';
import { TableChart } from './table-chart.tsx';

/** A cross-tab's key in the question picker: the question, or question.row for a matrix row. */
const keyOf = (crosstab: Pick<Crosstab, 'question' | 'row'>) => (crosstab.row === undefined ? crosstab.question : `${crosstab.question}.${crosstab.row}`);

/** One entry of the question picker for a breakdown: a cross-tab, its means, or (a number question) means alone. */
export interface CrosstabChoice {
  key: string;
  title: string;
  crosstab?: Crosstab;
  means?: MeansByGroup;
}

/**
 * What can be shown by `by`: every cross-tab by it, with the comparison of means of the same
 * question (and row) when there is one, and the means of questions that have no cross-tab (numbers),
 * in survey order.
 */
export function crosstabChoices(report: Report, by: string): CrosstabChoice[] {
  const crosstabs = (report.crosstabs ?? []).filter((crosstab) => crosstab.by === by);
  const means = (report.means ?? []).filter((entry) => entry.by === by);
  const choices: CrosstabChoice[] = crosstabs.map((crosstab) => ({
    key: keyOf(crosstab),
    title: crosstabTitle(crosstab),
    crosstab,
    means: means.find((entry) => keyOf(entry) === keyOf(crosstab)),
  }));
  for (const entry of means) if (!choices.some((choice) => choice.key === keyOf(entry))) choices.push({ key: keyOf(entry), title: crosstabTitle(entry), means: entry });
  const order = new Map((report.summaries ?? []).map((summary, index) => [summary.question, index]));
  const position = (choice: CrosstabChoice) => order.get((choice.crosstab ?? choice.means)!.question) ?? Number.MAX_SAFE_INTEGER;
  // A stable sort: within a question, its rows keep the report's order.
  return choices.map((choice, index) => ({ choice, index })).sort((a, b) => position(a.choice) - position(b.choice) || a.index - b.index).map(({ choice }) => choice);
}

/** A question whose answers are one choice each (radio buttons, a dropdown, yes/no, a rating): a breakdown an analyst may pick. */
export function isSingleChoice(summary: QuestionSummary): boolean {
  return summary.items !== undefined && summary.column === undefined && summary.notSummarised === undefined && !['checkbox', 'tagbox', 'ranking'].includes(summary.type);
}

/**
 * The breakdowns offered: the report's own (the survey's segments, cohorts and meta variables),
 * then every other single-answer question, in survey order. One added on request (`option`) stays
 * among the other questions, so the list does not reorder when the report arrives with it.
 */
export function breakdownOptions(report: Report): { own: Array<{ by: string; label: string }>; other: Array<{ by: string; label: string }> } {
  const own = (report.breakdowns ?? []).filter((breakdown) => breakdown.source !== 'option').map(({ by, label }) => ({ by, label }));
  const other = (report.summaries ?? [])
    .filter((summary) => isSingleChoice(summary) && !own.some((breakdown) => breakdown.by === summary.question))
    .map((summary) => ({ by: summary.question, label: summary.label }));
  return { own, other };
}

/** What the analyst picked in the cross-tab view: a breakdown, and a question (question.row) by it. */
export interface CrosstabPick {
  by?: string;
  question?: string;
}

export interface CrosstabViewProps {
  report: Report;
  surveyId: string;
  query: string;
  locale: DashboardLocale;
  texts: DashboardTexts;
  /** The language downloads are asked for (undefined: the survey's own); `locale` is the page's words. */
  reportLocale?: string;
  /** The question the report was asked to break down by besides its own (the CSV asks for the same). */
  crosstabBy?: string;
  /** The breakdown shown is not one the report has: fetch the report with this one. */
  onBreakdownMissing?: (by: string) => void;
  /** The breakdown and question to open on (kept by the page: in its address, and across views). */
  pick?: CrosstabPick;
  onPick?: (pick: CrosstabPick) => void;
}

export function CrosstabView(props: CrosstabViewProps) {
  const { report, locale, texts } = props;
  const breakdowns: Breakdown[] = report.breakdowns ?? [];
  const options = breakdownOptions(report);
  const [by, setBy] = useState<string | undefined>(props.pick?.by ?? props.crosstabBy ?? breakdowns[0]?.by);
  const [picked, setPicked] = useState<string | undefined>(props.pick?.question);
  // Undefined: the layout that fits (transposed when there are more answers than groups).
  const [transpose, setTranspose] = useState<boolean | undefined>();
  // A breakdown nobody may pick (an old link's) falls back to the report's first.
  const offered = (name: string | undefined) => name !== undefined && [...options.own, ...options.other].some((option) => option.by === name);
  const chosenBy = offered(by) || breakdowns.some((candidate) => candidate.by === by) ? by : breakdowns[0]?.by;
  const breakdown = breakdowns.find((candidate) => candidate.by === chosenBy);
  const choices = breakdown ? crosstabChoices(report, breakdown.by) : [];
  const choice = choices.find((candidate) => candidate.key === picked) ?? choices[0];
  const { onBreakdownMissing } = props;
  // Opened on a breakdown the report lacks (a link, or the view shown again after a filter change): ask for it.
  useEffect(() => {
    if (chosenBy !== undefined && !breakdown) onBreakdownMissing?.(chosenBy);
  }, [chosenBy, breakdown, onBreakdownMissing]);
  const pickBreakdown = (next: string) => {
    setBy(next);
    props.onPick?.({ by: next, question: picked });
  };
  const pickQuestion = (next: string) => {
    setPicked(next);
    props.onPick?.({ by: chosenBy, question: next });
  };
  if (options.own.length + options.other.length === 0) return <p className="chart-card__empty">{texts.noCrosstabs}</p>;
  const words = tabulationTexts(locale);
  const crosstab = choice?.crosstab;
  const title = choice ? choice.title : texts.views.crosstabs;
  const byLabel = breakdown?.label ?? [...options.own, ...options.other].find((option) => option.by === chosenBy)?.label ?? '';
  const chart = crosstab && (crosstab.kind === 'multiple' ? describeCrosstabOptionsChart(crosstab, locale) : describeCrosstabChart(crosstab, locale, { total: true, ordered: report.summaries?.find((summary) => summary.question === crosstab.question)?.ordered }));
  const hidden = crosstab ? crosstabHides(crosstab) : false;
  const transposed = crosstab ? (transpose ?? shouldTranspose(crosstab)) : false;
  return (
    <section className="chart-card chart-card--wide table-view" data-testid="crosstab-view" aria-labelledby="crosstab-view-title">
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id="crosstab-view-title" className="chart-card__title">
            {title}
          </h2>
          <div className="chart-card__subtitle">
            <span>
              {texts.breakdown}: {byLabel}
            </span>
          </div>
        </div>
        <div className="chart-card__controls">
          <div className="inline-select inline-select--wide">
            <label htmlFor="crosstab-question">{texts.question}</label>
            <select id="crosstab-question" value={choice?.key ?? ''} disabled={!choice} onChange={(event) => pickQuestion(event.target.value)}>
              {choices.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.title}
                </option>
              ))}
            </select>
          </div>
          <div className="inline-select">
            <label htmlFor="crosstab-by">{texts.breakdown}</label>
            <select id="crosstab-by" value={chosenBy ?? ''} onChange={(event) => pickBreakdown(event.target.value)}>
              <optgroup label={texts.reportBreakdowns}>
                {options.own.map((option) => (
                  <option key={option.by} value={option.by}>
                    {shortLabel(option.label)}
                  </option>
                ))}
              </optgroup>
              {options.other.length > 0 && (
                <optgroup label={texts.otherQuestions}>
                  {options.other.map((option) => (
                    <option key={option.by} value={option.by}>
                      {shortLabel(option.label)}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          {crosstab && (
            <>
              <button type="button" className="analyst-button analyst-button--quiet" aria-pressed={transposed} onClick={() => setTranspose(!transposed)} data-testid="crosstab-transpose">
                {texts.transposeTable}
              </button>
              <a className="analyst-button" href={crosstabCsvUrl(props.surveyId, props.query, crosstab, props.reportLocale, props.crosstabBy)} download data-testid="crosstab-csv">
                {texts.csv}
              </a>
            </>
          )}
          <a className="analyst-button" href={reportUrl(props.surveyId, props.query, 'xlsx', { locale: props.reportLocale, crosstabBy: props.crosstabBy })} download data-testid="crosstab-xlsx">
            {texts.xlsx}
          </a>
        </div>
      </header>
      {!breakdown ? (
        <p className="dash-status" role="status" data-testid="crosstab-loading">
          {texts.loading}
        </p>
      ) : !choice ? (
        <p className="chart-card__empty">{texts.noCrosstabs}</p>
      ) : (
        <>
          {crosstab && (
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
          )}
          {choice.means && <MeansTable means={choice.means} report={report} locale={locale} texts={texts} alone={!crosstab} />}
        </>
      )}
    </section>
  );
}

/**
 * 平均値の比較 of one question by one breakdown: describeMeans (the printed report's table, 全体
 * first, hidden groups ＊) with its test line and notes. `alone`: it is the view (a number
 * question), not a section under a cross-tab.
 */
export function MeansTable({ means, report, locale, texts, alone = false }: { means: MeansByGroup; report: Report; locale: DashboardLocale; texts: DashboardTexts; alone?: boolean }) {
  const section = describeMeans(means, report, locale);
  const words = tabulationTexts(locale);
  const headingId = `means-${keyOf(means)}-${means.by}`.replace(/[^\w-]/g, '_');
  return (
    <section className={`means${alone ? ' means--alone' : ''}`} data-testid="means" aria-labelledby={headingId}>
      {/* Alone too: the heading says what the numbers are (a number question's view has nothing else to say it). */}
      <h3 id={headingId} className="means__title">
        {texts.meansHeading(words.meansPrefix)}
      </h3>
      <div className="means__body">
        <div className="table-view__scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
          <SectionTable table={section.table!} testId="means-table" totalFirst />
        </div>
        <div className="crosstab-notes">
          {section.footnotes?.map((note, k) => (
            <p key={k} data-testid={k === 0 ? 'means-test' : undefined}>
              {note}
            </p>
          ))}
          {section.table?.hides && <p data-testid="means-hidden-note">{fillText(words.hiddenNote, { min: report.minGroupSize })}</p>}
          {section.table?.hides && <SuppressionRule minGroupSize={report.minGroupSize} locale={locale} />}
        </div>
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

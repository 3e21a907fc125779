/**
 * 調査概要 at a glance (issue 25): under the survey's title, one line of what an analyst checks
 * first (fieldwork period, responses by channel, time to answer, response rate), and on request
 * every fact of the report's overview with the responses by ward. The facts and their words are
 * core's (overviewFacts, wardTable), as the printed report and the workbook give them.
 */
import type { Report } from '../../../contracts/report.ts';
import type { Table } from '../../../core/report-view/view-types.ts';
import { overviewFacts, wardTable } from '../../../core/report-view/describe-tabulation.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import type { DashboardLocale } from './dashboard-texts.ts';
import { SectionTable } from './section-table.tsx';
import { SuppressionRule } from './suppression-rule.tsx';

export function OverviewFacts({ report, locale }: { report: Report; locale: DashboardLocale }) {
  const words = tabulationTexts(locale);
  const facts = overviewFacts(report, locale);
  const wards = wardTable(report, locale);
  if (facts.length === 0 && !wards) return null;
  // The one line: what tells at a glance when, how and how fully the survey was answered.
  const glance = [words.period, words.byChannel, words.completion, words.responseRate];
  const brief = facts.filter(([label]) => glance.includes(label));
  // A count too small to show reads ＊ (a channel, a ward): its legend and the rule go with it.
  const hides = !!wards?.hides || facts.some(([, value]) => value.includes(words.hidden));
  return (
    <details className="overview-facts" data-testid="overview-facts">
      <summary>
        <span className="overview-facts__title">{words.overview}</span>
        <span className="overview-facts__brief">
          {brief.map(([label, value]) => (
            <span key={label} className="overview-facts__fact" data-testid="overview-brief-fact">
              <span className="overview-facts__label">{label}</span> {value}
            </span>
          ))}
        </span>
      </summary>
      <div className="overview-facts__body">
        <dl className="overview-facts__list" data-testid="overview-fact-list">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {wards && (
          <div className="overview-facts__wards">
            <div className="table-view__scroll" tabIndex={0} role="region" aria-label={words.byWard}>
              <SectionTable table={wardsAcross(wards)} testId="overview-ward-table" />
            </div>
          </div>
        )}
        {hides && (
          <div className="hidden-legend">
            <p>{words.hiddenLegend}</p>
            <SuppressionRule minGroupSize={report.minGroupSize} locale={locale} />
          </div>
        )}
      </div>
    </details>
  );
}

/**
 * The wards as columns, n (and population, response rate) as rows: ten wards side by side take two
 * lines beside the facts, where ten rows of one number each took a column as tall as the page.
 */
export function wardsAcross(table: Table): Table {
  return {
    columns: [table.columns[0], ...table.rows.map((row) => row[0])],
    numeric: [false, ...table.rows.map(() => true)],
    rows: table.columns.slice(1).map((column, k) => [column, ...table.rows.map((row) => row[k + 1])]),
    hides: table.hides,
  };
}

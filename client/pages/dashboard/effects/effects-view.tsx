/**
 * 「効果検証」 (issue 28, item 3): the analyst picks the split date and, if any, the pilot group (a segment
 * or meta variable such as ward, and its values), and sees what the report's 効果検証 section says: how
 * the responses split, the pre-trend warnings, a forest plot of the changes (or, with a pilot, the DiDs)
 * sorted by size with their 95% intervals, and every figure in a table (◆ at Holm-adjusted p < 0.05,
 * hidden figures ＊ with the reason), with what a DiD assumes and the suppression rule a click away.
 *
 * The numbers are the server's (GET …/report?compare=…&pilot=…, with the dashboard's filters); this view
 * asks for that report itself, so the other views never wait for the effects.
 *
 * The forest plot is drawn as SVG, one strip per figure beside its label, rather than with Chart.js: a
 * label of any length wraps in HTML at every width, and each strip carries its numbers as data-* for tests.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { Effect, Report } from '../../../../contracts/report.ts';
import { localizeText } from '../../../../core/definitions/localize-text.ts';
import type { SegmentVariable } from '../../../../core/definitions/segment-variables.ts';
import { formatCount, formatNumber } from '../../../../core/i18n/number-format.ts';
import { ApiCallError, fetchReport, NotLoggedInError } from '../dashboard-api.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import { SectionTable } from '../section-table.tsx';
import { shortLabel } from '../short-label.ts';
import { HiddenLegend } from '../suppression-rule.tsx';
import { effectsTable, forestRows, forestScale, formatEstimate, type ForestRow } from './describe-effects.ts';
import { effectsTexts } from './effects-texts.ts';
import { effectsTexts as sharedEffectsTexts } from '../../../../core/report-view/describe-effects.ts';

/** The view's choices, kept in the page's address (edate, epilot). */
export interface EffectsPick {
  date?: string;
  /** VARIABLE=v1,v2 as the server takes it; undefined: no pilot. */
  pilot?: string;
}

/** Figures in a forest plot before "show all": a screen's worth, the largest first. */
const FOREST_AT_FIRST = 12;

export interface EffectsViewProps {
  surveyId: string;
  /** The dashboard's filters as a query string. */
  query: string;
  locale: DashboardLocale;
  reportLocale: string | undefined;
  texts: DashboardTexts;
  segments: SegmentVariable[];
  /** The main report (for the fieldwork period, to propose a split date in its middle). */
  report: Report;
  pick: EffectsPick;
  onPick: (pick: EffectsPick) => void;
  onLoggedOut: () => void;
}

/** The middle day of the fieldwork (YYYY-MM-DD), a first guess at the split date. */
export function middleDate(period: { from: string; to: string } | null | undefined): string | undefined {
  if (!period) return undefined;
  const from = Date.parse(`${period.from.slice(0, 10)}T00:00:00Z`);
  const to = Date.parse(`${period.to.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  return new Date(from + Math.floor((to - from) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}

/** `ward=chuo,kita` → { variable: 'ward', values: ['chuo', 'kita'] }. */
export function splitPilot(pilot: string | undefined): { variable?: string; values: string[] } {
  if (!pilot) return { values: [] };
  const at = pilot.indexOf('=');
  if (at < 0) return { variable: pilot, values: [] };
  return { variable: pilot.slice(0, at), values: pilot.slice(at + 1).split(',').filter((value) => value !== '') };
}

export function EffectsView(props: EffectsViewProps) {
  const { surveyId, query, locale, reportLocale, texts, segments, pick, onPick, onLoggedOut } = props;
  const words = effectsTexts(locale);
  const date = pick.date ?? middleDate(props.report.overview?.period);
  const pilot = splitPilot(pick.pilot);
  // A pilot variable without a value is being chosen: ask for nothing until it has one.
  const pilotQuery = pilot.variable && pilot.values.length > 0 ? `${pilot.variable}=${pilot.values.join(',')}` : undefined;
  const [state, setState] = useState<{ report?: Report; error?: Error; busy: boolean }>({ busy: false });

  useEffect(() => {
    if (!date) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, busy: true, error: undefined }));
    fetchReport(surveyId, query, { locale: reportLocale, compare: date, pilot: pilotQuery }, controller.signal).then(
      (report) => setState({ report, busy: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setState((previous) => ({ ...previous, busy: false, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
  }, [surveyId, query, reportLocale, date, pilotQuery, onLoggedOut]);

  const pilotSegment = segments.find((segment) => segment.name === pilot.variable);
  const report = state.report;
  const comparison = report?.effectComparison;
  const effects = report?.effects ?? [];

  return (
    <section className="chart-card chart-card--wide effects-view" data-testid="effects-view" aria-labelledby="effects-title" aria-busy={state.busy}>
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id="effects-title" className="chart-card__title">
            {words.title}
          </h2>
          {comparison && (
            <div className="chart-card__subtitle" data-testid="effects-periods">
              <span>{words.periods(formatCount(comparison.before, locale), formatCount(comparison.after, locale), formatCount(comparison.undated, locale), comparison.date)}</span>
              {comparison.pilot && <span data-testid="effects-pilot">{words.pilotLine(comparison.pilot.label, comparison.pilot.values.map((value) => value.label).join(sharedEffectsTexts(locale).join))}</span>}
              <span>{comparison.weighted ? words.weighted : words.unweighted}</span>
            </div>
          )}
        </div>
        <div className="chart-card__controls effects-controls">
          <div className="inline-select">
            <label htmlFor="effects-date">{words.splitDate}</label>
            <input
              id="effects-date"
              type="date"
              value={date ?? ''}
              onChange={(event) => onPick({ ...pick, date: event.target.value || undefined })}
            />
          </div>
          <div className="inline-select">
            <label htmlFor="effects-pilot">{words.pilotVariable}</label>
            <select id="effects-pilot" value={pilot.variable ?? ''} onChange={(event) => onPick({ ...pick, pilot: event.target.value ? `${event.target.value}=` : undefined })}>
              <option value="">{words.noPilot}</option>
              {segments.map((segment) => (
                <option key={segment.name} value={segment.name}>
                  {shortLabel(localizeText(segment.title, locale, segment.name))}
                </option>
              ))}
            </select>
          </div>
        </div>
      </header>
      {pilotSegment && (
        <fieldset className="effects-pilot-values" data-testid="effects-pilot-values">
          <legend>{words.pilotValues}</legend>
          {pilotSegment.choices.map((choice) => {
            const checked = pilot.values.includes(choice.value);
            return (
              <label key={choice.value}>
                <input
                  type="checkbox"
                  value={choice.value}
                  checked={checked}
                  onChange={() => {
                    const values = checked ? pilot.values.filter((value) => value !== choice.value) : [...pilot.values, choice.value];
                    // In the definition's order, so the address and the server's answer do not depend on click order.
                    const ordered = pilotSegment.choices.map((each) => each.value).filter((value) => values.includes(value));
                    onPick({ ...pick, pilot: `${pilotSegment.name}=${ordered.join(',')}` });
                  }}
                />
                {localizeText(choice.text, locale, choice.value)}
              </label>
            );
          })}
          {pilot.values.length === 0 && <p className="effects-hint">{words.choosePilotValues}</p>}
        </fieldset>
      )}
      {!date ? (
        <p className="chart-card__empty">{words.chooseDate}</p>
      ) : state.error ? (
        <div className="dash-error" role="alert" data-testid="effects-error">
          <strong>{texts.loadFailed}</strong>: {state.error instanceof ApiCallError ? state.error.message : String(state.error.message)}
        </div>
      ) : !report || !comparison ? (
        <p className="dash-status" role="status">
          {words.loading}
        </p>
      ) : effects.length === 0 ? (
        <p className="chart-card__empty">{words.noEffects}</p>
      ) : (
        <EffectsBody report={report} effects={effects} locale={locale} />
      )}
    </section>
  );
}

function EffectsBody({ report, effects, locale }: { report: Report; effects: Effect[]; locale: DashboardLocale }) {
  const words = effectsTexts(locale);
  const comparison = report.effectComparison!;
  const did = comparison.pilot !== null;
  const table = useMemo(() => effectsTable(effects, comparison, report.minGroupSize, locale), [effects, comparison, report.minGroupSize, locale]);
  const tableId = useId();
  return (
    <div className="effects-body">
      {(comparison.warnings.length > 0 || comparison.preTrendSkipped) && (
        <div className="effects-warnings" data-testid="effects-warnings" role={comparison.warnings.length > 0 ? 'note' : undefined}>
          {comparison.warnings.length > 0 && (
            <>
              <h3>{words.warningsTitle}</h3>
              <ul>
                {comparison.warnings.map((warning, index) => (
                  <li key={index} data-testid="effects-warning">
                    {warning}
                  </li>
                ))}
              </ul>
              <p>{words.warningsNote}</p>
            </>
          )}
          {comparison.preTrendSkipped && <p data-testid="effects-pretrend-skipped">{words.preTrendSkipped(comparison.preTrendSkipped)}</p>}
        </div>
      )}
      {(['share', 'mean'] as const).map((measure) => {
        const rows = forestRows(effects, measure, did, locale);
        if (rows.length === 0) return null;
        return <Forest key={measure} measure={measure} rows={rows} did={did} locale={locale} />;
      })}
      <section className="effects-table" aria-labelledby={tableId}>
        <h3 id={tableId} className="means__title">
          {words.tableTitle}
        </h3>
        <div className="table-view__scroll" tabIndex={0} role="region" aria-labelledby={tableId}>
          <SectionTable table={table} testId="effects-table" caption={words.tableTitle} />
        </div>
        <p className="effects-legend">{sharedEffectsTexts(locale).markLegend}</p>
        {table.hides && <HiddenLegend minGroupSize={report.minGroupSize} locale={locale} />}
      </section>
      {did && (
        <details className="effects-assumptions" data-testid="effects-assumptions" open>
          <summary>{sharedEffectsTexts(locale).assumptionsHeading}</summary>
          <p>{sharedEffectsTexts(locale).assumptions}</p>
        </details>
      )}
    </div>
  );
}

function Forest({ measure, rows, did, locale }: { measure: Effect['measure']; rows: ForestRow[]; did: boolean; locale: DashboardLocale }) {
  const words = effectsTexts(locale);
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FOREST_AT_FIRST);
  // One scale for every row of the plot (all of them, so "show all" does not rescale what was shown).
  const scale = forestScale(rows);
  const x = (value: number) => ((value - scale.min) / (scale.max - scale.min)) * 100;
  const headingId = useId();
  const unit = measure === 'share' ? words.points : '';
  const format = (value: number) => formatEstimate(measure === 'share' ? value / 100 : value, measure, locale);
  return (
    <section className="forest" data-testid={`forest-${measure}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="means__title">
        {measure === 'share' ? words.forestShares : words.forestMeans}
        <span className="forest__what">{did ? words.forestDid : words.forestChange}</span>
      </h3>
      <ol className="forest__rows">
        {shown.map((row) => (
          <li
            key={row.key}
            className={`forest__row${row.marked ? ' forest__row--marked' : ''}`}
            data-testid="forest-row"
            data-key={row.key}
            data-estimate={row.estimate}
            data-low={row.low}
            data-high={row.high}
          >
            <span className="forest__label">
              {row.label}
              <span className="forest__context">{row.context}</span>
            </span>
            <svg className="forest__strip" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`${row.context} ${row.label}: ${format(row.estimate)} [${format(row.low)}, ${format(row.high)}]${unit ? ` ${unit}` : ''}`}>
              <line className="forest__zero" x1={x(0)} x2={x(0)} y1={0} y2={10} vectorEffect="non-scaling-stroke" />
              <line className="forest__interval" x1={x(row.low)} x2={x(row.high)} y1={5} y2={5} vectorEffect="non-scaling-stroke" />
              <rect className="forest__dot" x={x(row.estimate) - 0.8} y={2.5} width={1.6} height={5} />
            </svg>
            <span className="forest__value">
              {format(row.estimate)}
              {row.marked && <span className="forest__mark"> {sharedEffectsTexts(locale).mark}</span>}
            </span>
          </li>
        ))}
      </ol>
      <div className="forest__axis" aria-hidden="true">
        <span className="forest__label" />
        <span className="forest__ticks">
          {scale.ticks.map((tick) => (
            <span key={tick} style={{ left: `${x(tick)}%` }}>
              {formatTick(tick, locale)}
            </span>
          ))}
        </span>
        <span className="forest__value">{unit}</span>
      </div>
      <p className="effects-legend">{words.forestNote}</p>
      {rows.length > FOREST_AT_FIRST && (
        <button type="button" className="analyst-button analyst-button--quiet" aria-expanded={all} onClick={() => setAll(!all)} data-testid={`forest-${measure}-all`}>
          {all ? words.showTop(FOREST_AT_FIRST) : words.showAll(rows.length)}
        </button>
      )}
    </section>
  );
}

/** An axis tick, signed, with as few decimals as the step needs (the steps are 1, 2, 2.5 or 5 × 10ⁿ). */
function formatTick(value: number, locale: DashboardLocale): string {
  const digits = Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2;
  const text = formatNumber(Math.abs(value), locale, digits);
  return value === 0 ? text : `${value < 0 ? '−' : '+'}${text}`;
}

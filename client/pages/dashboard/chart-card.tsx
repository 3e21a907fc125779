/**
 * The frame every chart sits in: its title and what it shows, n, a switch to
 * the same numbers as a table (for screen readers, and for analysts who want
 * to copy them), and the note on groups hidden for being too small.
 */
import { useId, useState, type ReactNode } from 'react';
import type { DashboardTexts } from './dashboard-texts.ts';
import type { Suppression } from './report-shape.ts';

/** What a note needs of a hidden group: the report's and the timeline's entries both have it. */
type HiddenGroup = Pick<Suppression, 'where' | 'reason'>;

export interface ChartCardProps {
  title: string;
  subtitle?: ReactNode;
  /** Shown as "n = …" beside the title; already formatted. */
  n?: string;
  texts: DashboardTexts;
  /** Controls of this chart (e.g. split by channel / ward). */
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  suppressed?: HiddenGroup[];
  minGroupSize?: number;
  /** Instead of chart and table, when there is nothing to show. */
  empty?: string;
  wide?: boolean;
  testId?: string;
}

export function ChartCard(props: ChartCardProps) {
  const { texts } = props;
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <section className={`chart-card${props.wide ? ' chart-card--wide' : ''}`} aria-labelledby={headingId} data-testid={props.testId}>
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id={headingId} className="chart-card__title">
            {props.title}
            {props.n !== undefined && (
              <span className="chart-card__n" data-testid={props.testId ? `${props.testId}-n` : undefined}>
                n = {props.n}
              </span>
            )}
          </h2>
          {props.subtitle && <div className="chart-card__subtitle">{props.subtitle}</div>}
        </div>
        <div className="chart-card__controls">
          {props.controls}
          {!props.empty && (
            <button type="button" className="analyst-button analyst-button--quiet chart-card__toggle" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? texts.showChart : texts.showTable}
            </button>
          )}
        </div>
      </header>
      {props.empty ? <p className="chart-card__empty">{props.empty}</p> : asTable ? <div className="chart-card__table" tabIndex={0} role="region" aria-labelledby={headingId}>
          {props.table}
        </div> : props.chart}
      {props.suppressed && props.suppressed.length > 0 && (
        <SuppressedNote suppressed={props.suppressed} minGroupSize={props.minGroupSize} texts={texts} />
      )}
    </section>
  );
}

export function SuppressedNote({ suppressed, minGroupSize, texts }: { suppressed: HiddenGroup[]; minGroupSize?: number; texts: DashboardTexts }) {
  return (
    <details className="suppressed-note" data-testid="suppressed-note">
      <summary>
        <span className="suppressed-note__badge">{texts.suppressedCount(suppressed.length)}</span>
        {minGroupSize !== undefined ? texts.suppressedNote(minGroupSize) : null}
      </summary>
      <ul>
        {suppressed.map((entry, index) => (
          <li key={index}>
            <code>{entry.where}</code> — {texts.suppressedReason(entry.reason)}
          </li>
        ))}
      </ul>
    </details>
  );
}

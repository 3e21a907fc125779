/**
 * The frame every chart sits in: its title and what it shows, n, a switch to
 * the same numbers as a table (for screen readers, and for analysts who want
 * to copy them), and the note on groups hidden for being too small.
 */
import { useId, useState, type ReactNode } from 'react';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import type { Suppression } from './report-shape.ts';
import { SuppressionRule } from './suppression-rule.tsx';

/** What a note needs of a hidden group: the report's and the timeline's entries both have it (the timeline's without rule and label). */
export type HiddenGroup = Pick<Suppression, 'where' | 'reason'> & Partial<Pick<Suppression, 'rule' | 'label'>>;

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
  locale: DashboardLocale;
  /** Names a hidden entry that has no label of its own (the timeline's series). */
  nameHidden?: (entry: HiddenGroup) => string | undefined;
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
        <SuppressedNote suppressed={props.suppressed} minGroupSize={props.minGroupSize} texts={texts} locale={props.locale} nameHidden={props.nameHidden} />
      )}
    </section>
  );
}

export interface SuppressedNoteProps {
  suppressed: HiddenGroup[];
  minGroupSize?: number;
  texts: DashboardTexts;
  locale: DashboardLocale;
  nameHidden?: (entry: HiddenGroup) => string | undefined;
}

export function SuppressedNote({ suppressed, minGroupSize = 5, texts, locale, nameHidden }: SuppressedNoteProps) {
  return (
    <div className="suppressed-note" data-testid="suppressed-note">
      <details>
        <summary>
          <span className="suppressed-note__badge">{texts.suppressedCount(suppressed.length)}</span>
          {texts.suppressedNote(minGroupSize)}
        </summary>
        <ul>
          {suppressed.map((entry, index) => (
            <li key={index}>
              {nameHidden?.(entry) ?? entry.label ?? entry.where} — {texts.suppressedReasons[hiddenBecause(entry)](minGroupSize)}
            </li>
          ))}
        </ul>
      </details>
      <SuppressionRule minGroupSize={minGroupSize} locale={locale} />
    </div>
  );
}

/**
 * Why an entry is hidden, in the dashboard's words: the report's entries say it in `rule`; the
 * timeline's carry only the analysis's English reason, whose wording they are told apart by.
 */
export function hiddenBecause(entry: HiddenGroup): HiddenReason {
  if (entry.rule) return entry.rule;
  if (/^the selection/i.test(entry.reason)) return 'selection';
  // The timeline adds a small series up with the next-smallest rather than dropping both.
  if (/^counted with/i.test(entry.reason)) return 'merged';
  if (/counted with others/i.test(entry.reason)) return 'smallMerged';
  if (/^hidden so/i.test(entry.reason)) return 'complementary';
  return 'small';
}

export type HiddenReason = 'small' | 'complementary' | 'selection' | 'smallMerged' | 'merged';

/**
 * The filters: period, channel and every segment the definition declares.
 * Each change rewrites the URL and makes the server rebuild the report; the
 * page announces "updating" politely while it does.
 */
import { useState, type ReactNode } from 'react';
import { countActiveFilters, NO_FILTERS, type DashboardFilters } from './dashboard-filters.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import type { SegmentVariable } from '../../../core/definitions/segment-variables.ts';
import { channelName } from './channel-name.ts';
import { chooseProminentSegments } from './choose-prominent-segments.ts';
import { localizeText } from '../../../core/definitions/localize-text.ts';
import './weights.css';
import { testMarkingsTexts } from './test-markings-texts.ts';

export interface FilterBarProps {
  filters: DashboardFilters;
  segments: SegmentVariable[];
  locale: DashboardLocale;
  texts: DashboardTexts;
  busy: boolean;
  onChange: (filters: DashboardFilters) => void;
  /** The 「重み付け」 switch (issue 30): shown when the survey has margins; admins also get the margins panel. */
  weighting?: WeightingControl;
  /** The panel where test data is marked (issue 30), opened by a button in the bar. */
  testMarkingsPanel?: (close: () => void) => ReactNode;
}

export interface WeightingControl {
  /** The survey's margins file, when it has one: the switch is shown only then. */
  file: string | null;
  on: boolean;
  onToggle: (on: boolean) => void;
  /** An admin's margins panel (upload), opened by a button beside the switch; none for analysts. */
  panel?: (close: () => void) => ReactNode;
}

/** Segments in the bar itself; the others open below it, so the bar stays one row at 1366 px. */
const SEGMENTS_IN_BAR = 3;

export function FilterBar({ filters, segments, locale, texts, busy, onChange, weighting, testMarkingsPanel }: FilterBarProps) {
  const active = countActiveFilters(filters);
  const prominent = chooseProminentSegments(segments, SEGMENTS_IN_BAR);
  const more = segments.filter((segment) => !prominent.includes(segment));
  const activeInMore = more.filter((segment) => filters.segments[segment.name]).length;
  const [showMore, setShowMore] = useState(activeInMore > 0);
  // One admin panel open at a time: each is a wide row under the bar, and two would push the views off the screen.
  const [openPanel, setOpenPanel] = useState<'marks' | 'margins'>();
  const testTexts = testMarkingsTexts(locale);
  const panels: { id: 'marks' | 'margins'; button: string; render: (close: () => void) => ReactNode }[] = [
    ...(testMarkingsPanel ? [{ id: 'marks' as const, button: testTexts.button, render: testMarkingsPanel }] : []),
    ...(weighting?.panel ? [{ id: 'margins' as const, button: texts.marginsButton, render: weighting.panel }] : []),
  ];
  const setSegment = (name: string, value: string) => {
    const next = { ...filters.segments };
    if (value) next[name] = value;
    else delete next[name];
    onChange({ ...filters, segments: next });
  };
  return (
    <form className="filter-bar" role="search" aria-label={texts.filters} onSubmit={(event) => event.preventDefault()}>
      <div className="filter-bar__group" role="group" aria-labelledby="filter-period">
        <span id="filter-period" className="filter-bar__label">
          {texts.period}
        </span>
        <div className="filter-bar__period">
          <label className="visually-hidden" htmlFor="filter-from">
            {texts.from}
          </label>
          <input
            id="filter-from"
            type="date"
            value={filters.from ?? ''}
            max={filters.to}
            onChange={(event) => onChange({ ...filters, from: event.target.value || undefined })}
          />
          <span aria-hidden="true">–</span>
          <label className="visually-hidden" htmlFor="filter-to">
            {texts.to}
          </label>
          <input id="filter-to" type="date" value={filters.to ?? ''} min={filters.from} onChange={(event) => onChange({ ...filters, to: event.target.value || undefined })} />
        </div>
      </div>
      <div className="filter-bar__group">
        <label htmlFor="filter-channel">{texts.channel}</label>
        <select
          id="filter-channel"
          value={filters.channel ?? ''}
          onChange={(event) => onChange({ ...filters, channel: (event.target.value || undefined) as DashboardFilters['channel'] })}
        >
          <option value="">{texts.all}</option>
          <option value="kiosk">{channelName('kiosk', locale)}</option>
          <option value="online">{channelName('online', locale)}</option>
        </select>
      </div>
      {prominent.map((segment) => (
        <SegmentSelect key={segment.name} segment={segment} value={filters.segments[segment.name]} locale={locale} texts={texts} onChange={setSegment} />
      ))}
      {more.length > 0 && (
        <button
          type="button"
          className="analyst-button analyst-button--quiet filter-bar__more"
          aria-expanded={showMore}
          aria-controls="more-filters"
          onClick={() => setShowMore(!showMore)}
        >
          {texts.moreFilters(more.length)}
          {activeInMore > 0 && <span className="filter-bar__badge">{texts.selectedCount(activeInMore)}</span>}
        </button>
      )}
      {weighting?.file && (
        <LabelledSwitch
          id="filter-weighted"
          label={texts.weightedSwitch}
          hint={texts.weightedHint(weighting.file)}
          on={weighting.on}
          state={weighting.on ? texts.weightedOn : texts.weightedOff}
          testId="weighted-switch"
          onToggle={() => weighting.onToggle(!weighting.on)}
        />
      )}
      {/* Test answers (issue 30): left out unless this is on; then in every view and download, as includeTest=1. */}
      <LabelledSwitch
        id="filter-include-test"
        label={testTexts.includeSwitch}
        hint={testTexts.includeHint}
        on={filters.includeTest === true}
        state={filters.includeTest ? testTexts.on : testTexts.off}
        testId="include-test-switch"
        onToggle={() => onChange({ ...filters, includeTest: filters.includeTest ? undefined : true })}
      />
      {panels.map((panel) => (
        <button
          key={panel.id}
          type="button"
          className="analyst-button analyst-button--quiet filter-bar__margins"
          aria-expanded={openPanel === panel.id}
          aria-controls={`${panel.id}-panel`}
          data-testid={`${panel.id}-button`}
          onClick={() => setOpenPanel(openPanel === panel.id ? undefined : panel.id)}
        >
          {panel.button}
        </button>
      ))}
      <div className="filter-bar__end">
        <span className="filter-bar__status" role="status" aria-live="polite">
          {busy ? texts.updating : ''}
        </span>
        {active > 0 && (
          <button type="button" className="analyst-button analyst-button--quiet" onClick={() => onChange(NO_FILTERS)}>
            {texts.clearFilters}
          </button>
        )}
      </div>
      {panels.map(
        (panel) =>
          openPanel === panel.id && (
            <div key={panel.id} id={`${panel.id}-panel`} className="filter-bar__more-row filter-bar__margins-row">
              {panel.render(() => setOpenPanel(undefined))}
            </div>
          ),
      )}
      {more.length > 0 && (
        <div id="more-filters" className="filter-bar__more-row" hidden={!showMore}>
          {more.map((segment) => (
            <SegmentSelect key={segment.name} segment={segment} value={filters.segments[segment.name]} locale={locale} texts={texts} onChange={setSegment} />
          ))}
        </div>
      )}
    </form>
  );
}

/** An on/off switch with a visible label beside it (the label names it for screen readers too). */
function LabelledSwitch(props: { id: string; label: string; hint: string; on: boolean; state: string; testId: string; onToggle: () => void }) {
  return (
    <div className="filter-bar__group filter-bar__weighting">
      <span id={`${props.id}-label`} className="filter-bar__label">
        {props.label}
      </span>
      <button
        type="button"
        role="switch"
        className="weight-switch"
        aria-checked={props.on}
        aria-labelledby={`${props.id}-label`}
        title={props.hint}
        data-testid={props.testId}
        onClick={props.onToggle}
      >
        <span className="weight-switch__track" aria-hidden="true">
          <span className="weight-switch__knob" />
        </span>
        <span className="weight-switch__state">{props.state}</span>
      </button>
    </div>
  );
}

function SegmentSelect(props: { segment: SegmentVariable; value: string | undefined; locale: DashboardLocale; texts: DashboardTexts; onChange: (name: string, value: string) => void }) {
  const { segment, locale, texts } = props;
  const title = localizeText(segment.title, locale, segment.name);
  return (
    <div className="filter-bar__group">
      <label htmlFor={`filter-${segment.name}`} title={title}>
        {shortTitle(title)}
      </label>
      <select id={`filter-${segment.name}`} data-filter={segment.name} value={props.value ?? ''} onChange={(event) => props.onChange(segment.name, event.target.value)}>
        <option value="">{texts.all}</option>
        {segment.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {localizeText(choice.text, locale, choice.value)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Segment questions are full sentences ("お住まいの区を教えてください。"); a
 * filter label needs the noun phrase, so the polite request at the end is
 * dropped. Other titles stay whole (CSS truncates them visually; the label's
 * accessible name keeps every word).
 */
export function shortTitle(title: string): string {
  const short = title.replace(/(を|は)?(一つ|ひとつ)?(教えてください|お選びください|お聞かせください)。?$/, '');
  return short.length > 0 ? short : title;
}

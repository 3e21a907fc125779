/**
 * /dashboard and /dashboard/:surveyId: the analysts' view of one survey.
 * Every number comes from the server (the report from the analysis library,
 * the timeline, the comments); this page only asks for them with the current
 * filters and draws them. Anonymous visitors are sent to /login: by the server
 * before the page loads (server/routes/dashboard-page-guard.ts), and here when
 * any call answers 401 (e.g. the session expired while the page was open).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SurveySummary } from '../../../contracts/submission.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useAnalystLocale } from './analyst-locale.ts';
import { BrokenDefinitionsBanner } from './broken-definitions-banner.tsx';
import { ChartCard, SuppressedNote, type HiddenGroup } from './chart-card.tsx';
import { GapsChart, GapsTable } from './charts/gaps-chart.tsx';
import { IpaChart, IpaTable } from './charts/ipa-chart.tsx';
import { NeedsChart, NeedsTable } from './charts/needs-chart.tsx';
import { TimelineChart, TimelineTable } from './charts/timeline-chart.tsx';
import { CommentsPanel } from './comments-panel.tsx';
import { channelName } from './channel-name.ts';
import { CrosstabView, type CrosstabPick } from './crosstab-view.tsx';
import { EffectsView, type EffectsPick } from './effects/effects-view.tsx';
import './effects/effects.css';
import { TextView } from './text/text-view.tsx';
import './text/text.css';
import { countHidingTables } from './hidden-tables.ts';
import { OverviewFacts } from './overview-facts.tsx';
import { shortLabel } from './short-label.ts';
import { QuestionView } from './question-view.tsx';
import { exportUrl, fetchCurrentUser, fetchDefinition, fetchDefinitionVersion, fetchSurveys, logOut, NotLoggedInError, reportUrl } from './dashboard-api.ts';
import { filtersToQuery, readFilters, type DashboardFilters } from './dashboard-filters.ts';
import { createLabelIndex, type LabelIndex } from '../../../core/definitions/create-label-index.ts';
import { localizeText } from '../../../core/definitions/localize-text.ts';
import { listSegmentVariables } from '../../../core/definitions/segment-variables.ts';
import { definitionVersionFromJson, type DefinitionVersion, type SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { formatCount, formatNumber } from '../../../core/i18n/number-format.ts';
import { shownIpaItems } from '../../../core/report-view/describe-charts.ts';
import { createReportLabels } from '../../../core/report-view/report-labels.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { dashboardTexts, DASHBOARD_LOCALES, type DashboardLocale, type DashboardTexts } from './dashboard-texts.ts';
import { FilterBar } from './filter-bar.tsx';
import type { CurrentUser, Report, Suppression, DailyCounts } from './report-shape.ts';
import { useDashboardData } from './use-dashboard-data.ts';
import type { SurveyWeights } from '../../../contracts/weights.ts';
import { fetchSurveyWeights, shortHash, weightedQuery } from './weights-api.ts';
import { WeightsPanel } from './weights-panel.tsx';
import { TestMarkingsPanel } from './test-markings-panel.tsx';
import { adminTexts } from '../admin/admin-texts.ts';
import './analyst-shell.css';
import './dashboard.css';

/** The overview (needs, IPA, gaps), one question's 単純集計, one クロス集計, 効果検証 (issue 28) or 自由記述 (issue 27). */
const DASHBOARD_VIEWS = ['overview', 'questions', 'crosstabs', 'effects', 'text'] as const;
type DashboardView = (typeof DASHBOARD_VIEWS)[number];

/**
 * The cross-tab view's breakdown and question in the address (?view=crosstabs&xby=…&xtab=…); named
 * so as not to be taken for a filter (a segment's name) or the report's own `by`/`crosstab`.
 */
const CROSSTAB_BY_PARAM = 'xby';
const CROSSTAB_PARAM = 'xtab';
/** 効果検証's split date and pilot group in the address (?view=effects&edate=2026-04-01&epilot=ward=chuo,kita). */
const EFFECTS_DATE_PARAM = 'edate';
const EFFECTS_PILOT_PARAM = 'epilot';
/** The 「重み付け」 switch in the address (?weighted=1), as the report's own option is named. */
const WEIGHTED_PARAM = 'weighted';

/** Gap items shown before "show all": the largest effects fill a screen, the rest is a click away. */
const GAP_ITEMS_AT_FIRST = 8;

function goToLogin(ended: boolean): void {
  const next = window.location.pathname + window.location.search;
  window.location.replace(`/login?next=${encodeURIComponent(next)}${ended ? '&ended=1' : ''}`);
}

export default function DashboardPage({ surveyId, search }: { surveyId?: string; search: string }) {
  const [locale, setLocale] = useAnalystLocale();
  const texts = dashboardTexts(locale);
  const [user, setUser] = useState<CurrentUser>();
  const [surveys, setSurveys] = useState<SurveySummary[]>();
  const [failure, setFailure] = useState<Error>();

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchCurrentUser(controller.signal), fetchSurveys(controller.signal)]).then(
      ([me, list]) => {
        setUser(me);
        setSurveys(list);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return goToLogin(false);
        setFailure(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => controller.abort();
  }, []);

  async function onLogOut() {
    await logOut();
    window.location.assign('/login');
  }

  const current = surveys?.find((survey) => survey.id === surveyId);
  const header = (
    <header className="dash-header">
      <p className="dash-header__app">{texts.appName}</p>
      {surveys && (
        <div className="dash-header__survey">
          <label htmlFor="survey-picker">{texts.survey}</label>
          <select
            id="survey-picker"
            value={current ? current.id : ''}
            onChange={(event) => window.location.assign(`/dashboard/${encodeURIComponent(event.target.value)}`)}
          >
            {!current && <option value="">{texts.chooseSurvey}</option>}
            {surveys.map((survey) => (
              <option key={survey.id} value={survey.id}>
                {localizeText(survey.title, locale, survey.id)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="dash-header__end">
        <LanguageSwitch languages={DASHBOARD_LOCALES} current={locale} onChange={setLocale} />
        {user && (
          <>
            {user.role === 'admin' && <a href="/admin">{adminTexts(locale).title}</a>}
            <span className="dash-header__user" data-testid="current-user">
              {texts.loggedInAs(user.name)}
            </span>
            <button type="button" className="analyst-button dash-header__logout" onClick={onLogOut}>
              {texts.logOut}
            </button>
          </>
        )}
      </div>
    </header>
  );

  let body;
  if (failure) body = <LoadFailure error={failure} texts={texts} />;
  else if (!user || !surveys) body = <p className="dash-status" role="status">{texts.loading}</p>;
  else if (!surveyId) body = <SurveyChooser surveys={surveys} locale={locale} texts={texts} />;
  else if (!current) body = <p className="dash-status" role="alert">{texts.noSurvey}</p>;
  else body = <SurveyDashboard key={surveyId} surveyId={surveyId} languages={current.languages} search={search} locale={locale} texts={texts} isAdmin={user.role === 'admin'} />;

  return (
    <div className="analyst-shell dashboard">
      {header}
      {user?.role === 'admin' && <BrokenDefinitionsBanner texts={texts} />}
      {body}
    </div>
  );
}

function SurveyChooser({ surveys, locale, texts }: { surveys: SurveySummary[]; locale: DashboardLocale; texts: DashboardTexts }) {
  useEffect(() => {
    document.title = texts.appName;
  }, [texts]);
  return (
    <main className="dash-main">
      <h1 className="dash-title">{texts.chooseSurvey}</h1>
      <ul className="survey-choices">
        {surveys.map((survey) => (
          <li key={survey.id}>
            <a href={`/dashboard/${encodeURIComponent(survey.id)}`}>
              <strong>{localizeText(survey.title, locale, survey.id)}</strong>
              <span>
                {texts.audiences[survey.audience]} · {survey.id} · v{survey.version}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}

function LoadFailure({ error, texts, onRetry }: { error: Error; texts: DashboardTexts; onRetry?: () => void }) {
  return (
    <div className="dash-error" role="alert">
      <strong>{texts.loadFailed}</strong>: {error.message}
      {onRetry && (
        <button type="button" className="analyst-button" onClick={onRetry}>
          {texts.retry}
        </button>
      )}
    </div>
  );
}

function SurveyDashboard({ surveyId, languages, search, locale, texts, isAdmin }: { surveyId: string; languages: string[]; search: string; locale: DashboardLocale; texts: DashboardTexts; isAdmin: boolean }) {
  const [definition, setDefinition] = useState<SurveyDefinitionJson>();
  const [definitionError, setDefinitionError] = useState<Error>();
  useEffect(() => {
    const controller = new AbortController();
    fetchDefinition(surveyId, controller.signal).then(setDefinition, (error: unknown) => {
      if (!controller.signal.aborted) setDefinitionError(error instanceof Error ? error : new Error(String(error)));
    });
    return () => controller.abort();
  }, [surveyId]);

  if (definitionError) return <LoadFailure error={definitionError} texts={texts} />;
  if (!definition) return <p className="dash-status" role="status">{texts.loading}</p>;
  return <SurveyView surveyId={surveyId} definition={definition} search={search} locale={locale} reportLocale={languages.includes(locale) ? locale : undefined} texts={texts} isAdmin={isAdmin} />;
}

/**
 * Every definition version a report covers, the current one first: the labels merge them all, as
 * the analysis did (an older version's choice keeps its name). Until the older ones arrive (or if
 * one cannot be fetched) the current one names what it can.
 */
function useDefinitionVersions(surveyId: string, current: DefinitionVersion, versions: readonly number[] | undefined): DefinitionVersion[] {
  const [older, setOlder] = useState<DefinitionVersion[]>([]);
  const wanted = (versions ?? []).filter((version) => version !== current.version).join(',');
  useEffect(() => {
    if (!wanted) return setOlder([]);
    const controller = new AbortController();
    Promise.all(wanted.split(',').map((version) => fetchDefinitionVersion(surveyId, Number(version), controller.signal).then(definitionVersionFromJson))).then(
      setOlder,
      () => {}, // labels then come from the current version (and the report's own labels)
    );
    return () => controller.abort();
  }, [surveyId, wanted]);
  return useMemo(() => [current, ...older], [current, older]);
}

/**
 * `reportLocale`: the language the report, downloads and exports are asked for: the dashboard's,
 * or undefined for a survey written in one other language (an outside survey in Japanese only, with
 * an English dashboard), which the server then gives in its own; asking for a language the survey
 * lacks is refused (400), and the page once showed nothing but that error.
 */
function SurveyView(props: { surveyId: string; definition: SurveyDefinitionJson; search: string; locale: DashboardLocale; reportLocale: string | undefined; texts: DashboardTexts; isAdmin: boolean }) {
  const { surveyId, definition, locale, reportLocale, texts } = props;
  const current = useMemo(() => definitionVersionFromJson(definition), [definition]);
  // A segment with no listed answers (free text) can be filtered through the API but offers nothing to pick here.
  const segments = useMemo(() => listSegmentVariables(current).filter((segment) => segment.choices.length > 0), [current]);
  const [filters, setFilters] = useState<DashboardFilters>(() => readFilters(props.search, segments.map((segment) => segment.name)));
  const hasWard = segments.some((segment) => segment.name === 'ward');
  const [timelineBy, setTimelineBy] = useState<'channel' | 'ward'>('channel');
  // Generation gaps compare the cohort question; a survey without one compares age bands, if it has them.
  const defaultCompare = (segments.find((segment) => segment.role === 'cohort') ?? segments.find((segment) => segment.name === 'ageBand'))?.name;
  const [compareBy, setCompareBy] = useState<string | undefined>(() => {
    const asked = new URLSearchParams(props.search).get('compare');
    return asked && segments.some((segment) => segment.name === asked) ? asked : defaultCompare;
  });
  const [showAllGaps, setShowAllGaps] = useState(false);
  // A question the cross-tab view breaks down by that is not one of the report's breakdowns (issue 25).
  const [crosstabBy, setCrosstabBy] = useState<string>();
  // The view and the cross-tab picked are part of the address too: a link opens the same table.
  const [view, setView] = useState<DashboardView>(() => {
    const asked = new URLSearchParams(props.search).get('view');
    return DASHBOARD_VIEWS.find((name) => name === asked) ?? 'overview';
  });
  const [crosstabPick, setCrosstabPick] = useState<CrosstabPick>(() => {
    const asked = new URLSearchParams(props.search);
    return { by: asked.get(CROSSTAB_BY_PARAM) ?? undefined, question: asked.get(CROSSTAB_PARAM) ?? undefined };
  });
  const [effectsPick, setEffectsPick] = useState<EffectsPick>(() => {
    const asked = new URLSearchParams(props.search);
    return { date: asked.get(EFFECTS_DATE_PARAM) ?? undefined, pilot: asked.get(EFFECTS_PILOT_PARAM) ?? undefined };
  });
  const [reloadKey, setReloadKey] = useState(0);
  const query = filtersToQuery(filters);
  const onLoggedOut = useCallback(() => goToLogin(true), []);
  // 「重み付け」 (issue 30): the survey's margins (null: none, so no switch) and the analyst's choice, kept in the address.
  const [weights, setWeights] = useState<SurveyWeights | null>();
  const [weightsProblem, setWeightsProblem] = useState<string>();
  const [weightedChoice, setWeightedChoice] = useState(() => new URLSearchParams(props.search).get(WEIGHTED_PARAM) === '1');
  useEffect(() => {
    const controller = new AbortController();
    fetchSurveyWeights(surveyId, controller.signal).then(setWeights, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (error instanceof NotLoggedInError) return onLoggedOut();
      // A broken margins file (500 naming its line): no switch; an admin reads why in the margins panel.
      setWeights(null);
      setWeightsProblem(error instanceof Error ? error.message : String(error));
    });
    return () => controller.abort();
  }, [surveyId, onLoggedOut]);
  // Asked for while the margins are still being looked up (a link with ?weighted=1), so the first report is already weighted.
  const weighted = weightedChoice && weights !== null;
  const reportQuery = weightedQuery(query, weighted);
  const data = useDashboardData({ surveyId, filterQuery: query, compareBy, crosstabBy, timelineBy, locale: reportLocale, weighted, reloadKey }, onLoggedOut);
  const versions = useDefinitionVersions(surveyId, current, data.report?.survey.versions);
  const labels = useMemo(() => createLabelIndex(versions), [versions]);
  const reportLabels = useMemo(() => createReportLabels(labels, locale), [labels, locale]);
  const surveyTitle = localizeText(definition.title, locale, surveyId);

  useEffect(() => {
    document.title = `${surveyTitle} | ${texts.appName}`;
  }, [surveyTitle, texts]);

  // The filters are part of the address: reload, back and a shared link show the same view.
  useEffect(() => {
    const params = new URLSearchParams(query);
    if (compareBy && compareBy !== defaultCompare) params.set('compare', compareBy);
    if (weighted) params.set(WEIGHTED_PARAM, '1');
    if (view !== 'overview') params.set('view', view);
    if (view === 'crosstabs') {
      if (crosstabPick.by) params.set(CROSSTAB_BY_PARAM, crosstabPick.by);
      if (crosstabPick.question) params.set(CROSSTAB_PARAM, crosstabPick.question);
    }
    if (view === 'effects') {
      if (effectsPick.date) params.set(EFFECTS_DATE_PARAM, effectsPick.date);
      if (effectsPick.pilot) params.set(EFFECTS_PILOT_PARAM, effectsPick.pilot);
    }
    const search = params.toString();
    const url = `/dashboard/${encodeURIComponent(surveyId)}${search ? `?${search}` : ''}`;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [surveyId, query, compareBy, defaultCompare, weighted, view, crosstabPick, effectsPick]);

  const report = data.report;
  const minGroupSize = report?.minGroupSize ?? (typeof definition.minGroupSize === 'number' ? definition.minGroupSize : 5);
  const oneSeriesLabel = (value: string) =>
    timelineBy === 'channel' ? channelName(value, locale) : value === '' ? '—' : labels.value('ward', value, locale);
  // The analysis adds series too small to show up into one: "(fewer)", or "(all)" when that is every series.
  const seriesLabel = (value: string, members?: string[]) =>
    value === '(all)' && members
      ? tabulationTexts(locale).total
      : value === '(fewer)' && members
        ? `${tabulationTexts(locale).fewer}（${members.map(oneSeriesLabel).join(locale === 'ja' ? '・' : ', ')}）`
        : oneSeriesLabel(value);
  const commentQuestions = new Set(data.comments?.comments.map((comment) => comment.question));
  // Cards go two to a row; when the comments would be left alone in theirs, they take the whole row.
  const halfCards = 2 + (report?.needs.length ?? 0) + (report?.ipa.length ?? 0);
  const timeline = data.timeline && sortSeries(data.timeline, timelineBy === 'channel' ? ['kiosk', 'online'] : labels.valueOrder('ward'));
  // Hidden entries named in the analyst's words: the report's carry a label (or a key we can read), the timeline's a series.
  const nameHidden = (entry: HiddenGroup): string | undefined => {
    const series = /^timeline\.[^=]+=(.*)$/.exec(entry.where);
    if (series) return texts.timelineSeries(oneSeriesLabel(series[1]));
    return entry.label ?? describeWhere(entry.where, labels, locale, texts);
  };
  const timelineHidden = timeline?.suppressed ?? [];

  return (
    <>
      <FilterBar
        filters={filters}
        segments={segments}
        locale={locale}
        texts={texts}
        busy={data.busy}
        onChange={setFilters}
        // Analysts and admins mark test data (issue 30); every view is asked for again after a change.
        testMarkingsPanel={(close) => (
          <TestMarkingsPanel surveyId={surveyId} locale={locale} onClose={close} onLoggedOut={onLoggedOut} onChanged={() => setReloadKey((key) => key + 1)} />
        )}
        weighting={{
          file: weights?.file ?? null,
          on: weighted,
          onToggle: setWeightedChoice,
          panel: props.isAdmin
            ? (close) => (
                <WeightsPanel
                  surveyId={surveyId}
                  weights={weights}
                  problem={weightsProblem}
                  locale={locale}
                  texts={texts}
                  onClose={close}
                  onLoggedOut={onLoggedOut}
                  onUploaded={(saved) => {
                    setWeights(saved);
                    setWeightsProblem(undefined);
                    // New margins, the same address: a weighted view is asked for again.
                    if (weighted) setReloadKey((key) => key + 1);
                  }}
                />
              )
            : undefined,
        }}
      />
      <main className="dash-main" aria-busy={data.busy}>
        <div className="dash-heading">
          <h1 className="dash-title">{surveyTitle}</h1>
          <Downloads surveyId={surveyId} query={query} compareBy={compareBy} locale={reportLocale} weighted={weighted} texts={texts} />
        </div>
        {report && <OverviewFacts report={report} locale={locale} />}
        {data.error && <LoadFailure error={data.error} texts={texts} onRetry={() => setReloadKey((key) => key + 1)} />}
        {report && <SummaryStrip report={report} timelineHidden={timelineHidden} locale={locale} texts={texts} nameHidden={nameHidden} />}
        {!report && !data.error && <p className="dash-status" role="status">{texts.loading}</p>}
        {report && (
          <div className="segmented view-tabs" role="group" aria-label={texts.viewsLabel}>
            {DASHBOARD_VIEWS.map((name) => (
              <button key={name} type="button" aria-pressed={view === name} onClick={() => setView(name)} data-testid={`view-${name}`}>
                {texts.views[name]}
              </button>
            ))}
          </div>
        )}
        {report && view === 'questions' && <QuestionView report={report} locale={locale} texts={texts} attachments={{ surveyId, filterQuery: query, reloadKey }} />}
        {report && view === 'crosstabs' && (
          <CrosstabView
            report={report}
            surveyId={surveyId}
            query={reportQuery}
            locale={locale}
            reportLocale={reportLocale}
            texts={texts}
            crosstabBy={crosstabBy}
            onBreakdownMissing={setCrosstabBy}
            pick={crosstabPick}
            onPick={setCrosstabPick}
          />
        )}
        {report && view === 'effects' && (
          <EffectsView
            surveyId={surveyId}
            query={reportQuery}
            locale={locale}
            reportLocale={reportLocale}
            texts={texts}
            segments={segments}
            report={report}
            pick={effectsPick}
            onPick={setEffectsPick}
            onLoggedOut={onLoggedOut}
          />
        )}
        {report && view === 'text' && (
          <TextView
            surveyId={surveyId}
            query={query}
            locale={locale}
            reportLocale={reportLocale}
            texts={texts}
            minGroupSize={minGroupSize}
            questionTitle={(question) => labels.question(question, locale)}
            onLoggedOut={onLoggedOut}
          />
        )}
        {report && view === 'overview' && (
          <div className="dash-grid">
            <ChartCard
              testId="timeline-chart"
              title={texts.timelineTitle}
              subtitle={texts.perPeriod[timeline?.interval ?? 'day']}
              n={timeline ? formatCount(timeline.total, locale) : undefined}
              texts={texts}
              controls={
                hasWard && (
                  <div className="segmented" role="group" aria-label={texts.timelineBy}>
                    {(['channel', 'ward'] as const).map((by) => (
                      <button key={by} type="button" aria-pressed={timelineBy === by} onClick={() => setTimelineBy(by)}>
                        {by === 'channel' ? texts.byChannel : texts.byWard}
                      </button>
                    ))}
                  </div>
                )
              }
              empty={timeline && timeline.series.length === 0 ? (timeline.suppressed.length > 0 ? texts.timelineAllHidden : texts.noData) : undefined}
              chart={timeline ? <TimelineChart timeline={timeline} locale={locale} texts={texts} seriesLabel={seriesLabel} /> : <div className="chart-area chart-area--timeline" />}
              table={timeline && <TimelineTable timeline={timeline} locale={locale} texts={texts} seriesLabel={seriesLabel} />}
              suppressed={timeline?.suppressed}
              minGroupSize={minGroupSize}
              locale={locale}
              nameHidden={nameHidden}
            />
            {report.needs.map((needs) => (
              <ChartCard
                key={needs.question}
                testId="needs-chart"
                title={texts.needsTitle}
                subtitle={
                  <>
                    <span className="chart-card__question">{labels.question(needs.question, locale)}</span>
                    <span>{needs.kind === 'ranking' ? texts.needsSubtitleRanking : texts.needsSubtitleChoice}</span>
                  </>
                }
                n={needs.answered === null ? '—' : formatCount(needs.answered, locale)}
                texts={texts}
                empty={needs.suppressed || needs.items.length === 0 ? texts.noData : undefined}
                chart={<NeedsChart needs={needs} locale={locale} texts={texts} labels={reportLabels} />}
                table={<NeedsTable needs={needs} locale={locale} texts={texts} labels={reportLabels} />}
                suppressed={relevant(report.suppressed, `needs.${needs.question}`)}
                minGroupSize={minGroupSize}
                locale={locale}
                nameHidden={nameHidden}
              />
            ))}
            {report.ipa.map((ipa) => {
              const shown = shownIpaItems(ipa);
              return (
                <ChartCard
                  key={ipa.set}
                  testId="ipa-chart"
                  title={texts.ipaTitle}
                  subtitle={texts.ipaSubtitle}
                  n={formatNRange(shown.map((item) => item.n), locale)}
                  texts={texts}
                  empty={shown.length === 0 ? texts.noData : undefined}
                  chart={<IpaChart ipa={ipa} locale={locale} texts={texts} labels={reportLabels} />}
                  table={<IpaTable ipa={ipa} locale={locale} texts={texts} labels={reportLabels} />}
                  suppressed={relevant(report.suppressed, `ipa.${ipa.set}`)}
                  minGroupSize={minGroupSize}
                  locale={locale}
                  nameHidden={nameHidden}
                />
              );
            })}
            <CommentsPanel
              comments={data.comments}
              locale={locale}
              texts={texts}
              questionTitle={(question) => labels.question(question, locale)}
              minGroupSize={minGroupSize}
              showQuestion={commentQuestions.size > 1}
              wide={halfCards % 2 === 1}
            />
            {segments.length > 0 && (
              <ChartCard
                wide
                testId="gaps-chart"
                title={texts.gapsTitle}
                subtitle={
                  report.gaps.by !== null && (
                    <>
                      <span>{texts.gapsSubtitle}</span>
                      <span className="chart-card__question">
                        {report.gaps.groups
                          .map((group) => `${reportLabels.answer(report.gaps.by!, group.value, group.label)} n=${group.n === null ? '—' : formatCount(group.n, locale)}`)
                          .join(' / ')}
                      </span>
                    </>
                  )
                }
                n={report.gaps.by === null ? undefined : formatCount(report.gaps.groups.reduce((sum, group) => sum + (group.n ?? 0), 0), locale)}
                texts={texts}
                controls={
                  <>
                    <div className="inline-select">
                      <label htmlFor="compare-by">{texts.compareBy}</label>
                      <select id="compare-by" value={compareBy ?? ''} onChange={(event) => setCompareBy(event.target.value || undefined)}>
                        {!compareBy && <option value="">—</option>}
                        {segments.map((segment) => (
                          <option key={segment.name} value={segment.name}>
                            {shortLabel(localizeText(segment.title, locale, segment.name))}
                          </option>
                        ))}
                      </select>
                    </div>
                    {report.gaps.items.length > GAP_ITEMS_AT_FIRST && (
                      <button type="button" className="analyst-button analyst-button--quiet" aria-expanded={showAllGaps} onClick={() => setShowAllGaps(!showAllGaps)}>
                        {showAllGaps ? texts.showTopItems(GAP_ITEMS_AT_FIRST) : texts.showAllItems(report.gaps.items.length)}
                      </button>
                    )}
                  </>
                }
                empty={report.gaps.by === null ? texts.chooseCompare : report.gaps.items.length === 0 ? texts.noGaps : undefined}
                chart={<GapsChart gaps={report.gaps} locale={locale} texts={texts} labels={reportLabels} limit={showAllGaps ? undefined : GAP_ITEMS_AT_FIRST} />}
                table={<GapsTable gaps={report.gaps} locale={locale} texts={texts} labels={reportLabels} />}
                suppressed={relevant(report.suppressed, 'gaps')}
                minGroupSize={minGroupSize}
                locale={locale}
                nameHidden={nameHidden}
              />
            )}
          </div>
        )}
      </main>
    </>
  );
}

function Downloads(props: { surveyId: string; query: string; compareBy?: string; locale: string | undefined; weighted: boolean; texts: DashboardTexts }) {
  const { surveyId, query, locale, texts } = props;
  return (
    <div className="downloads" role="group" aria-label={texts.downloads} title={texts.downloadHint}>
      <span className="downloads__label">{texts.downloads}</span>
      <a className="analyst-button" href={reportUrl(surveyId, query, 'html', { locale, by: props.compareBy, weighted: props.weighted })} download data-testid="download-html">
        {texts.htmlReport}
      </a>
      <a className="analyst-button" href={exportUrl(surveyId, query, 'csv', locale)} download data-testid="download-csv">
        {texts.csv}
      </a>
      <a className="analyst-button" href={exportUrl(surveyId, query, 'xlsx', locale)} download data-testid="download-xlsx">
        {texts.xlsx}
      </a>
    </div>
  );
}

function SummaryStrip(props: { report: Report; timelineHidden: HiddenGroup[]; locale: DashboardLocale; texts: DashboardTexts; nameHidden: (entry: HiddenGroup) => string | undefined }) {
  const { report, locale, texts } = props;
  // Everything hidden on this page: the report's entries and the timeline's series, which the timeline card also lists.
  const hidden: HiddenGroup[] = [...report.suppressed, ...props.timelineHidden];
  // Counted as tables (issue 26): 600 hidden cells in 80 cross-tabs is "80 tables", each listed below.
  const tables = countHidingTables(hidden);
  return (
    <section className="summary-strip" aria-label={texts.responses}>
      <div className="summary-tile summary-tile--primary">
        <span className="summary-tile__label">{texts.responses}</span>
        <span className="summary-tile__value" data-testid="responses-n">
          {formatCount(report.responses, locale)}
        </span>
        {report.weighting && (
          <span className="summary-tile__sub summary-tile__effective-n" data-testid="effective-n">
            {texts.effectiveN(formatNumber(report.weighting.effectiveN, locale, 1))}
          </span>
        )}
      </div>
      <div className={`summary-tile${report.weighting ? ' summary-tile--weighted' : ''}`} data-testid="weighting-tile">
        <span className="summary-tile__label">{texts.weighting}</span>
        <span className="summary-tile__text">
          {report.weighting ? texts.weighted(formatNumber(report.weighting.effectiveN, locale, 0)) : texts.unweighted}
        </span>
        {report.weighting?.source && (
          <span className="summary-tile__sub" title={`SHA-256 ${report.weighting.source.sha256}`} data-testid="weighting-source">
            {texts.marginsOf(report.weighting.source.file, shortHash(report.weighting.source.sha256))}
          </span>
        )}
        {report.weighting && report.weighting.dropped > 0 && (
          <span className="summary-tile__sub">{texts.weightingDropped(formatCount(report.weighting.dropped, locale))}</span>
        )}
      </div>
      <div className="summary-tile">
        <span className="summary-tile__label">{texts.minGroup}</span>
        <span className="summary-tile__text">{texts.people(String(report.minGroupSize))}</span>
      </div>
      <div className={`summary-tile${hidden.length > 0 ? ' summary-tile--warning' : ''}`}>
        <span className="summary-tile__label">{texts.hiddenTables}</span>
        <span className="summary-tile__text" data-testid="suppressed-count" data-tables={tables}>
          {texts.hiddenTablesValue(formatCount(tables, locale))}
        </span>
        {hidden.length > 0 && (
          <span className="summary-tile__sub" data-testid="suppressed-cells">
            {texts.hiddenCells(formatCount(hidden.length, locale))}
          </span>
        )}
      </div>
      {hidden.length > 0 && (
        <div className="summary-strip__note">
          <SuppressedNote suppressed={hidden} minGroupSize={report.minGroupSize} texts={texts} locale={locale} nameHidden={props.nameHidden} />
        </div>
      )}
    </section>
  );
}

/** Series in a fixed order (channels; wards as the definition lists them), respondents without a value last, so colours stay put. */
function sortSeries(timeline: DailyCounts, order: string[]): DailyCounts {
  const position = (value: string) => (value === '' ? Number.MAX_SAFE_INTEGER : order.indexOf(value) === -1 ? order.length : order.indexOf(value));
  return { ...timeline, series: [...timeline.series].sort((a, b) => position(a.value) - position(b.value) || a.value.localeCompare(b.value)) };
}

/** The report's suppressed entries about one part: their `where` starts with its path (needs.q, ipa.set, gaps). */
function relevant(suppressed: Suppression[], path: string): Suppression[] {
  return suppressed.filter((entry) => entry.where === path || entry.where.startsWith(`${path}.`));
}

/**
 * A report's key for what it hid, read for people when the entry has no label (reports of before
 * issue 26): `summaries.q.row=value`, `crosstabs.q.by=group`, `needs.q`, `comments.q`, ….
 */
function describeWhere(where: string, labels: LabelIndex, locale: DashboardLocale, texts: DashboardTexts): string {
  const [, path = where, code] = /^([^=]*)(?:=(.*))?$/.exec(where) ?? [];
  const [part, name, ...rest] = path.split('.');
  if (!name) return where;
  if (part === 'overview') {
    // 調査概要's counts: overview.byChannel.kiosk, overview.byWard.kita, overview.kiosks.unenrolled.
    const words = tabulationTexts(locale);
    const value = rest.join('.');
    if (name === 'byChannel') return `${words.byChannel}: ${channelName(value, locale)}`;
    if (name === 'byWard') return `${words.byWard}: ${labels.hasValue('ward', value) ? labels.value('ward', value, locale) : value}`;
    if (name === 'kiosks') return `${words.kiosks}: ${value === 'enrolled' ? words.kioskEnrolled : value === 'unenrolled' ? words.kioskUnenrolled : value}`;
    return words.overview;
  }
  const value = (question: string, value: string) => (labels.hasValue(question, value) ? labels.value(question, value, locale) : value);
  const title = shortLabel(labels.question(name, locale));
  const row = rest.length > 0 && part !== 'crosstabs' && labels.hasRow(name, rest[0]) ? ` — ${labels.row(name, rest[0], locale)}` : '';
  if (part === 'crosstabs' && rest.length > 0 && code !== undefined) {
    const by = rest[rest.length - 1];
    return `${title} × ${shortLabel(labels.question(by, locale))}: ${value(by, code)}`;
  }
  return code !== undefined ? `${title}${row}: ${value(name, code)}` : `${title}${row}`;
}

function formatNRange(values: number[], locale: DashboardLocale): string {
  if (values.length === 0) return '—';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? formatCount(low, locale) : `${formatCount(low, locale)}–${formatCount(high, locale)}`;
}


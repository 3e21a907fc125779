/**
 * 「自由記述」 (issue 27, item 3): for one comment question, the frequent words by the chosen breakdown, the
 * co-occurrence network drawn as SVG (circles sized by count, coloured by community, lines by Jaccard; the
 * positions from layout-network.ts), the coding rules' codes by the breakdown with their ▲▽ marks, and below
 * them every comment, searchable and paged (comment-browser.tsx): a clicked word gives its keyword in context
 * over every matching comment and filters the list by it; a clicked code filters the list by the code.
 *
 * The figures are the server's: this view asks for the report with `text=1` itself (tokenizing every comment
 * takes time, so the other views never ask). The comments, the KWIC and the downloads are GET …/comments's
 * (server/routes/comments.ts), which matches words as the analysis extracts them (base forms, parts of compounds).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Report, TextAnalysis, TextCodeCell } from '../../../../contracts/report.ts';
import { formatCount, formatNumber, formatP, formatPercent } from '../../../../core/i18n/number-format.ts';
import { seriesColour } from '../../../../core/report-view/palette.ts';
import { tabulationTexts } from '../../../../core/report-view/tabulation-texts.ts';
import { fetchReport, NotLoggedInError } from '../dashboard-api.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import { HiddenLegend } from '../suppression-rule.tsx';
import { CommentBrowser } from './comment-browser.tsx';
import { layoutNetwork } from './layout-network.ts';
import { textTexts } from './text-texts.ts';

/** Words in the table: the report's 100 are a page of their own; 30 fill a screen. */
const WORDS_SHOWN = 30;

export interface TextViewProps {
  surveyId: string;
  query: string;
  locale: DashboardLocale;
  reportLocale: string | undefined;
  texts: DashboardTexts;
  minGroupSize: number;
  questionTitle: (question: string) => string;
  onLoggedOut: () => void;
}

export function TextView(props: TextViewProps) {
  const { surveyId, query, locale, reportLocale, onLoggedOut } = props;
  const words = textTexts(locale);
  const [state, setState] = useState<{ report?: Report; error?: Error; busy: boolean }>({ busy: false });
  const [questionPick, setQuestion] = useState<string>();
  const [byPick, setBy] = useState<string>();
  const [word, setWord] = useState<string>();
  const [code, setCode] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, busy: true, error: undefined }));
    fetchReport(surveyId, query, { locale: reportLocale, text: true }, controller.signal).then(
      (report) => setState({ report, busy: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setState((previous) => ({ ...previous, busy: false, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
  }, [surveyId, query, reportLocale, onLoggedOut]);

  const analyses = state.report?.text ?? [];
  const analysis = analyses.find((entry) => entry.question === questionPick) ?? analyses[0];
  const breakdown = analysis?.breakdowns?.find((entry) => entry.by === byPick) ?? analysis?.breakdowns?.[0];

  return (
    <section className="chart-card chart-card--wide text-view" data-testid="text-view" aria-labelledby="text-title" aria-busy={state.busy}>
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id="text-title" className="chart-card__title">
            {words.title}
          </h2>
          {analysis && (
            <p className="chart-card__subtitle" data-testid="text-comments-n">
              {words.comments(formatCount(analysis.comments.n, locale), formatCount(analysis.comments.withWords, locale))}
            </p>
          )}
        </div>
        <div className="chart-card__controls text-controls">
          {analyses.length > 1 && (
            <div className="inline-select">
              <label htmlFor="text-question">{words.question}</label>
              <select id="text-question" value={analysis?.question} onChange={(event) => (setQuestion(event.target.value), setWord(undefined), setCode(undefined))}>
                {analyses.map((entry) => (
                  <option key={entry.question} value={entry.question}>
                    {entry.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {analysis?.breakdowns && analysis.breakdowns.length > 0 && (
            <div className="inline-select">
              <label htmlFor="text-by">{words.breakdown}</label>
              <select id="text-by" value={breakdown?.by} onChange={(event) => setBy(event.target.value)}>
                {analysis.breakdowns.map((entry) => (
                  <option key={entry.by} value={entry.by}>
                    {entry.byLabel}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </header>
      {state.error ? (
        <div className="dash-error" role="alert" data-testid="text-error">
          <strong>{props.texts.loadFailed}</strong>: {state.error.message}
        </div>
      ) : !state.report ? (
        <p className="dash-status" role="status">
          {words.loading}
        </p>
      ) : !analysis || analysis.comments.n === 0 ? (
        <p className="chart-card__empty">{words.none}</p>
      ) : analysis.hidden ? (
        <div>
          <p className="chart-card__empty">{words.hidden(props.minGroupSize)}</p>
          <HiddenLegend minGroupSize={props.minGroupSize} locale={locale} />
        </div>
      ) : (
        <TextBody analysis={analysis} analyses={analyses} breakdown={breakdown} word={word} onWord={setWord} code={code} onCode={setCode} {...props} />
      )}
    </section>
  );
}

function TextBody(
  props: TextViewProps & {
    analysis: TextAnalysis;
    analyses: TextAnalysis[];
    breakdown: NonNullable<TextAnalysis['breakdowns']>[number] | undefined;
    word: string | undefined;
    onWord: (word: string | undefined) => void;
    code: string | undefined;
    onCode: (code: string | undefined) => void;
  },
) {
  const { analysis, breakdown, word, locale } = props;
  // A word or a code picked in the figures: the comments below follow, and come into view.
  const browser = useRef<HTMLElement>(null);
  const show = () => requestAnimationFrame(() => browser.current?.scrollIntoView({ block: 'start' }));
  const onWord = (picked: string | undefined) => {
    props.onWord(picked);
    if (picked) show();
  };
  const onCode = (picked: string | undefined) => {
    props.onCode(picked);
    if (picked) show();
  };
  const words = textTexts(locale);
  const hiddenMark = tabulationTexts(locale).hidden;
  const groups = breakdown?.byGroup.groups ?? [];
  const rows = breakdown?.byGroup.rows ?? [];
  const shownWords = analysis.words.slice(0, WORDS_SHOWN);
  const codes = breakdown?.codeCrosstabs ?? null;
  const hides = groups.some((group) => group.n === null) || (codes?.groups.some((group) => group.n === null) ?? false);
  const cellText = (cell: { count: number | null; share: number | null }) => (cell.share === null ? hiddenMark : `${formatPercent(cell.share, locale)} (${formatCount(cell.count ?? 0, locale)})`);

  return (
    <div className="text-body">
      <section className="text-words" aria-labelledby="text-words-title">
        <h3 id="text-words-title" className="means__title">
          {words.wordsTitle}
        </h3>
        <div className="table-view__scroll" tabIndex={0} role="region" aria-labelledby="text-words-title">
          <table className="data-table text-words-table" data-testid="text-words-table">
            <thead>
              <tr>
                <th scope="col">{words.word}</th>
                <th scope="col" className="num">
                  {words.count}
                </th>
                <th scope="col" className="num">
                  {words.share}
                </th>
                {groups.map((group, index) => (
                  <th scope="col" key={index} className="num wrap">
                    {group.label}
                    <span className="text-group-n"> n={group.n === null ? hiddenMark : formatCount(group.n, locale)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shownWords.map((entry) => {
                const byGroup = rows.find((row) => row.word === entry.word);
                return (
                  <tr key={entry.word} data-word={entry.word} className={entry.word === word ? 'text-word--picked' : undefined}>
                    <th scope="row">
                      <button type="button" className="text-word-button" aria-pressed={entry.word === word} onClick={() => onWord(entry.word === word ? undefined : entry.word)}>
                        {entry.word}
                      </button>
                    </th>
                    <td className="num">{formatCount(entry.count, locale)}</td>
                    <td className="num">{formatPercent(entry.share, locale)}</td>
                    {groups.map((_, index) => (
                      <td key={index} className="num">
                        {byGroup ? cellText(byGroup.cells[index]) : '—'}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="effects-legend">{words.wordsNote}</p>
      </section>

      <NetworkChart analysis={analysis} word={word} onWord={onWord} locale={locale} />

      <section className="text-codes" aria-labelledby="text-codes-title">
        <h3 id="text-codes-title" className="means__title">
          {words.codesTitle}
        </h3>
        {analysis.codes.length === 0 ? (
          <p className="chart-card__empty">{words.noCodes}</p>
        ) : (
          <div className="table-view__scroll" tabIndex={0} role="region" aria-labelledby="text-codes-title">
            <table className="data-table crosstab-table text-codes-table" data-testid="text-codes-table">
              <thead>
                <tr>
                  <th scope="col">{words.code}</th>
                  <th scope="col" className="num">
                    {words.total}
                  </th>
                  {codes?.groups.map((group, index) => (
                    <th scope="col" key={index} className="num wrap">
                      {group.label}
                      <span className="text-group-n"> n={group.n === null ? hiddenMark : formatCount(group.n, locale)}</span>
                    </th>
                  ))}
                  {codes && (
                    <th scope="col" className="num">
                      {words.test}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {analysis.codes.map((code, index) => {
                  const test = codes?.tests[index];
                  return (
                    <tr key={code.code} data-code={code.code} className={code.code === props.code ? 'text-word--picked' : undefined}>
                      <th scope="row">
                        <button
                          type="button"
                          className="text-word-button"
                          aria-pressed={code.code === props.code}
                          title={words.codeButton(code.code)}
                          onClick={() => onCode(code.code === props.code ? undefined : code.code)}
                          data-testid="text-code-button"
                        >
                          {code.code}
                        </button>
                      </th>
                      <td className="num">{`${formatPercent(code.share, locale)} (${formatCount(code.count, locale)})`}</td>
                      {codes?.groups.map((group, column) => <CodeCell key={column} cell={group.cells[index]} locale={locale} />)}
                      {codes && <td className="num">{test ? `χ² = ${formatNumber(test.statistic, locale, 2)}, df ${test.df}, ${props.texts.pAdjusted} ${formatP(test.pAdjusted, locale)}` : '—'}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {analysis.codes.length > 0 && <p className="effects-legend">{words.codesNote}</p>}
      </section>
      {hides && <HiddenLegend minGroupSize={props.minGroupSize} locale={locale} />}

      <section className="text-comments" ref={browser} aria-label={words.browserTitle}>
        <CommentBrowser
          surveyId={props.surveyId}
          query={props.query}
          locale={locale}
          reportLocale={props.reportLocale}
          texts={props.texts}
          minGroupSize={props.minGroupSize}
          questions={props.analyses.map((entry) => ({ question: entry.question, label: entry.label }))}
          question={analysis.question}
          questionTitle={props.questionTitle}
          codes={analysis.codes.map((entry) => entry.code)}
          word={word}
          code={props.code}
          onWord={props.onWord}
          onCode={props.onCode}
          onLoggedOut={props.onLoggedOut}
        />
      </section>
    </div>
  );
}

function CodeCell({ cell, locale }: { cell: TextCodeCell; locale: DashboardLocale }) {
  if (cell.share === null) return <td className="num">{tabulationTexts(locale).hidden}</td>;
  const mark = cell.mark;
  return (
    <td className={`num${mark ? ` mark mark--${mark.startsWith('▲') ? 'up' : 'down'}` : ''}`} data-mark={mark}>
      {`${formatPercent(cell.share, locale)} (${formatCount(cell.count ?? 0, locale)})`}
      {mark && <span className="mark__sign"> {mark}</span>}
    </td>
  );
}

/**
 * The drawing is laid out for the width it has (one unit a pixel), between these: on a phone the
 * communities stack instead of the whole drawing shrinking until its words cannot be read.
 */
const NETWORK_WIDTH = { min: 280, max: 900, first: 720 };

/** The width of the element `ref` points at, followed as it changes. */
function useWidth(): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(NETWORK_WIDTH.first);
  const [element, setElement] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!element) return;
    const measure = () => setWidth(Math.round(Math.min(NETWORK_WIDTH.max, Math.max(NETWORK_WIDTH.min, element.clientWidth))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, width];
}

function NetworkChart({ analysis, word, onWord, locale }: { analysis: TextAnalysis; word: string | undefined; onWord: (word: string | undefined) => void; locale: DashboardLocale }) {
  const words = textTexts(locale);
  const network = analysis.network;
  const [measured, width] = useWidth();
  const layout = useMemo(() => layoutNetwork(network, width), [network, width]);
  return (
    <section className="text-network" aria-labelledby="text-network-title" ref={measured}>
      <h3 id="text-network-title" className="means__title">
        {words.networkTitle}
      </h3>
      {network.edges.length === 0 ? (
        <p className="chart-card__empty">{words.noNetwork}</p>
      ) : (
        <svg className="text-network__svg" data-testid="text-network" viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-labelledby="text-network-title">
          {network.edges.map((edge, index) => {
            const a = layout.nodes[edge.source];
            const b = layout.nodes[edge.target];
            return <line key={index} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="text-network__edge" strokeWidth={0.75 + 6 * edge.jaccard} data-jaccard={edge.jaccard} />;
          })}
          {network.nodes.map((node, index) => {
            const place = layout.nodes[index];
            return (
              <g
                key={node.word}
                className={`text-network__node${node.word === word ? ' text-network__node--picked' : ''}`}
                data-testid="network-node"
                data-word={node.word}
                data-count={node.count}
                data-community={node.community}
                data-r={place.r}
                role="button"
                tabIndex={0}
                aria-label={`${node.word} ${formatCount(node.count, locale)}`}
                aria-pressed={node.word === word}
                onClick={() => onWord(node.word === word ? undefined : node.word)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onWord(node.word === word ? undefined : node.word);
                  }
                }}
              >
                <circle cx={place.x} cy={place.y} r={place.r} fill={seriesColour(node.community)} />
                <text x={place.labelX} y={place.labelY} textAnchor={place.anchor}>
                  {node.word}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <p className="effects-legend">{words.networkNote(network.rule.candidateWords, network.rule.maxEdges, network.rule.minCooccurrence)}</p>
    </section>
  );
}

/**
 * 記述の検索と一覧 (issue 30 "every comment findable", issue 27's paged comments): every comment of the selection,
 * a page at a time (newest first, 「もっと見る」 reads the next page by the server's cursor), searched by a text
 * (on the masked text), by a word and by a code (both picked in the 自由記述 view above, or a code from a
 * comment or the select), by question; the word's keyword in context over EVERY matching comment (the server's,
 * at most 500 lines); and the matching comments as CSV or Excel.
 *
 * Everything comes from GET …/comments (server/routes/comments.ts), which masks personal data, applies the
 * small-group rule to the selection and the search, and never sends the time or the response id.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CommentKwic } from '../../../../contracts/comments.ts';
import { formatCount } from '../../../../core/i18n/number-format.ts';
import { CommentsPanel } from '../comments-panel.tsx';
import { commentsDownloadUrl, fetchCommentKwic, fetchCommentPage, NotLoggedInError, type CommentSearch } from '../dashboard-api.ts';
import type { DashboardLocale, DashboardTexts } from '../dashboard-texts.ts';
import type { CommentList } from '../report-shape.ts';
import { SuppressedNote } from '../chart-card.tsx';
import { textTexts } from './text-texts.ts';

/** Comments per page. */
export const COMMENTS_PAGE = 20;

export interface CommentBrowserProps {
  surveyId: string;
  query: string;
  locale: DashboardLocale;
  reportLocale: string | undefined;
  texts: DashboardTexts;
  minGroupSize: number;
  /** The survey's comment questions, with their labels. */
  questions: ReadonlyArray<{ question: string; label: string }>;
  /** The question the 自由記述 view analyses: the list follows it. */
  question: string | undefined;
  /** A segment's (or any question's) title, for the respondent's segments shown with each comment. */
  questionTitle: (name: string) => string;
  /** The survey's codes (its coding rules), for the select. */
  codes: readonly string[];
  word: string | undefined;
  code: string | undefined;
  onWord: (word: string | undefined) => void;
  onCode: (code: string | undefined) => void;
  onLoggedOut: () => void;
}

interface ListState {
  list?: CommentList;
  busy: boolean;
  more?: boolean;
  error?: string;
}

export function CommentBrowser(props: CommentBrowserProps) {
  const { surveyId, query, locale, reportLocale, word, code, onWord, onCode, onLoggedOut } = props;
  const words = textTexts(locale);
  const searchId = useId();
  const [questionPick, setQuestionPick] = useState<string | undefined>(props.question);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState<string>();
  const [state, setState] = useState<ListState>({ busy: true });
  const [kwic, setKwic] = useState<{ word: string; result?: CommentKwic; error?: string }>();

  // The view's question picked above: the list follows it (the select here can widen it to every question).
  useEffect(() => setQuestionPick(props.question), [props.question]);

  const search: CommentSearch = { question: questionPick, q, word, code };
  const searchKey = JSON.stringify([surveyId, query, reportLocale, questionPick, q, word, code]);
  // The search a page read on with 「もっと見る」 was for: a page that comes back after the search changed is dropped.
  const currentKey = useRef(searchKey);
  currentKey.current = searchKey;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ list: previous.list, busy: true }));
    fetchCommentPage(surveyId, query, search, { limit: COMMENTS_PAGE, locale: reportLocale }, controller.signal).then(
      (list) => setState({ list, busy: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // searchKey stands for the search: a new object each render, the same search as long as the key is.
  }, [searchKey, onLoggedOut]);

  // Keyword in context for the picked word, over every comment the other parts of the search match.
  useEffect(() => {
    if (!word) {
      setKwic(undefined);
      return;
    }
    const controller = new AbortController();
    setKwic({ word });
    fetchCommentKwic(surveyId, query, { question: questionPick, q, code }, word, reportLocale, controller.signal).then(
      (result) => setKwic({ word, result }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setKwic({ word, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // searchKey stands for the search: a new object each render, the same search as long as the key is.
  }, [searchKey, onLoggedOut]);

  const readMore = () => {
    const cursor = state.list?.nextCursor;
    if (!cursor || state.more) return;
    setState((previous) => ({ ...previous, more: true }));
    const askedFor = searchKey;
    fetchCommentPage(surveyId, query, search, { limit: COMMENTS_PAGE, cursor, locale: reportLocale }).then(
      (page) => {
        if (currentKey.current !== askedFor) return;
        setState((previous) => ({
          busy: false,
          list: previous.list ? { ...page, comments: [...previous.list.comments, ...page.comments] } : page,
        }));
      },
      (error: unknown) => {
        if (currentKey.current !== askedFor) return;
        if (error instanceof NotLoggedInError) return onLoggedOut();
        setState((previous) => ({ ...previous, more: false, error: error instanceof Error ? error.message : String(error) }));
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    setQ(text === '' ? undefined : text);
  };

  const list = state.list;
  const filters: Array<{ key: string; label: string; clear: () => void }> = [
    ...(word ? [{ key: 'word', label: words.wordFilter(word), clear: () => onWord(undefined) }] : []),
    ...(code ? [{ key: 'code', label: words.codeFilter(code), clear: () => onCode(undefined) }] : []),
    ...(q ? [{ key: 'q', label: words.textFilter(q), clear: () => (setQ(undefined), setDraft('')) }] : []),
  ];
  const downloadable = !!list && list.total > 0 && !state.busy;

  const controls = (
    <div className="comment-browser__controls">
      <form className="comment-search" role="search" onSubmit={submit}>
        <label htmlFor={searchId} className="visually-hidden">
          {words.searchLabel}
        </label>
        <input
          id={searchId}
          type="search"
          value={draft}
          placeholder={words.searchPlaceholder}
          maxLength={200}
          onChange={(event) => {
            setDraft(event.target.value);
            // Emptied (the field's ×, or deleted): back to every comment at once.
            if (event.target.value === '' && q) setQ(undefined);
          }}
          data-testid="comment-search"
        />
        <button type="submit" className="analyst-button analyst-button--primary" data-testid="comment-search-button">
          {words.searchButton}
        </button>
      </form>
      {props.questions.length > 1 && (
        <div className="inline-select">
          <label htmlFor={`${searchId}-question`}>{words.question}</label>
          <select id={`${searchId}-question`} value={questionPick ?? ''} onChange={(event) => setQuestionPick(event.target.value || undefined)} data-testid="comment-question">
            <option value="">{words.allQuestions}</option>
            {props.questions.map((entry) => (
              <option key={entry.question} value={entry.question}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.codes.length > 0 && (
        <div className="inline-select">
          <label htmlFor={`${searchId}-code`}>{words.codeLabel}</label>
          <select id={`${searchId}-code`} value={code ?? ''} onChange={(event) => onCode(event.target.value || undefined)} data-testid="comment-code-select">
            <option value="">{words.allCodes}</option>
            {props.codes.map((entry) => (
              <option key={entry} value={entry}>
                {entry}
              </option>
            ))}
          </select>
        </div>
      )}
      {filters.length > 0 && (
        <ul className="filter-chips" aria-label={words.filtersLabel} data-testid="comment-filters">
          {filters.map((filter) => (
            <li key={filter.key} className="filter-chip" data-filter={filter.key}>
              <span>{filter.label}</span>
              <button type="button" className="filter-chip__remove" aria-label={words.removeFilter(filter.label)} title={words.removeFilter(filter.label)} onClick={filter.clear}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="downloads comment-downloads" role="group" aria-label={words.downloads} title={words.downloadNote}>
        <span className="downloads__label">{words.downloads}</span>
        {(['csv', 'xlsx'] as const).map((format) =>
          downloadable ? (
            <a key={format} className="analyst-button" href={commentsDownloadUrl(surveyId, query, search, format, reportLocale)} download data-testid={`comments-download-${format}`}>
              {words[format]}
            </a>
          ) : (
            <button key={format} type="button" className="analyst-button" disabled data-testid={`comments-download-${format}`}>
              {words[format]}
            </button>
          ),
        )}
      </div>
      {word && <KwicSection kwic={kwic} locale={locale} texts={props.texts} minGroupSize={props.minGroupSize} onClear={() => onWord(undefined)} />}
      {state.error && (
        <div className="dash-error" role="alert" data-testid="comments-error">
          <strong>{props.texts.loadFailed}</strong>: {state.error}
        </div>
      )}
    </div>
  );

  const footer =
    list && list.nextCursor ? (
      <div className="comment-browser__more">
        <button type="button" className="analyst-button" onClick={readMore} disabled={state.more} data-testid="comments-more">
          {state.more ? words.loadingMore : words.more}
        </button>
      </div>
    ) : null;

  return (
    <div className="comment-browser" data-testid="comment-browser">
      <CommentsPanel
        comments={list}
        locale={locale}
        texts={props.texts}
        questionTitle={(name) => props.questions.find((entry) => entry.question === name)?.label ?? name}
        minGroupSize={props.minGroupSize}
        showQuestion={props.questions.length > 1 && questionPick === undefined}
        wide
        title={words.browserTitle}
        subtitle={list ? words.listSubtitle(formatCount(list.comments.length, locale), formatCount(list.total, locale)) : undefined}
        controls={controls}
        footer={footer}
        details
        segmentTitle={props.questionTitle}
        onCode={(picked) => onCode(picked === code ? undefined : picked)}
        pickedCode={code}
        emptyText={filters.length > 0 ? words.noMatch : undefined}
        busy={state.busy}
      />
      <p className="effects-legend">{words.downloadNote}</p>
    </div>
  );
}

function KwicSection(props: { kwic: { word: string; result?: CommentKwic; error?: string } | undefined; locale: DashboardLocale; texts: DashboardTexts; minGroupSize: number; onClear: () => void }) {
  const { kwic, locale } = props;
  const words = textTexts(locale);
  const titleId = useId();
  if (!kwic) return null;
  const result = kwic.result;
  return (
    <section className="text-kwic" data-testid="text-kwic" aria-labelledby={titleId} aria-busy={!result && !kwic.error}>
      <h3 id={titleId} className="means__title">
        {words.kwicTitle(kwic.word)}
        <button type="button" className="analyst-button analyst-button--quiet" onClick={props.onClear}>
          {words.clearWord}
        </button>
      </h3>
      {kwic.error ? (
        <div className="dash-error" role="alert">
          <strong>{props.texts.loadFailed}</strong>: {kwic.error}
        </div>
      ) : !result ? (
        <p className="dash-status" role="status">
          {words.kwicLoading}
        </p>
      ) : result.suppressed.length > 0 ? (
        <SuppressedNote suppressed={result.suppressed} minGroupSize={props.minGroupSize} texts={props.texts} locale={locale} />
      ) : result.rows.length === 0 ? (
        <p className="chart-card__empty">{words.kwicNone}</p>
      ) : (
        <>
          <div className="table-view__scroll kwic-scroll" tabIndex={0} role="region" aria-labelledby={titleId}>
            <table className="data-table kwic-table" data-testid="kwic-table">
              <tbody>
                {result.rows.map((row, index) => (
                  <tr key={index}>
                    <td className="kwic-left">
                      <div className="kwic-clip">
                        <span>{row.left}</span>
                      </div>
                    </td>
                    <td className="kwic-keyword">{row.keyword}</td>
                    <td className="kwic-right">{row.right}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="effects-legend" data-testid="kwic-note">
            {words.kwicNote(formatCount(result.comments, locale), formatCount(result.containing, locale), formatCount(result.count, locale))}
            {result.truncated && ` ${words.kwicTruncated(formatCount(result.limit, locale))}`}
          </p>
        </>
      )}
    </section>
  );
}

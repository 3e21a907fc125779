/**
 * A list of free-text answers (masked by the server). They are shown as text, exactly as written:
 * React escapes every string it renders, and nothing here (or anywhere in the
 * dashboard) uses dangerouslySetInnerHTML, so "<script>" in a comment is just
 * eight characters on the screen (test/e2e/dashboard.test.ts proves it).
 * No dates and no response ids: the server never sends them (a comment must not be tied to a moment
 * or a record; server/routes/comments.ts).
 *
 * The overview shows the newest; the 自由記述 view (text/comment-browser.tsx) gives it its search
 * controls, a footer to read on, and `details`: each comment's codes (buttons that filter by the code)
 * and the respondent's segments.
 */
import { useId, type ReactNode } from 'react';
import { formatCount } from '../../../core/i18n/number-format.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import type { CommentList } from './report-shape.ts';
import { SuppressedNote } from './chart-card.tsx';
import { shortLabel } from './short-label.ts';

export interface CommentsPanelProps {
  comments: CommentList | undefined;
  locale: DashboardLocale;
  texts: DashboardTexts;
  questionTitle: (question: string) => string;
  minGroupSize: number;
  /** Show which question a comment answers (when the survey has several comment questions). */
  showQuestion: boolean;
  wide?: boolean;
  /** Instead of 「最近の自由記述」 and its count: the 自由記述 view's comments say what they are themselves. */
  title?: string;
  subtitle?: string;
  /** Search controls, between the title and the list. */
  controls?: ReactNode;
  /** After the list: reading on ("もっと見る"). */
  footer?: ReactNode;
  /** Each comment's codes and the respondent's first segments (the server sends them in the filter bar's order). */
  details?: boolean;
  /** A segment's name for people (its question's title); shown on hover and read out. */
  segmentTitle?: (name: string) => string;
  /** A code of a comment clicked: filter by it. */
  onCode?: (code: string) => void;
  /** The code filtered by, marked in each comment. */
  pickedCode?: string;
  /** Said when nothing matches (instead of 「自由記述はまだありません」). */
  emptyText?: string;
  /** Between loads: the list stays, marked busy. */
  busy?: boolean;
}

export function CommentsPanel(props: CommentsPanelProps) {
  const { comments, locale, texts, questionTitle, minGroupSize, showQuestion, wide, title, subtitle } = props;
  const titleId = useId();
  return (
    <section
      className={`chart-card comments-panel${wide ? ' chart-card--wide comments-panel--wide' : ''}`}
      aria-labelledby={titleId}
      aria-busy={props.busy ?? false}
      data-testid="comments-panel"
    >
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id={titleId} className="chart-card__title">
            {title ?? texts.commentsTitle}
          </h2>
          {comments && comments.comments.length > 0 && (
            <p className="chart-card__subtitle" data-testid="comments-count" data-shown={comments.comments.length} data-total={comments.total}>
              {subtitle ?? texts.commentsSubtitle(comments.comments.length, formatCount(comments.total, locale))}
            </p>
          )}
        </div>
      </header>
      {props.controls}
      {comments === undefined ? (
        <p className="chart-card__empty">{texts.loading}</p>
      ) : comments.comments.length === 0 ? (
        comments.suppressed.length === 0 && <p className="chart-card__empty" data-testid="comments-empty">{props.emptyText ?? texts.noComments}</p>
      ) : (
        // One column that scrolls on its own (focusable, so keyboard users can scroll it too): every
        // comment the subtitle counts is in it, none pushed into a column out of view.
        <ul className={`comment-list${props.details ? ' comment-list--details' : ''}`} tabIndex={0} aria-labelledby={titleId} data-testid="comment-list">
          {comments.comments.map((comment, index) => (
            <li key={index} className="comment" data-testid="comment">
              {showQuestion && <p className="comment__meta">{questionTitle(comment.question)}</p>}
              <p className="comment__text">{comment.text}</p>
              {props.details && (
                <CommentDetails
                  codes={comment.codes ?? []}
                  segments={comment.segments ?? {}}
                  segmentTitle={props.segmentTitle ?? ((name) => name)}
                  onCode={props.onCode}
                  pickedCode={props.pickedCode}
                  texts={texts}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {props.footer}
      {comments && comments.suppressed.length > 0 && <SuppressedNote suppressed={comments.suppressed} minGroupSize={minGroupSize} texts={texts} locale={locale} />}
    </section>
  );
}

/**
 * The respondent's segments shown with a comment: the first few (the ward, the age band, …); every one is in the
 * download. Fewer on screen, too, make a comment harder to tie to one person.
 */
const SEGMENTS_SHOWN = 3;

function CommentDetails(props: {
  codes: string[];
  segments: Record<string, string>;
  segmentTitle: (name: string) => string;
  onCode?: (code: string) => void;
  pickedCode?: string;
  texts: DashboardTexts;
}) {
  const segments = Object.entries(props.segments).slice(0, SEGMENTS_SHOWN);
  if (props.codes.length === 0 && segments.length === 0) return null;
  return (
    <div className="comment__details">
      {props.codes.length > 0 && (
        <ul className="comment__codes" aria-label={props.texts.commentCodes}>
          {props.codes.map((code) => (
            <li key={code}>
              {props.onCode ? (
                <button type="button" className="code-chip" aria-pressed={code === props.pickedCode} onClick={() => props.onCode!(code)} data-testid="comment-code">
                  {code}
                </button>
              ) : (
                <span className="code-chip">{code}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {segments.length > 0 && (
        <p className="comment__segments" data-testid="comment-segments">
          <span className="visually-hidden">{props.texts.commentSegments}: </span>
          {segments.map(([name, value], index) => {
            const label = shortLabel(props.segmentTitle(name));
            return (
              <span key={name} title={label}>
                {index > 0 && ' · '}
                <span className="visually-hidden">{label}: </span>
                {value}
              </span>
            );
          })}
        </p>
      )}
    </div>
  );
}

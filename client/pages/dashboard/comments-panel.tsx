/**
 * The newest free-text answers. They are shown as text, exactly as written:
 * React escapes every string it renders, and nothing here (or anywhere in the
 * dashboard) uses dangerouslySetInnerHTML, so "<script>" in a comment is just
 * eight characters on the screen (test/e2e/dashboard.test.ts proves it).
 * No dates: beside the timeline's daily counts they could single a writer out.
 */
import { useId } from 'react';
import { formatCount } from '../../../core/i18n/number-format.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import type { CommentList } from './report-shape.ts';
import { SuppressedNote } from './chart-card.tsx';

export interface CommentsPanelProps {
  comments: CommentList | undefined;
  locale: DashboardLocale;
  texts: DashboardTexts;
  questionTitle: (question: string) => string;
  minGroupSize: number;
  /** Show which question a comment answers (when the survey has several comment questions). */
  showQuestion: boolean;
  wide?: boolean;
  /** Instead of 「最近の自由記述」 and its count: the 自由記述 view's comments with a word say so themselves. */
  title?: string;
  subtitle?: string;
}

export function CommentsPanel({ comments, locale, texts, questionTitle, minGroupSize, showQuestion, wide, title, subtitle }: CommentsPanelProps) {
  const titleId = useId();
  return (
    <section className={`chart-card comments-panel${wide ? ' chart-card--wide comments-panel--wide' : ''}`} aria-labelledby={titleId} data-testid="comments-panel">
      <header className="chart-card__header">
        <div className="chart-card__titles">
          <h2 id={titleId} className="chart-card__title">
            {title ?? texts.commentsTitle}
          </h2>
          {comments && comments.comments.length > 0 && (
            <p className="chart-card__subtitle" data-testid="comments-count" data-shown={comments.comments.length}>
              {subtitle ?? texts.commentsSubtitle(comments.comments.length, formatCount(comments.total, locale))}
            </p>
          )}
        </div>
      </header>
      {comments === undefined ? (
        <p className="chart-card__empty">{texts.loading}</p>
      ) : comments.comments.length === 0 ? (
        <p className="chart-card__empty">{texts.noComments}</p>
      ) : (
        // One column that scrolls on its own (focusable, so keyboard users can scroll it too): every
        // comment the subtitle counts is in it, none pushed into a column out of view.
        <ul className="comment-list" tabIndex={0} aria-labelledby={titleId} data-testid="comment-list">
          {comments.comments.map((comment, index) => (
            <li key={index} className="comment" data-testid="comment">
              {showQuestion && <p className="comment__meta">{questionTitle(comment.question)}</p>}
              <p className="comment__text">{comment.text}</p>
            </li>
          ))}
        </ul>
      )}
      {comments && comments.suppressed.length > 0 && <SuppressedNote suppressed={comments.suppressed} minGroupSize={minGroupSize} texts={texts} locale={locale} />}
    </section>
  );
}

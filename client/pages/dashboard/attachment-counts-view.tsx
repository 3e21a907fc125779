/**
 * 「設問別」 for a signature or file question (issue 22): how many of the filtered responses signed or attached
 * something, and how many files, from GET …/attachment-counts. Counts only: the dashboard never shows a file, its
 * name or its type, and the report has no summary of these questions (their content is never analysed).
 */
import { useEffect, useState } from 'react';
import type { AttachmentCounts } from '../../../contracts/attachment-counts.ts';
import { formatCount, formatNumber, formatPercent } from '../../../core/i18n/number-format.ts';
import { attachmentCountsTexts } from './attachment-counts-texts.ts';
import { fetchAttachmentCounts } from './dashboard-api.ts';
import type { DashboardLocale } from './dashboard-texts.ts';
import './attachment-counts.css';

export function AttachmentCountsTable({ counts, question, locale }: { counts: AttachmentCounts; question: string; locale: DashboardLocale }) {
  const t = attachmentCountsTexts(locale);
  const count = counts.questions.find((candidate) => candidate.question === question);
  if (!count) return null;
  const signature = count.type === 'signaturepad';
  const responses = counts.responses;
  const share = (n: number) => (responses > 0 ? formatPercent(n / responses, locale) : '—');
  return (
    <div className="attachment-counts" data-testid="attachment-counts">
      <p className="attachment-counts__selected">{t.selected(formatCount(responses, locale))}</p>
      <table className="data-table" data-testid="attachment-counts-table">
        <caption className="visually-hidden">{t.caption(signature)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.item}</th>
            <th scope="col" className="num">{t.count}</th>
            <th scope="col" className="num">{t.share}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t.withAttachment(signature)}</th>
            <td className="num">{count.respondents === null ? '＊' : t.people(formatCount(count.respondents, locale))}</td>
            <td className="num">{count.respondents === null ? '＊' : share(count.respondents)}</td>
          </tr>
          <tr>
            <th scope="row">{t.withoutAttachment(signature)}</th>
            <td className="num">{count.respondents === null ? '＊' : t.people(formatCount(responses - count.respondents, locale))}</td>
            <td className="num">{count.respondents === null ? '＊' : share(responses - count.respondents)}</td>
          </tr>
          {!signature && (
            <tr>
              <th scope="row">{t.files}</th>
              <td className="num">
                {count.files === null ? '＊' : t.fileCount(formatCount(count.files, locale))}
                {count.files !== null && count.respondents ? t.perRespondent(formatNumber(count.files / count.respondents, locale, 1)) : ''}
              </td>
              <td className="num">—</td>
            </tr>
          )}
        </tbody>
      </table>
      {count.suppressed && <p className="attachment-counts__note">{t.hidden(formatCount(counts.minGroupSize, locale))}</p>}
      <p className="attachment-counts__note">{t.privacy}</p>
    </div>
  );
}

/** Loads the counts for the filters (`filterQuery`, dashboard-filters.ts) and shows `question`'s. */
export function AttachmentCountsView({ surveyId, filterQuery, reloadKey, question, locale }: { surveyId: string; filterQuery: string; reloadKey?: number; question: string; locale: DashboardLocale }) {
  const t = attachmentCountsTexts(locale);
  const [state, setState] = useState<{ counts?: AttachmentCounts; error?: string; query?: string }>({});
  useEffect(() => {
    const controller = new AbortController();
    fetchAttachmentCounts(surveyId, filterQuery, controller.signal).then(
      (counts) => setState({ counts, query: filterQuery }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [surveyId, filterQuery, reloadKey]);
  if (state.error !== undefined) return <p className="chart-card__empty" role="alert">{t.failed(state.error)}</p>;
  // The previous filters' counts stay while new ones load, as the report's charts do.
  if (!state.counts) return <p className="chart-card__empty">{t.loading}</p>;
  return (
    <div aria-busy={state.query !== filterQuery}>
      <AttachmentCountsTable counts={state.counts} question={question} locale={locale} />
    </div>
  );
}

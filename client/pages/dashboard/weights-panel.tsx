/**
 * An admin's panel for the survey's weighting margins (issue 30), opened from the filter bar: which file is in use
 * (its name, SHA-256 and lines), the CSV format (the CLI's `--weights`), and an upload. The server checks the file
 * against the survey and refuses it with one line naming the file's line, which is shown here as it is.
 */
import { useState } from 'react';
import type { SurveyWeights } from '../../../contracts/weights.ts';
import { formatCount } from '../../../core/i18n/number-format.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { ApiCallError, NotLoggedInError } from './dashboard-api.ts';
import { uploadSurveyWeights } from './weights-api.ts';

export interface WeightsPanelProps {
  surveyId: string;
  /** undefined while asked for; null: the survey has none. */
  weights: SurveyWeights | null | undefined;
  /** Why the survey's margins could not be read (a broken file placed on the server), in the server's words. */
  problem?: string;
  locale: DashboardLocale;
  texts: DashboardTexts;
  onUploaded: (weights: SurveyWeights) => void;
  onLoggedOut: () => void;
  onClose: () => void;
}

type Status = { kind: 'idle' } | { kind: 'uploading' } | { kind: 'saved'; file: string } | { kind: 'refused'; message: string };

export function WeightsPanel({ surveyId, weights, problem, locale, texts, onUploaded, onLoggedOut, onClose }: WeightsPanelProps) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function upload(file: File) {
    setStatus({ kind: 'uploading' });
    try {
      const saved = await uploadSurveyWeights(surveyId, { name: file.name, text: await file.text() });
      setStatus({ kind: 'saved', file: saved.file });
      onUploaded(saved);
    } catch (error) {
      if (error instanceof NotLoggedInError) return onLoggedOut();
      setStatus({ kind: 'refused', message: error instanceof ApiCallError || error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="margins-panel" aria-labelledby="margins-title" data-testid="margins-panel">
      <div className="margins-panel__head">
        <h2 id="margins-title" className="margins-panel__title">
          {texts.marginsTitle}
        </h2>
        <button type="button" className="analyst-button analyst-button--quiet" onClick={onClose}>
          {texts.close}
        </button>
      </div>
      {weights === null && !problem && <p className="margins-panel__text">{texts.marginsNone}</p>}
      {weights === null && problem && (
        <p className="margins-panel__error" role="alert" data-testid="margins-problem">
          {problem}
        </p>
      )}
      {weights && (
        <p className="margins-panel__text" data-testid="margins-current">
          <strong>{texts.marginsCurrent(weights.file, formatCount(weights.margins.length, locale))}</strong>
          <code className="margins-panel__hash">SHA-256 {weights.sha256}</code>
        </p>
      )}
      <p className="margins-panel__text margins-panel__format">{texts.marginsFormat}</p>
      <div className="margins-panel__upload">
        {/* The browser's own file button speaks the browser's language, not the dashboard's: it is hidden, its label is the button. */}
        <input
          id="margins-file"
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv"
          data-testid="margins-file"
          disabled={status.kind === 'uploading'}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ''; // the same file again is a new upload
            if (file) void upload(file);
          }}
        />
        <label htmlFor="margins-file" className="analyst-button margins-panel__choose">
          {texts.marginsChoose}
        </label>
      </div>
      <p className="margins-panel__status" role="status" aria-live="polite">
        {status.kind === 'uploading' ? texts.marginsUploading : status.kind === 'saved' ? texts.marginsSaved(status.file) : ''}
      </p>
      {status.kind === 'refused' && (
        <p className="margins-panel__error" role="alert" data-testid="margins-error">
          <strong>{texts.marginsRefused}</strong>: {status.message}
        </p>
      )}
    </section>
  );
}

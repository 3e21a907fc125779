/**
 * An admin's panel for the survey's weighting margins (issue 30), opened from the filter bar: which file is in use
 * (its name, SHA-256 and lines), the CSV format (the CLI's `--weights`), and an upload. The server checks the file
 * against the survey and refuses it with one line naming the file's line, which is shown here as it is.
 */
import { useState } from 'react';
import type { SurveyWeights } from '../../../contracts/weights.ts';
import { formatCount } from '../../../core/i18n/number-format.ts';
import type { DashboardLocale, DashboardTexts } from './dashboard-texts.ts';
import { AdminPanel, PanelError, PanelStatus, failureMessage } from './admin-panel.tsx';
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
      const message = failureMessage(error, onLoggedOut);
      if (message !== undefined) setStatus({ kind: 'refused', message });
    }
  }

  return (
    <AdminPanel id="margins" title={texts.marginsTitle} closeText={texts.close} onClose={onClose} testId="margins-panel">
      {weights === null && !problem && <p className="margins-panel__text">{texts.marginsNone}</p>}
      {weights === null && problem && <PanelError message={problem} testId="margins-problem" />}
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
      <PanelStatus text={status.kind === 'uploading' ? texts.marginsUploading : status.kind === 'saved' ? texts.marginsSaved(status.file) : ''} />
      {status.kind === 'refused' && <PanelError label={texts.marginsRefused} message={status.message} testId="margins-error" />}
    </AdminPanel>
  );
}

/**
 * The panel where analysts and admins mark test data (issue 30), opened from the filter bar: a kiosk and a period,
 * or response ids, with a reason (the server refuses a marking without one, and names a bad period or id, shown here
 * as it is); below, every marking of the survey with who made it and why, and an unmark that asks for its own reason.
 * A marking or an unmarking changes what every view counts, so the page reloads its views after each (onChanged).
 */
import { useEffect, useState } from 'react';
import type { TestMarking } from '../../../contracts/test-markings.ts';
import { formatCount } from '../../../core/i18n/number-format.ts';
import { AdminPanel, PanelError, PanelStatus, failureMessage } from './admin-panel.tsx';
import type { DashboardLocale } from './dashboard-texts.ts';
import { fetchTestMarkings, japanInstant, japanTime, markTestAnswers, splitIds, unmarkTestAnswers } from './test-markings-api.ts';
import { testMarkingsTexts } from './test-markings-texts.ts';
import './test-markings.css';

export interface TestMarkingsPanelProps {
  surveyId: string;
  locale: DashboardLocale;
  onChanged: () => void;
  onLoggedOut: () => void;
  onClose: () => void;
}

type Status = { kind: 'idle' } | { kind: 'sending' } | { kind: 'saved'; responses: number } | { kind: 'refused'; message: string };

export function TestMarkingsPanel({ surveyId, locale, onChanged, onLoggedOut, onClose }: TestMarkingsPanelProps) {
  const texts = testMarkingsTexts(locale);
  const [markings, setMarkings] = useState<TestMarking[]>();
  const [loadError, setLoadError] = useState<string>();
  const [mode, setMode] = useState<'kiosk' | 'ids'>('kiosk');
  const [kioskId, setKioskId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [ids, setIds] = useState('');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [listKey, setListKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchTestMarkings(surveyId, controller.signal).then(setMarkings, (error: unknown) => {
      if (controller.signal.aborted) return;
      const message = failureMessage(error, onLoggedOut);
      if (message !== undefined) setLoadError(message);
    });
    return () => controller.abort();
  }, [surveyId, onLoggedOut, listKey]);

  const failed = (error: unknown) => failureMessage(error, onLoggedOut);

  async function submit() {
    setStatus({ kind: 'sending' });
    try {
      // Empty fields are sent as they are missing, so the server's one line names what is wanted.
      const target =
        mode === 'kiosk'
          ? { ...(kioskId.trim() && { kioskId: kioskId.trim() }), ...(from && { from: japanInstant(from) }), ...(to && { to: japanInstant(to) }) }
          : { responseIds: splitIds(ids) };
      const saved = await markTestAnswers(surveyId, { ...(reason.trim() && { reason }), ...target } as Parameters<typeof markTestAnswers>[1]);
      setStatus({ kind: 'saved', responses: saved.responses });
      setReason('');
      setIds('');
      setListKey((key) => key + 1);
      onChanged();
    } catch (error) {
      const message = failed(error);
      if (message !== undefined) setStatus({ kind: 'refused', message });
    }
  }

  return (
    <AdminPanel id="marks" className="marks-panel" title={texts.title} closeText={texts.close} onClose={onClose} testId="marks-panel">
      <p className="margins-panel__text margins-panel__format">{texts.intro}</p>
      {/* A div, not a form: the panel sits inside the filter bar's form, and forms do not nest. */}
      <div className="marks-form" role="form" aria-labelledby="marks-title">
        <fieldset className="marks-form__mode">
          <legend>{texts.what}</legend>
          {(['kiosk', 'ids'] as const).map((value) => (
            <label key={value} className="marks-form__choice">
              <input type="radio" name="marks-mode" value={value} checked={mode === value} onChange={() => setMode(value)} data-testid={`marks-mode-${value}`} />
              {value === 'kiosk' ? texts.byKiosk : texts.byIds}
            </label>
          ))}
        </fieldset>
        {mode === 'kiosk' ? (
          <div className="marks-form__row">
            <label className="marks-form__field">
              <span>{texts.kioskId}</span>
              <input type="text" value={kioskId} onChange={(event) => setKioskId(event.target.value)} autoComplete="off" spellCheck={false} data-testid="marks-kiosk" />
            </label>
            <label className="marks-form__field">
              <span>{texts.from}</span>
              <input type="datetime-local" value={from} max={to || undefined} onChange={(event) => setFrom(event.target.value)} data-testid="marks-from" />
            </label>
            <label className="marks-form__field">
              <span>{texts.to}</span>
              <input type="datetime-local" value={to} min={from || undefined} onChange={(event) => setTo(event.target.value)} data-testid="marks-to" />
            </label>
          </div>
        ) : (
          <label className="marks-form__field marks-form__wide">
            <span>{texts.ids}</span>
            <textarea rows={3} value={ids} onChange={(event) => setIds(event.target.value)} spellCheck={false} data-testid="marks-ids" />
          </label>
        )}
        <label className="marks-form__field marks-form__wide">
          <span>{texts.reason}</span>
          <input type="text" value={reason} placeholder={texts.reasonPlaceholder} onChange={(event) => setReason(event.target.value)} maxLength={500} data-testid="marks-reason" />
        </label>
        <div>
          <button type="button" className="analyst-button" disabled={status.kind === 'sending'} onClick={() => void submit()} data-testid="marks-submit">
            {texts.mark}
          </button>
        </div>
      </div>
      <PanelStatus text={status.kind === 'sending' ? texts.marking : status.kind === 'saved' ? texts.marked(formatCount(status.responses, locale)) : ''} />
      {status.kind === 'refused' && <PanelError label={texts.refused} message={status.message} testId="marks-error" />}
      <h3 className="marks-list__title">{texts.listTitle}</h3>
      {loadError && <PanelError label={texts.loadFailed} message={loadError} />}
      {markings?.length === 0 && <p className="margins-panel__text">{texts.none}</p>}
      {markings && markings.length > 0 && (
        <ul className="marks-list" data-testid="marks-list">
          {markings.map((marking) => (
            <MarkingItem
              key={marking.markingId}
              marking={marking}
              locale={locale}
              onUnmark={async (why) => {
                try {
                  await unmarkTestAnswers(surveyId, marking.markingId, { reason: why });
                  setStatus({ kind: 'idle' });
                  setListKey((key) => key + 1);
                  onChanged();
                  return undefined;
                } catch (error) {
                  return failed(error);
                }
              }}
            />
          ))}
        </ul>
      )}
    </AdminPanel>
  );
}

function MarkingItem({ marking, locale, onUnmark }: { marking: TestMarking; locale: DashboardLocale; onUnmark: (reason: string) => Promise<string | undefined> }) {
  const texts = testMarkingsTexts(locale);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const { target } = marking;
  const what =
    target.kind === 'kiosk'
      ? texts.kioskTarget(target.kioskId, japanTime(target.from), japanTime(target.to))
      : texts.idsTarget(formatCount(target.responseIds.length, locale));
  return (
    <li className={`marks-list__item${marking.unmarked ? ' marks-list__item--withdrawn' : ''}`} data-testid="marks-item">
      <div className="marks-list__what">
        <strong>{what}</strong>
        <span className="marks-list__count">{texts.covers(formatCount(marking.responses, locale))}</span>
      </div>
      <div className="marks-list__why">「{marking.reason}」</div>
      <div className="marks-list__who">{texts.by(marking.who, japanTime(marking.at))}</div>
      {marking.unmarked && <div className="marks-list__who">{texts.unmarked(marking.unmarked.who, japanTime(marking.unmarked.at), marking.unmarked.reason)}</div>}
      {!marking.unmarked && !asking && (
        <button type="button" className="analyst-button analyst-button--quiet marks-list__unmark" onClick={() => setAsking(true)} data-testid="marks-unmark">
          {texts.unmark}
        </button>
      )}
      {!marking.unmarked && asking && (
        <div className="marks-list__confirm">
          <label className="marks-form__field marks-form__wide">
            <span>{texts.unmarkReason}</span>
            <input type="text" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} data-testid="marks-unmark-reason" />
          </label>
          <button
            type="button"
            className="analyst-button"
            data-testid="marks-unmark-confirm"
            onClick={async () => {
              const message = await onUnmark(reason);
              if (message !== undefined) setError(message);
            }}
          >
            {texts.confirmUnmark}
          </button>
          <button type="button" className="analyst-button analyst-button--quiet" onClick={() => setAsking(false)}>
            {texts.cancel}
          </button>
          {error && <PanelError message={error} />}
        </div>
      )}
    </li>
  );
}

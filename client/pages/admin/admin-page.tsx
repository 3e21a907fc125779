/**
 * /admin: enroll and revoke kiosk tablets, and generate invitation codes for
 * surveys with `"invitations": "required"` (CSV and a printable sheet with QR
 * codes). Codes appear only in the answer that made them; the server keeps
 * their hashes (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SurveySummary } from '../../../contracts/submission.ts';
import { WARDS, type WardCode } from '../../../contracts/wards.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useAnalystLocale } from '../dashboard/analyst-locale.ts';
import { fetchCurrentUser, fetchDefinition, fetchSurveys, NotLoggedInError } from '../dashboard/dashboard-api.ts';
import { DASHBOARD_LOCALES } from '../dashboard/dashboard-texts.ts';
import { localizeText } from '../../../core/definitions/localize-text.ts';
import type { CurrentUser } from '../dashboard/report-shape.ts';
import {
  createEnrollment,
  generateInvitations,
  listInvitationBatches,
  listKiosks,
  revokeKiosk,
  type GeneratedInvitations,
  type InvitationBatchView,
  type KioskView,
  type NewEnrollment,
} from './admin-api.ts';
import { adminTexts, type AdminTexts } from './admin-texts.ts';
import '../dashboard/analyst-shell.css';
import './admin.css';

function goToLogin(): void {
  window.location.replace(`/login?next=${encodeURIComponent(window.location.pathname)}`);
}

const formatTime = (iso: string, locale: string) => new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'ja-JP');

export default function AdminPage() {
  const [locale, setLocale] = useAnalystLocale();
  const texts = adminTexts(locale);
  const [user, setUser] = useState<CurrentUser>();
  const [surveys, setSurveys] = useState<Array<SurveySummary & { invitations: boolean }>>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    document.title = texts.title;
  }, [texts]);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const me = await fetchCurrentUser(controller.signal);
      setUser(me);
      const list = await fetchSurveys(controller.signal);
      // The summary does not say whether a survey takes invitations; its definition does.
      const definitions = await Promise.all(list.map((survey) => fetchDefinition(survey.id, controller.signal)));
      setSurveys(list.map((survey, i) => ({ ...survey, invitations: definitions[i].invitations === 'required' })));
    })().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      if (error instanceof NotLoggedInError) return goToLogin();
      setFailure((error as Error).message);
    });
    return () => controller.abort();
  }, []);

  let body;
  if (failure) body = <p className="admin-error" role="alert">{texts.failed}: {failure}</p>;
  else if (!user || !surveys) body = <p role="status">{texts.loading}</p>;
  else if (user.role !== 'admin') body = <p role="alert">{texts.adminOnly}</p>;
  else {
    body = (
      <>
        {/* Every survey a kiosk can collect, as the home page offers them (issue 29: only the visitor survey was
            offered). A survey that needs an invitation code per answer has no kiosk mode: the kiosk cannot ask for one,
            and the server refuses such kiosks (server/routes/kiosks.ts). */}
        <KiosksSection texts={texts} locale={locale} surveys={surveys.filter((survey) => !survey.invitations)} />
        <InvitationsSection texts={texts} locale={locale} surveys={surveys.filter((survey) => survey.invitations)} />
      </>
    );
  }

  return (
    <div className="analyst-shell admin">
      <header className="admin-header admin-print-hide">
        <p className="admin-header__title">{texts.title}</p>
        <nav className="admin-header__end" aria-label={texts.title}>
          <a className="admin-header__link" href="/dashboard">
            {texts.backToDashboard}
          </a>
          <LanguageSwitch languages={DASHBOARD_LOCALES} current={locale} onChange={setLocale} />
        </nav>
      </header>
      <main className="admin-main">{body}</main>
    </div>
  );
}

function ErrorLine({ error }: { error?: string }) {
  return error ? (
    <p className="admin-error" role="alert">
      {error}
    </p>
  ) : null;
}

function KiosksSection({ texts, locale, surveys }: { texts: AdminTexts; locale: string; surveys: SurveySummary[] }) {
  const [kiosks, setKiosks] = useState<KioskView[]>();
  const [kioskId, setKioskId] = useState('');
  const [ward, setWard] = useState<WardCode>('chuo');
  const [surveyId, setSurveyId] = useState(surveys[0]?.id ?? '');
  const [created, setCreated] = useState<NewEnrollment>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => listKiosks().then(setKiosks, (failure: Error) => setError(failure.message)), []);
  useEffect(() => void reload(), [reload]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      setCreated(await createEnrollment(kioskId.trim(), ward, surveyId));
      setKioskId('');
      await reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  async function revoke(id: string) {
    setError(undefined);
    try {
      await revokeKiosk(id);
      await reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  const status = (kiosk: KioskView) =>
    kiosk.revokedAt
      ? texts.revokedAt(formatTime(kiosk.revokedAt, locale))
      : kiosk.enrolledAt
        ? texts.enrolledAt(formatTime(kiosk.enrolledAt, locale))
        : texts.pendingUntil(formatTime(kiosk.enrollExpiresAt!, locale));

  return (
    <section className="admin-section admin-print-hide" aria-labelledby="admin-kiosks">
      <h1 id="admin-kiosks">{texts.kiosks}</h1>
      <p>{texts.kiosksHelp}</p>
      <form className="admin-form" onSubmit={(event) => void create(event)}>
        <label>
          {texts.kioskId}
          <input name="kioskId" value={kioskId} onChange={(event) => setKioskId(event.target.value)} placeholder="chuo-01" required pattern="[A-Za-z0-9._\-]{1,64}" />
        </label>
        <label>
          {texts.ward}
          <select name="ward" value={ward} onChange={(event) => setWard(event.target.value as WardCode)}>
            {WARDS.map((option) => (
              <option key={option.code} value={option.code}>
                {locale === 'en' ? option.en : option.ja}
              </option>
            ))}
          </select>
        </label>
        <label>
          {texts.survey}
          <select name="surveyId" value={surveyId} onChange={(event) => setSurveyId(event.target.value)}>
            {surveys.map((survey) => (
              <option key={survey.id} value={survey.id}>
                {localizeText(survey.title, locale, survey.id)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="analyst-button analyst-button--primary">
          {texts.createCode}
        </button>
      </form>
      <ErrorLine error={error} />
      {created && (
        <div className="admin-code" data-testid="enrollment-code">
          <img src={created.qr} alt={created.url} width={160} height={160} />
          <div>
            <p>{texts.codeFor(created.kiosk.kioskId)}</p>
            <p className="admin-code__value">
              <code data-testid="enrollment-code-value">{created.code}</code>
            </p>
            <p>
              <a href={created.url} data-testid="enrollment-url">
                {created.url}
              </a>
            </p>
            <p>{texts.codeHowTo}</p>
          </div>
        </div>
      )}
      {kiosks && kiosks.length === 0 && <p>{texts.noKiosks}</p>}
      {kiosks && kiosks.length > 0 && (
        <table className="admin-table" data-testid="kiosk-table">
          <thead>
            <tr>
              <th>{texts.kioskId}</th>
              <th>{texts.ward}</th>
              <th>{texts.status}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {kiosks.map((kiosk) => (
              <tr key={kiosk.kioskId} data-kiosk-id={kiosk.kioskId}>
                <td>
                  <code>{kiosk.kioskId}</code>
                </td>
                <td>{WARDS.find((option) => option.code === kiosk.ward)?.[locale === 'en' ? 'en' : 'ja']}</td>
                <td>{status(kiosk)}</td>
                <td>
                  {!kiosk.revokedAt && (
                    <button type="button" className="analyst-button" onClick={() => void revoke(kiosk.kioskId)}>
                      {texts.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InvitationsSection({ texts, locale, surveys }: { texts: AdminTexts; locale: string; surveys: SurveySummary[] }) {
  const [surveyId, setSurveyId] = useState(surveys[0]?.id ?? '');
  const [count, setCount] = useState('30');
  const [workplace, setWorkplace] = useState('');
  const [batches, setBatches] = useState<InvitationBatchView[]>();
  const [generated, setGenerated] = useState<GeneratedInvitations>();
  const [error, setError] = useState<string>();
  // The card names the survey it was generated for, in the page's language.
  const generatedFor = surveys.find((survey) => survey.id === generated?.batch.surveyId) ?? surveys.find((survey) => survey.id === surveyId);
  const surveyTitle = generatedFor ? localizeText(generatedFor.title, locale, generatedFor.id) : surveyId;
  const reload = useCallback(() => {
    if (surveyId) void listInvitationBatches(surveyId).then(setBatches, (failure: Error) => setError(failure.message));
  }, [surveyId]);
  useEffect(reload, [reload]);

  async function generate(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      setGenerated(await generateInvitations(surveyId, Number(count), workplace.trim()));
      reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  function downloadCsv() {
    if (!generated) return;
    const url = URL.createObjectURL(new Blob([generated.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `invitations-${surveyId}-${generated.batch.createdAt.slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section className="admin-section" aria-labelledby="admin-invitations">
      <div className="admin-print-hide">
        <h1 id="admin-invitations">{texts.invitations}</h1>
        <p>{texts.invitationsHelp}</p>
        {surveys.length === 0 ? (
          <p>{texts.noInvitationSurveys}</p>
        ) : (
          <form className="admin-form" onSubmit={(event) => void generate(event)}>
            <label>
              {texts.survey}
              <select name="invitationSurvey" value={surveyId} onChange={(event) => setSurveyId(event.target.value)}>
                {surveys.map((survey) => (
                  <option key={survey.id} value={survey.id}>
                    {localizeText(survey.title, locale, survey.id)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {texts.count}
              <input name="count" type="number" min={1} max={1000} value={count} onChange={(event) => setCount(event.target.value)} required />
            </label>
            <label>
              {texts.workplace}
              <input name="workplace" value={workplace} onChange={(event) => setWorkplace(event.target.value)} maxLength={60} />
            </label>
            <button type="submit" className="analyst-button analyst-button--primary">
              {texts.generate}
            </button>
          </form>
        )}
        <ErrorLine error={error} />
        {batches && batches.length > 0 && (
          <table className="admin-table" data-testid="invitation-batches">
            <caption>{texts.batches}</caption>
            <thead>
              <tr>
                <th>{texts.created}</th>
                <th>{texts.workplace}</th>
                <th>{texts.count}</th>
                <th>{texts.spent}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <tr key={batch.id}>
                  <td>{formatTime(batch.createdAt, locale)}</td>
                  <td>{batch.workplace ?? '—'}</td>
                  <td>{batch.count}</td>
                  <td>{batch.spent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {batches && batches.length > 0 && (
          <p data-testid="spent-in-steps">
            {texts.spentInSteps(batches[0].spentStep)}
          </p>
        )}
      </div>
      {generated && (
        <>
          <div className="admin-print-hide admin-form">
            <p role="status">{texts.generated(generated.codes.length)}</p>
            <button type="button" className="analyst-button" onClick={downloadCsv}>
              {texts.downloadCsv}
            </button>
            <button type="button" className="analyst-button" onClick={() => window.print()}>
              {texts.print}
            </button>
          </div>
          <ul className="invitation-sheet" data-testid="invitation-sheet">
            {generated.codes.map((entry) => (
              <li key={entry.code} className="invitation-card">
                <p className="invitation-card__survey">{surveyTitle}</p>
                {generated.batch.workplace && <p className="invitation-card__workplace">{generated.batch.workplace}</p>}
                <img src={entry.qr} alt="" width={140} height={140} />
                <code>{entry.code}</code>
                <p className="invitation-card__url">{entry.url}</p>
                <p className="invitation-card__how">{texts.cardHowTo}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * /: the surveys this server collects, with their online form and, for staff
 * setting up tablets, a kiosk URL per ward. Also shows this browser's queue.
 */
import { useEffect, useState } from 'react';
import type { SurveySummary } from '../../../contracts/submission.ts';
import { WARDS } from '../../../contracts/wards.ts';
import { QueueIndicator } from '../../components/queue-indicator.tsx';
import { fetchSurveyDefinition, fetchSurveyList } from '../../survey/fetch-survey-definition.ts';
import { describeLanguage } from '../../survey/describe-language.ts';
import { kioskUrl } from '../kiosk/read-kiosk-settings.ts';
import './home.css';

const AUDIENCE_LABELS: Record<SurveySummary['audience'], string> = {
  visitor: '来庁者 / Visitors',
  citizen: '市民 / Citizens',
  staff: '職員 / Staff',
};

export default function HomePage() {
  const [surveys, setSurveys] = useState<SurveySummary[] | Error>();
  /** Surveys that need an invitation code per answer: a kiosk cannot ask for one, so they get no kiosk URLs (issue 29). */
  const [invitationOnly, setInvitationOnly] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    document.documentElement.lang = 'ja';
    fetchSurveyList().then(
      (list) => {
        setSurveys(list);
        // The summary does not say whether a survey takes invitations; its definition does. A definition that
        // fails to load leaves its kiosk URLs shown, as before.
        for (const survey of list) {
          fetchSurveyDefinition(survey.id).then(
            (definition) => {
              if (definition.invitations === 'required') setInvitationOnly((previous) => new Set([...previous, survey.id]));
            },
            () => undefined,
          );
        }
      },
      (error: unknown) => setSurveys(error instanceof Error ? error : new Error(String(error))),
    );
  }, []);

  return (
    <div className="home">
      <header className="home__header">
        <h1>札幌市 区役所アンケート</h1>
        <p lang="en">Sapporo ward-office surveys</p>
      </header>
      <main className="home__main">
        {surveys === undefined && <p role="status">読み込み中… / Loading…</p>}
        {surveys instanceof Error && (
          <p role="alert">
            アンケート一覧を読み込めませんでした / Could not load the surveys: <code>{surveys.message}</code>
          </p>
        )}
        {Array.isArray(surveys) && (
          <ul className="survey-list" data-testid="survey-list">
            {surveys.map((survey) => (
              <li key={survey.id} className="survey-card">
                <h2>{survey.title.ja ?? survey.id}</h2>
                {survey.title.en && <p lang="en" className="survey-card__subtitle">{survey.title.en}</p>}
                <p className="survey-card__meta">
                  {AUDIENCE_LABELS[survey.audience]} · v{survey.version} · {survey.languages.map(describeLanguage).join(' / ')}
                </p>
                <p>
                  <a className="button button--primary" href={`/s/${encodeURIComponent(survey.id)}`}>
                    オンラインで回答 / Answer online
                  </a>
                </p>
                {invitationOnly.has(survey.id) ? (
                  <p className="survey-card__no-kiosk" data-testid="no-kiosk">
                    招待コードが必要なため、キオスクでは使えません。<span lang="en">Needs an invitation code per answer, so it has no kiosk mode.</span>
                  </p>
                ) : (
                <details className="survey-card__kiosk">
                  <summary>キオスク（タブレット）用 URL / Kiosk URLs</summary>
                  <p>
                    区を選んでタブレットで開いてください。/ Open on the tablet of that ward office. Add <code>&amp;idle=&lt;seconds&gt;</code> to
                    change the idle reset (default 90 s).
                  </p>
                  <ul className="ward-links">
                    {WARDS.map((ward) => (
                      <li key={ward.code}>
                        <a href={kioskUrl(survey.id, ward.code)}>
                          {ward.ja} <span lang="en">{ward.en}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </main>
      <footer className="home__footer">
        <QueueIndicator requireHold={false} />
      </footer>
    </div>
  );
}

/**
 * /s/<surveyId>: the online form for citizens and staff, on their own phones and
 * PCs. A citizen survey's answers are saved on the device as they are given
 * (saved-progress.ts), so a closed tab resumes; an anonymous survey, answered on
 * shared office PCs, keeps nothing on the device, or only sealed under the
 * person's own invitation code when its definition opts in
 * (core/definitions/resume-policy.ts). The response completes once and then goes
 * through the same durable queue as the kiosk's.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { resumePolicy, type ResumePolicy } from '../../../core/definitions/resume-policy.ts';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.css';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { LoadingMessage } from '../../components/loading-message.tsx';
import { OfflineBanner } from '../../components/offline-banner.tsx';
import { NotFoundPage } from '../../components/not-found-page.tsx';
import { pageTexts } from '../../components/page-texts.ts';
import { SurveyLoadFailed } from '../../components/survey-load-failed.tsx';
import { useQueueStatus } from '../../queue/use-queue-status.ts';
import { buildSubmission } from '../../survey/build-submission.ts';
import { createSurveyModel } from '../../survey/create-survey-model.ts';
import { orderLanguages } from '../../survey/describe-language.ts';
import type { SurveyDefinitionJson } from '../../survey/fetch-survey-definition.ts';
import { loadSurveyUiStrings } from '../../survey/load-survey-ui-strings.ts';
import { makeSubmissionId } from '../../survey/make-submission-id.ts';
import { usePastFirstPage } from '../../survey/use-past-first-page.ts';
import { useSurveyCompletion } from '../../survey/use-survey-completion.ts';
import { useSurveyDefinition } from '../../survey/use-survey-definition.ts';
import '../../styles/survey-page.css';
import './online.css';
import { InvitationGate } from './invitation-gate.tsx';
import { forgetStaleAnswers } from './forget-stale-answers.ts';
import {
  browserStorage,
  completionStorageKey,
  deviceProgressStore,
  forgettingProgressStore,
  progressStorageKey,
  type ProgressStore,
  type SavedProgress,
} from './saved-progress.ts';
import { openSealedProgress } from './sealed-progress.ts';

export default function OnlinePage({ surveyId }: { surveyId: string }) {
  const definition = useSurveyDefinition(surveyId);
  if (definition.state === 'loading') return <LoadingMessage />;
  if (definition.state === 'error') {
    return definition.error.kind === 'not-found' ? <NotFoundPage path={location.pathname} /> : <SurveyLoadFailed error={definition.error} />;
  }
  return <SurveyWithPolicy surveyId={surveyId} definition={definition.definition} />;
}

function SurveyWithPolicy({ surveyId, definition }: { surveyId: string; definition: SurveyDefinitionJson }) {
  const policy = resumePolicy(definition);
  // Before anything renders: what an earlier page left of an anonymous survey's answers goes now.
  useMemo(() => policy !== 'device' && forgetStaleAnswers(surveyId, { keepSealed: policy === 'invitation' }), [surveyId, policy]);
  const device = useMemo(() => {
    if (policy !== 'device') return undefined;
    const storage = browserStorage();
    return { storage, progress: deviceProgressStore(storage, progressStorageKey(surveyId, definition.version)) };
  }, [policy, surveyId, definition.version]);
  const nothingKept = useMemo(() => forgettingProgressStore(), []);

  if (definition.invitations === 'required') return <InvitationSurvey surveyId={surveyId} definition={definition} policy={policy} />;
  if (device) return <OnlineSurvey surveyId={surveyId} definition={definition} progress={device.progress} completionMarks={device.storage} />;
  // Anonymous without invitation codes: nothing kept, and no "already answered" lock, which would turn the next colleague away.
  return <OnlineSurvey surveyId={surveyId} definition={definition} progress={nothingKept} />;
}

/**
 * A survey with `"invitations": "required"`: code first, then the survey. The
 * code does the job the browser's "already answered" note does elsewhere, so
 * the next person starts at the code again. Unfinished answers are kept only
 * with `"resume": "invitation"`, sealed under the code (sealed-progress.ts).
 */
function InvitationSurvey({ surveyId, definition, policy }: { surveyId: string; definition: SurveyDefinitionJson; policy: ResumePolicy }) {
  const [accepted, setAccepted] = useState<{ code: string; progress: ProgressStore }>();
  const [opening, setOpening] = useState(false);
  const title = useMemo(() => createSurveyModel(definition, 'online', definition.locale ?? 'ja').title, [definition]);
  const englishTitle = useMemo(() => createSurveyModel(definition, 'online', 'en').title, [definition]);
  const onAccepted = useCallback(
    (code: string) => {
      if (policy !== 'invitation') return setAccepted({ code, progress: forgettingProgressStore() });
      setOpening(true);
      openSealedProgress(browserStorage(), surveyId, definition.version, code)
        .catch(() => undefined)
        .then((sealed) => setAccepted({ code, progress: sealed ?? forgettingProgressStore() }))
        .finally(() => setOpening(false));
    },
    [policy, surveyId, definition.version],
  );
  const invitation = useMemo(() => accepted && { code: accepted.code, onFinished: () => setAccepted(undefined) }, [accepted]);
  if (opening) return <LoadingMessage />;
  if (!accepted || !invitation) return <InvitationGate surveyId={surveyId} title={title} englishTitle={englishTitle} onAccepted={onAccepted} />;
  return <OnlineSurvey key={accepted.code} surveyId={surveyId} definition={definition} progress={accepted.progress} invitation={invitation} />;
}

interface Run {
  number: number;
  model: Model;
  startedAt: Date | undefined;
  resumed: boolean;
}

function OnlineSurvey(props: {
  surveyId: string;
  definition: SurveyDefinitionJson;
  /** Where unfinished answers are kept (saved-progress.ts). */
  progress: ProgressStore;
  /** Where "already answered" is noted after a completion; absent for anonymous surveys. */
  completionMarks?: Storage;
  invitation?: { code: string; onFinished: () => void };
}) {
  const { surveyId, definition, progress, completionMarks, invitation } = props;
  const primaryLocale = definition.locale ?? 'ja';
  const completionKey = completionStorageKey(surveyId, definition.version);
  const saved = progress.initial;

  const [run, setRun] = useState<Run>(() => startRun(definition, primaryLocale, saved, 1));
  const [locale, setLocale] = useState(saved?.locale ?? primaryLocale);
  const [alreadyAnswered, setAlreadyAnswered] = useState(() => completionMarks !== undefined && !saved && completionMarks.getItem(completionKey) !== null);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const languages = useMemo(() => orderLanguages(run.model.getUsedLocales(), primaryLocale), [run, primaryLocale]);
  const texts = pageTexts(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const writeProgress = useCallback(
    (model: Model, extra: Partial<SavedProgress> = {}) => {
      progress.save({
        data: model.data as Record<string, unknown>,
        currentPageNo: model.currentPageNo,
        startedAt: (run.startedAt ?? new Date()).toISOString(),
        locale: localeRef.current,
        ...extra,
      });
    },
    [progress, run],
  );

  const pastFirstPage = usePastFirstPage(run.model);
  const { phase, retry, backToAnswering } = useSurveyCompletion({
    surveyId,
    model: run.model,
    // A completion whose tab died before it reached the queue: queue that same submission now.
    pending: saved?.completedSubmission,
    buildSubmission: (data, completedAt) =>
      buildSubmission({
        submissionId: makeSubmissionId(),
        surveyVersion: definition.version,
        channel: 'online',
        locale: localeRef.current,
        startedAt: run.startedAt ?? completedAt,
        completedAt,
        data,
        invitationCode: invitation?.code,
      }),
    // Written before queueing: if the tab dies in between, the next load queues this same submission.
    beforeQueue: (submission) => writeProgress(run.model, { completedSubmission: submission }),
    afterQueue: (submission) => {
      // Saved progress exists only while a person is mid-survey: once queued, nothing of theirs stays to be resumed.
      progress.clear();
      if (!completionMarks) return;
      try {
        completionMarks.setItem(completionKey, submission.completedAt);
      } catch {
        // Storage full or disabled: the response is queued all the same; only the "already answered" note is lost.
      }
    },
  });

  useEffect(() => {
    const model = run.model;
    const onChange = (sender: Model) => {
      // survey-core changes values while completing (clearInvisibleValues): those must not save progress again.
      if (sender.state === 'completed') return;
      // startedAt belongs to this run only and never drives rendering, so it is set in place.
      run.startedAt ??= new Date();
      writeProgress(model);
    };
    model.onValueChanged.add(onChange);
    model.onCurrentPageChanged.add(onChange);
    return () => {
      model.onValueChanged.remove(onChange);
      model.onCurrentPageChanged.remove(onChange);
    };
  }, [run, writeProgress]);

  const restart = useCallback(() => {
    progress.clear();
    setRun((previous) => startRun(definition, localeRef.current, null, previous.number + 1));
    setAlreadyAnswered(false);
    backToAnswering();
    window.scrollTo(0, 0);
  }, [progress, definition, backToAnswering]);

  const switchLanguage = useCallback(
    (next: string) => {
      void loadSurveyUiStrings(next).then(() => {
        run.model.locale = next;
        localeRef.current = next;
        setLocale(next);
        if (run.startedAt) writeProgress(run.model);
      });
    },
    [run, writeProgress],
  );

  return (
    <div className={pastFirstPage ? 'online survey-page--past-first' : 'online'} lang={locale}>
      <header className="online__bar">
        <LanguageSwitch languages={languages} current={locale} onChange={switchLanguage} />
      </header>
      <OfflineBanner locale={locale} />
      <main className="online__main" data-testid="online-main">
        {phase === 'answering' && !alreadyAnswered && run.resumed && (
          <p className="online__notice" data-testid="resumed-notice">
            {texts.resumed}{' '}
            <button type="button" className="button button--link" onClick={restart}>
              {texts.discardAndRestart}
            </button>
          </p>
        )}
        {phase === 'answering' && !alreadyAnswered && <Survey key={run.number} model={run.model} />}
        {phase === 'saving' && <p role="status">{texts.saving}</p>}
        {phase === 'thanks' && <OnlineThankYou locale={locale} onAnswerAgain={invitation ? invitation.onFinished : restart} />}
        {phase === 'answering' && alreadyAnswered && (
          <section className="thank-you" data-testid="already-answered">
            <h1>{texts.alreadyAnswered}</h1>
            <button type="button" className="button button--primary" onClick={restart}>
              {texts.answerAgain}
            </button>
          </section>
        )}
        {phase === 'save-failed' && (
          <section role="alert">
            <p>{texts.saveFailed}</p>
            <button type="button" className="button button--primary" onClick={retry}>
              {texts.trySavingAgain}
            </button>
          </section>
        )}
      </main>
    </div>
  );
}

function startRun(definition: SurveyDefinitionJson, locale: string, saved: SavedProgress | null, number: number): Run {
  const model = createSurveyModel(definition, 'online', saved?.locale ?? locale);
  if (!saved || saved.completedSubmission) return { number, model, startedAt: undefined, resumed: false };
  model.data = saved.data;
  // A saved page number past the end (the definition lost a page) falls back to the first page.
  if (saved.currentPageNo < model.visiblePageCount) model.currentPageNo = saved.currentPageNo;
  return { number, model, startedAt: new Date(saved.startedAt), resumed: Object.keys(saved.data).length > 0 };
}

function OnlineThankYou({ locale, onAnswerAgain }: { locale: string; onAnswerAgain: () => void }) {
  const texts = pageTexts(locale);
  const status = useQueueStatus();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="thank-you" data-testid="thank-you" aria-labelledby="thank-you-title">
      <h1 id="thank-you-title" ref={heading} tabIndex={-1}>
        {texts.thankYouTitle}
      </h1>
      <p role="status" data-testid="delivery-status">
        {status.waiting > 0 ? texts.keptOnDevice : texts.sentToServer}
      </p>
      <button type="button" className="button" onClick={onAnswerAgain}>
        {texts.answerAgain}
      </button>
    </section>
  );
}

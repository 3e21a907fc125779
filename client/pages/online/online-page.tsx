/**
 * /s/<surveyId>: the online form for citizens and staff, on their own phones and
 * PCs. Answers are saved on the device as they are given (saved-progress.ts), so
 * a closed tab resumes; the response completes once and then goes through the
 * same durable queue as the kiosk's.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import {
  browserStorage,
  memoryStorage,
  completionStorageKey,
  loadSavedProgress,
  locksDeviceAfterCompletion,
  progressStorageKey,
  removeStoredItem,
  saveProgress,
  type SavedProgress,
} from './saved-progress.ts';

export default function OnlinePage({ surveyId }: { surveyId: string }) {
  const definition = useSurveyDefinition(surveyId);
  if (definition.state === 'loading') return <LoadingMessage />;
  if (definition.state === 'error') {
    return definition.error.kind === 'not-found' ? <NotFoundPage path={location.pathname} /> : <SurveyLoadFailed error={definition.error} />;
  }
  if (definition.definition.invitations === 'required') return <InvitationSurvey surveyId={surveyId} definition={definition.definition} />;
  return <OnlineSurvey surveyId={surveyId} definition={definition.definition} />;
}

/**
 * A survey with `"invitations": "required"`: code first, then the survey. The
 * code does the job the browser's "already answered" note does elsewhere, so
 * nothing is kept in the browser, not even unfinished answers, and the next
 * person starts at the code again.
 */
function InvitationSurvey({ surveyId, definition }: { surveyId: string; definition: SurveyDefinitionJson }) {
  const [code, setCode] = useState<string>();
  const title = useMemo(() => createSurveyModel(definition, 'online', definition.locale ?? 'ja').title, [definition]);
  const invitation = useMemo(() => code && { code, onFinished: () => setCode(undefined) }, [code]);
  if (!invitation) return <InvitationGate surveyId={surveyId} title={title} onAccepted={setCode} />;
  return <OnlineSurvey key={invitation.code} surveyId={surveyId} definition={definition} invitation={invitation} />;
}

interface Run {
  number: number;
  model: Model;
  startedAt: Date | undefined;
  resumed: boolean;
}

function OnlineSurvey(props: { surveyId: string; definition: SurveyDefinitionJson; invitation?: { code: string; onFinished: () => void } }) {
  const { surveyId, definition, invitation } = props;
  const forgetful = invitation !== undefined;
  const storage = useMemo(() => (forgetful ? memoryStorage() : browserStorage()), [forgetful]);
  const primaryLocale = definition.locale ?? 'ja';
  const progressKey = progressStorageKey(surveyId, definition.version);
  const completionKey = completionStorageKey(surveyId, definition.version);
  const locksAfterCompletion = locksDeviceAfterCompletion(definition);
  const saved = useMemo(() => loadSavedProgress(storage, progressKey), [storage, progressKey]);

  const [run, setRun] = useState<Run>(() => startRun(definition, primaryLocale, saved, 1));
  const [locale, setLocale] = useState(saved?.locale ?? primaryLocale);
  const [alreadyAnswered, setAlreadyAnswered] = useState(
    () => locksAfterCompletion && !saved && storage.getItem(completionKey) !== null,
  );
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const languages = useMemo(() => orderLanguages(run.model.getUsedLocales(), primaryLocale), [run, primaryLocale]);
  const texts = pageTexts(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const writeProgress = useCallback(
    (model: Model, extra: Partial<SavedProgress> = {}) => {
      saveProgress(storage, progressKey, {
        data: model.data as Record<string, unknown>,
        currentPageNo: model.currentPageNo,
        startedAt: (run.startedAt ?? new Date()).toISOString(),
        locale: localeRef.current,
        ...extra,
      });
    },
    [storage, progressKey, run],
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
      removeStoredItem(storage, progressKey);
      if (!locksAfterCompletion) return;
      try {
        storage.setItem(completionKey, submission.completedAt);
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
    removeStoredItem(storage, progressKey);
    setRun((previous) => startRun(definition, localeRef.current, null, previous.number + 1));
    setAlreadyAnswered(false);
    backToAnswering();
    window.scrollTo(0, 0);
  }, [storage, progressKey, definition, backToAnswering]);

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

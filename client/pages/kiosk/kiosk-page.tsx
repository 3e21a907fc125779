/**
 * /kiosk/<surveyId>?ward=<code>[&idle=<seconds>][&kiosk=<kioskId>]: the exit
 * survey on a shared ward-office tablet. Large targets, a language switch, no
 * way off the page, a thank-you that returns to a fresh start, and an idle reset
 * that clears a walked-away visitor's answers. The ward comes from the URL and
 * travels as meta.ward; it is never asked. An enrolled tablet checks its
 * enrollment at start, at each new visitor and every `check=` seconds (5 minutes
 * by default), and each submission's answer tells it too: once the server has
 * refused it, the survey gives way to a notice for staff (kiosk-refused-notice.tsx). In test mode (the staff
 * panel's switch, kiosk-test-mode.ts) every page shows a banner and each submission carries meta.test.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.css';
import { WARDS } from '../../../contracts/wards.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { LoadingMessage } from '../../components/loading-message.tsx';
import { pageTexts } from '../../components/page-texts.ts';
import { QueueIndicator } from '../../components/queue-indicator.tsx';
import { SurveyLoadFailed } from '../../components/survey-load-failed.tsx';
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
import './kiosk.css';
import { IdlePrompt } from './idle-prompt.tsx';
import { KioskSetupError } from './kiosk-setup-error.tsx';
import { KioskThankYou } from './kiosk-thank-you.tsx';
import { readKioskSettings, type KioskSettings } from './read-kiosk-settings.ts';
import { trapKioskNavigation } from './trap-kiosk-navigation.ts';
import { useIdleTimeout } from './use-idle-timeout.ts';
import { useKioskEnrollment } from '../../enrollment/use-kiosk-enrollment.ts';
import { checkKioskEnrollment } from '../../enrollment/check-kiosk-enrollment.ts';
import { KioskRefusedNotice } from './kiosk-refused-notice.tsx';
import { KioskTestBanner } from './kiosk-test-banner.tsx';
import { useKioskTestMode } from './kiosk-test-mode.ts';

/** The survey's own completion message in the model's current language (set before `locale` on a switch); '' if none. */
const completedHtml = (model: Model) => model.processedCompletedHtml;

/** A kiosk that could not load its survey (server down at boot, nothing cached yet) tries again this often. */
const KIOSK_RELOAD_SECONDS = 30;

export default function KioskPage({ surveyId, search }: { surveyId: string; search: string }) {
  const settings = useMemo(() => readKioskSettings(new URLSearchParams(search)), [search]);
  const definition = useSurveyDefinition(surveyId);

  if (!settings.ok) return <KioskSetupError surveyId={surveyId} search={search} problems={settings.problems} />;
  if (definition.state === 'loading') return <LoadingMessage />;
  if (definition.state === 'error') {
    if (definition.error.kind === 'not-found') {
      const problem = { parameter: 'survey' as const, given: surveyId, message: `there is no survey ${JSON.stringify(surveyId)}` };
      return <KioskSetupError surveyId={surveyId} search={search} problems={[problem]} surveyMissing />;
    }
    return <SurveyLoadFailed error={definition.error} retryAfterSeconds={KIOSK_RELOAD_SECONDS} />;
  }
  if (definition.definition.invitations === 'required') {
    // A kiosk cannot ask for the invitation code each answer needs: the server would refuse every answer (issue 29).
    const problem = {
      parameter: 'survey' as const,
      given: surveyId,
      message: `招待コードが必要なアンケートはキオスクでは使えません / survey ${JSON.stringify(surveyId)} needs an invitation code per answer, so it has no kiosk mode`,
    };
    return <KioskSetupError surveyId={surveyId} search={search} problems={[problem]} surveyMissing />;
  }
  return <KioskSurvey surveyId={surveyId} definition={definition.definition} settings={settings.settings} search={search} />;
}

function KioskSurvey(props: { surveyId: string; definition: SurveyDefinitionJson; settings: KioskSettings; search: string }) {
  const { surveyId, definition, settings } = props;
  const enrolled = useKioskEnrollment(props.search);
  const primaryLocale = definition.locale ?? 'ja';
  const [run, setRun] = useState(() => ({ number: 1, model: createSurveyModel(definition, 'kiosk', primaryLocale) }));
  const [locale, setLocale] = useState(primaryLocale);
  /** True once this visitor did anything: only then is there something for the idle reset to clear. */
  const [touched, setTouched] = useState(false);
  const [askingIfStillThere, setAskingIfStillThere] = useState(false);
  const startedAt = useRef<Date | undefined>(undefined);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const testMode = useKioskTestMode();
  const testModeRef = useRef(testMode);
  testModeRef.current = testMode;
  const languages = useMemo(() => orderLanguages(run.model.getUsedLocales(), primaryLocale), [run, primaryLocale]);
  // An enrolled tablet's ward is the server's (it overrides meta.ward); the URL's is for unenrolled ones.
  const ward = WARDS.find((candidate) => candidate.code === (enrolled.enrollment?.ward ?? settings.ward));
  const texts = pageTexts(locale);
  const pastFirstPage = usePastFirstPage(run.model);
  const { phase, retry, backToAnswering } = useSurveyCompletion({
    surveyId,
    model: run.model,
    buildSubmission: (data, completedAt) =>
      buildSubmission({
        submissionId: makeSubmissionId(),
        surveyVersion: definition.version,
        channel: 'kiosk',
        locale: localeRef.current,
        ward: settings.ward,
        kioskId: settings.kioskId,
        startedAt: startedAt.current ?? completedAt,
        completedAt,
        data,
        // As the switch is when the answer is completed.
        test: testModeRef.current,
      }),
  });

  useEffect(() => trapKioskNavigation(), []);

  // Is this tablet still enrolled? At start and at each new visitor (run), then every check= seconds.
  const credential = enrolled.enrollment?.credential;
  useEffect(() => {
    if (credential === undefined) return;
    void checkKioskEnrollment();
    const timer = setInterval(() => void checkKioskEnrollment(), settings.enrollmentCheckSeconds * 1000);
    return () => clearInterval(timer);
  }, [credential, run.number, settings.enrollmentCheckSeconds]);
  const refusal = enrolled.enrollment?.refusal?.code;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    const model: Model = run.model;
    const markTouched = () => {
      startedAt.current ??= new Date();
      setTouched(true);
    };
    model.onValueChanged.add(markTouched);
    model.onCurrentPageChanged.add(markTouched);
    return () => {
      model.onValueChanged.remove(markTouched);
      model.onCurrentPageChanged.remove(markTouched);
    };
  }, [run]);

  const startOver = useCallback(() => {
    startedAt.current = undefined;
    setAskingIfStillThere(false);
    setTouched(false);
    setLocale(primaryLocale);
    backToAnswering();
    setRun((previous) => ({ number: previous.number + 1, model: createSurveyModel(definition, 'kiosk', primaryLocale) }));
    window.scrollTo(0, 0);
  }, [definition, primaryLocale, backToAnswering]);

  const switchLanguage = useCallback(
    (next: string) => {
      void loadSurveyUiStrings(next).then(() => {
        run.model.locale = next;
        setLocale(next);
        // A visitor who changed the language has started: the next one should get Japanese again.
        setTouched(true);
      });
    },
    [run],
  );

  useIdleTimeout({
    enabled: phase === 'answering' && touched && !askingIfStillThere && !refusal,
    idleMs: settings.idleSeconds * 1000,
    onIdle: () => setAskingIfStillThere(true),
  });

  return (
    <div className={pastFirstPage ? 'kiosk survey-page--past-first' : 'kiosk'} lang={locale} data-test-mode={testMode ? 'on' : undefined}>
      {testMode && <KioskTestBanner locale={locale} />}
      <header className="kiosk__bar">
        <LanguageSwitch languages={languages} current={locale} onChange={switchLanguage} />
      </header>
      <main className="kiosk__main" data-testid="kiosk-main" data-run={run.number}>
        {refusal && <KioskRefusedNotice code={refusal} locale={locale} />}
        {!refusal && phase === 'answering' && <Survey key={run.number} model={run.model} />}
        {!refusal && phase === 'saving' && (
          <p role="status" className="kiosk__message">
            {texts.saving}
          </p>
        )}
        {!refusal && phase === 'thanks' && <KioskThankYou locale={locale} completedHtml={completedHtml(run.model)} onDone={startOver} />}
        {!refusal && phase === 'save-failed' && (
          <section role="alert" className="kiosk__message">
            <p>{texts.saveFailed}</p>
            <button type="button" className="button button--primary" onClick={retry}>
              {texts.trySavingAgain}
            </button>
          </section>
        )}
      </main>
      <footer className="kiosk__footer">
        {enrolled.error && (
          <span role="alert" className="kiosk__enroll-error" data-testid="kiosk-enroll-error">
            {enrolled.error}
          </span>
        )}
        <span className="kiosk__place" data-testid="kiosk-place" data-kiosk-id={enrolled.enrollment?.kioskId}>
          {ward?.ja}役所 / {ward?.en} Ward Office
        </span>
        <QueueIndicator requireHold />
      </footer>
      {askingIfStillThere && !refusal && (
        <IdlePrompt
          locale={locale}
          seconds={settings.promptSeconds}
          onContinue={() => setAskingIfStillThere(false)}
          onStartOver={startOver}
        />
      )}
    </div>
  );
}

/** The survey could not be loaded (server down and nothing cached, broken definition). */
import { useEffect } from 'react';
import type { SurveyLoadError } from '../survey/fetch-survey-definition.ts';

/**
 * @param retryAfterSeconds reload by itself after this long: a kiosk tablet has nobody to press the button.
 */
export function SurveyLoadFailed({ error, retryAfterSeconds }: { error: SurveyLoadError; retryAfterSeconds?: number }) {
  useEffect(() => {
    if (retryAfterSeconds === undefined) return;
    const timer = setTimeout(() => location.reload(), retryAfterSeconds * 1000);
    return () => clearTimeout(timer);
  }, [retryAfterSeconds]);
  return (
    <main className="page page--centered" data-testid="survey-load-failed">
      <h1>アンケートを読み込めませんでした / The survey could not be loaded</h1>
      <p>
        <code>{error.message}</code>
      </p>
      {retryAfterSeconds !== undefined && (
        <p>
          {retryAfterSeconds}秒ごとに自動で再読み込みします。 / Retrying automatically every {retryAfterSeconds} s.
        </p>
      )}
      <button type="button" className="button button--primary" onClick={() => location.reload()}>
        再読み込み / Reload
      </button>
    </main>
  );
}

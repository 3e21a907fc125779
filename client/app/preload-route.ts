/**
 * Starts fetching what a survey page needs before React has even loaded: the
 * page's chunk (the same import() app.tsx's React.lazy makes, so the module is
 * shared, not loaded twice) and the survey definition. Other pages load as
 * app.tsx decides.
 *
 * The returned promise settles once both are in (never rejects): main.tsx mounts
 * React only then and hands it the loaded page component, so the first render is
 * the survey itself. Rendering the page through React.lazy instead would commit
 * a Suspense fallback first, and React 19 then holds back the real content until
 * 300 ms after that fallback appeared (its FALLBACK_THROTTLE_MS): on a tablet that
 * was ~110 ms of idle time before the first question (docs/benchmarks.md, bench:client).
 */
import { prefetchSurveyDefinition } from '../survey/fetch-survey-definition.ts';
import type { PreloadedPages } from './app.tsx';
import type { Route } from './match-route.ts';

export function preloadRoute(route: Route): Promise<PreloadedPages> {
  if (route.page === 'kiosk') {
    const definition = prefetchSurveyDefinition(route.surveyId);
    const page = import('../pages/kiosk/kiosk-page.tsx');
    return Promise.allSettled([page, definition]).then(([loaded]) => (loaded.status === 'fulfilled' ? { KioskPage: loaded.value.default } : {}));
  }
  if (route.page === 'online') {
    const definition = prefetchSurveyDefinition(route.surveyId);
    const page = import('../pages/online/online-page.tsx');
    return Promise.allSettled([page, definition]).then(([loaded]) => (loaded.status === 'fulfilled' ? { OnlinePage: loaded.value.default } : {}));
  }
  // A failure of the page chunk shows when React.lazy retries it.
  return Promise.resolve({});
}

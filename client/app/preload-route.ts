/**
 * Starts fetching what a survey page needs before React has even loaded: the
 * page's chunk (the same import() app.tsx's React.lazy makes, so the module is
 * shared, not loaded twice) and the survey definition. Other pages load as
 * app.tsx decides.
 */
import { prefetchSurveyDefinition } from '../survey/fetch-survey-definition.ts';
import type { Route } from './match-route.ts';

export function preloadRoute(route: Route): void {
  if (route.page === 'kiosk') {
    prefetchSurveyDefinition(route.surveyId);
    void import('../pages/kiosk/kiosk-page.tsx').catch(() => undefined); // a failure shows when React.lazy retries it
  } else if (route.page === 'online') {
    prefetchSurveyDefinition(route.surveyId);
    void import('../pages/online/online-page.tsx').catch(() => undefined);
  }
}

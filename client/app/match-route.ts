/**
 * The client's URL space. One single-page app serves all of it; the server
 * answers every one of these paths with index.html.
 */
export type Route =
  | { page: 'home' }
  | { page: 'kiosk'; surveyId: string }
  | { page: 'online'; surveyId: string }
  | { page: 'login' }
  | { page: 'dashboard'; surveyId?: string }
  | { page: 'admin' }
  | { page: 'not-found'; path: string };

const SURVEY_PAGE = /^\/(kiosk|s)\/([^/]+)\/?$/;
const DASHBOARD_PAGE = /^\/dashboard(?:\/([^/]+))?\/?$/;

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' };
  if (pathname === '/login' || pathname === '/login/') return { page: 'login' };
  if (pathname === '/admin' || pathname === '/admin/') return { page: 'admin' };
  const dashboard = DASHBOARD_PAGE.exec(pathname);
  if (dashboard) {
    if (dashboard[1] === undefined) return { page: 'dashboard' };
    const surveyId = safeDecode(dashboard[1]);
    if (surveyId !== undefined) return { page: 'dashboard', surveyId };
  }
  const survey = SURVEY_PAGE.exec(pathname);
  if (survey) {
    const surveyId = safeDecode(survey[2]);
    if (surveyId !== undefined) return { page: survey[1] === 'kiosk' ? 'kiosk' : 'online', surveyId };
  }
  return { page: 'not-found', path: pathname };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

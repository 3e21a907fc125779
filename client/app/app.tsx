/**
 * Picks the page for the current URL. Every page is its own lazily loaded chunk
 * (React.lazy), so what one page needs never weighs on another: the survey pages
 * carry survey-core, the home page does not, and a later dashboard's Chart.js
 * stays in the dashboard's chunk (docs/decisions/0051-single-page-app-with-route-splitting.md).
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { matchRoute } from './match-route.ts';
import { LoadingMessage } from '../components/loading-message.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';

const HomePage = lazy(() => import('../pages/home/home-page.tsx'));
const KioskPage = lazy(() => import('../pages/kiosk/kiosk-page.tsx'));
const OnlinePage = lazy(() => import('../pages/online/online-page.tsx'));
const LoginPage = lazy(() => import('../pages/login/login-page.tsx'));
const DashboardPage = lazy(() => import('../pages/dashboard/dashboard-page.tsx'));
const AdminPage = lazy(() => import('../pages/admin/admin-page.tsx'));

/**
 * Survey page components main.tsx already loaded (preload-route.ts). Rendered
 * directly, they never suspend, so React commits the survey in its first render
 * instead of a fallback it would then keep on screen for its 300 ms throttle.
 */
export interface PreloadedPages {
  KioskPage?: ComponentType<{ surveyId: string; search: string }>;
  OnlinePage?: ComponentType<{ surveyId: string }>;
}

export function App({ location, preloaded = {} }: { location: Location; preloaded?: PreloadedPages }) {
  const route = matchRoute(location.pathname);
  const Kiosk = preloaded.KioskPage ?? KioskPage;
  const Online = preloaded.OnlinePage ?? OnlinePage;
  return (
    <Suspense fallback={<LoadingMessage />}>
      {route.page === 'home' && <HomePage />}
      {route.page === 'kiosk' && <Kiosk surveyId={route.surveyId} search={location.search} />}
      {route.page === 'online' && <Online surveyId={route.surveyId} />}
      {route.page === 'login' && <LoginPage search={location.search} />}
      {route.page === 'dashboard' && <DashboardPage surveyId={route.surveyId} search={location.search} />}
      {route.page === 'admin' && <AdminPage />}
      {route.page === 'not-found' && <NotFoundPage path={route.path} />}
    </Suspense>
  );
}

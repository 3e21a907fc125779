/**
 * Picks the page for the current URL. Every page is its own lazily loaded chunk
 * (React.lazy), so what one page needs never weighs on another: the survey pages
 * carry survey-core, the home page does not, and a later dashboard's Chart.js
 * stays in the dashboard's chunk (docs/decisions/0051-single-page-app-with-route-splitting.md).
 */
import { lazy, Suspense } from 'react';
import { matchRoute } from './match-route.ts';
import { LoadingMessage } from '../components/loading-message.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';

const HomePage = lazy(() => import('../pages/home/home-page.tsx'));
const KioskPage = lazy(() => import('../pages/kiosk/kiosk-page.tsx'));
const OnlinePage = lazy(() => import('../pages/online/online-page.tsx'));
const LoginPage = lazy(() => import('../pages/login/login-page.tsx'));
const DashboardPage = lazy(() => import('../pages/dashboard/dashboard-page.tsx'));

export function App({ location }: { location: Location }) {
  const route = matchRoute(location.pathname);
  return (
    <Suspense fallback={<LoadingMessage />}>
      {route.page === 'home' && <HomePage />}
      {route.page === 'kiosk' && <KioskPage surveyId={route.surveyId} search={location.search} />}
      {route.page === 'online' && <OnlinePage surveyId={route.surveyId} />}
      {route.page === 'login' && <LoginPage search={location.search} />}
      {route.page === 'dashboard' && <DashboardPage surveyId={route.surveyId} search={location.search} />}
      {route.page === 'not-found' && <NotFoundPage path={route.path} />}
    </Suspense>
  );
}

/**
 * Entry point, kept tiny on purpose: it decides the route and immediately starts
 * loading, in parallel, React (mount-app.tsx), the page's own chunk and, on survey
 * pages, the survey definition. Importing React statically here would make the
 * tablet parse and run React before it even asks for survey-core and the
 * definition (docs/benchmarks.md, "Collection client").
 */
import { matchRoute } from './app/match-route.ts';
import { preloadRoute } from './app/preload-route.ts';
import { registerServiceWorker } from './offline/register-service-worker.ts';
import './styles/base.css';

const pageLoaded = preloadRoute(matchRoute(window.location.pathname));
// On survey pages React mounts once the page chunk and the definition are in, so its
// first render is the survey (preload-route.ts says why); until then index.html's
// static loading message shows.
void Promise.all([import('./app/mount-app.tsx'), pageLoaded]).then(([{ mountApp }, preloaded]) => mountApp(preloaded));
registerServiceWorker();

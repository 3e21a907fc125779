/**
 * The collection server as an Express 5 app, without listening, so tests call
 * it in-process and main.ts decides where it listens.
 */
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { DefinitionCatalog } from '../analysis/definitions/definition-catalog.ts';
import { layoutOf } from '../analysis/definitions/resolve-definition-json.ts';
import type { DefinitionProblems, HealthStatus } from '../contracts/health.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from '../contracts/submission.ts';
import type { BrokenDefinition } from './definitions/load-definitions-from-dir.ts';
import type { ResponseStore } from './store/response-store.ts';
import { apiNotFound, errorHandler } from './error-handler.ts';
import { HttpError } from './http-error.ts';
import { responsesRouter } from './routes/responses.ts';
import { surveysRouter } from './routes/surveys.ts';
import { validatorFor } from './validation/validate-response.ts';
import { reportRouter } from './routes/report.ts';
import { startLiveTables } from './live-table/live-tables.ts';
import { mountAccessControl, type AccessControlOptions } from './auth/mount-access-control.ts';
import { ADMIN_PAGE, DASHBOARD_PAGES, LOGIN_PAGE, redirectAnonymousToLogin } from './routes/dashboard-page-guard.ts';
import { dashboardDataRouter } from './routes/dashboard-data.ts';
import { commentsRouter } from './routes/comments.ts';
import { createSubmissionAdmission } from './enrollment/admit-submission.ts';
import { PUBLIC_URL_SETTING, requireLinkableHost } from './enrollment/request-origin.ts';
import { kiosksRouter } from './routes/kiosks.ts';
import { invitationsRouter } from './routes/invitations.ts';
import { weightsRouter } from './routes/weights.ts';
import { createWeightsFolder } from './weights/survey-margins.ts';
import { testMarkingsRouter } from './routes/test-markings.ts';
import { openTestMarkingsLog } from './test-markings/test-markings-log.ts';

/** Accounts, access policy and abuse limits: server/auth/mount-access-control.ts. */
export interface AppOptions extends AccessControlOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /** Definition files left out at start-up; /healthz and the dashboard name them (ADR 0021). */
  brokenDefinitions?: BrokenDefinition[];
  /** The Vite build of the client; default client/dist in the package. */
  clientDir?: string;
  /** Largest accepted submission body, bytes or "256kb"; default 256 KiB. */
  bodyLimit?: string | number;
  /** Where exports with personal data are recorded (server/audit/audit-log.ts); server/main.ts passes DATA_DIR/audit.jsonl. */
  auditLogPath?: string;
  /** PUBLIC_URL's origin: where the links in enrollment and invitation QR codes point (server/enrollment/request-origin.ts). */
  publicUrl?: string;
  /** DEFINITIONS_DIR, resolved: the report reads each survey's coding rules for free text from it. */
  definitionsDir?: string;
  /**
   * Keep each survey's responses as a live analysis table (server/live-table/, issue 23), built in the background
   * from the store; default true. False: every dashboard view reads the store, as before (tests of that path).
   */
  liveTables?: boolean;
  /**
   * Each survey's weighting margins, `<weightsDir>/<survey>.csv` (issue 30); server/main.ts passes DATA_DIR/weights.
   * Without it no survey has margins: `weighted=1` is refused and so is an upload.
   */
  weightsDir?: string;
  /**
   * Test data marked by hand (issue 30), `DATA_DIR/test-markings.jsonl`; server/main.ts passes it. Without it nothing
   * is marked and marking is refused.
   */
  testMarkingsPath?: string;
}

/** How long a kiosk waits before resending to a survey whose definition file is broken. */
const BROKEN_SURVEY_RETRY_AFTER_S = 300;

export const DEFAULT_CLIENT_DIR = resolve(import.meta.dirname, '../client/dist');

/**
 * Paths the client app routes itself: each answers index.html. Express 5 path
 * syntax (https://expressjs.com/en/guide/migrating-5.html#path-syntax).
 */
export const CLIENT_ROUTES = ['/', '/kiosk{/*rest}', '/s{/*rest}', LOGIN_PAGE, DASHBOARD_PAGES, ADMIN_PAGE];

export function createApp({ store, definitions, brokenDefinitions = [], clientDir = DEFAULT_CLIENT_DIR, bodyLimit = DEFAULT_BODY_LIMIT_BYTES, auditLogPath, publicUrl, definitionsDir, liveTables: keepLiveTables = true, weightsDir, testMarkingsPath, ...access }: AppOptions): Express {
  // Build every version's validator now: a definition strict validation cannot
  // handle fails at start-up, not on a respondent's submission.
  for (const { id } of definitions.list()) {
    for (const version of definitions.versions(id)) validatorFor(definitions.getVersion(id, version)!);
  }

  // Built in the background: the server answers (and collects) at once; views of a survey wait until its table is.
  const liveTables = keepLiveTables ? startLiveTables({ store, definitions }) : null;
  const weights = weightsDir ? createWeightsFolder(weightsDir) : null;
  const testMarkings = testMarkingsPath ? openTestMarkingsLog(testMarkingsPath) : null;

  const app = express();
  app.set(PUBLIC_URL_SETTING, publicUrl);
  // Nothing may load from outside this server (kiosks run on closed networks; privacy).
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // survey-core and React set inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
      // Sent only over HTTPS, below: over plain HTTP browsers ignore it (RFC 6797 §8.1), and sending it
      // anyway tells an operator the site is protected when it is not.
      strictTransportSecurity: false,
    }),
  );
  // req.secure reads "trust proxy" (set in mountAccessControl) when the request comes, so behind a
  // trusted proxy it also means "the proxy saw HTTPS".
  app.use(strictTransportSecurityOverHttps);

  // Before every route: who is asking, and may they (server/auth/access-policy.ts).
  const { limiters } = mountAccessControl(app, access);
  // Enrolled kiosks, invitation codes and the submission limits (docs/decisions/0072-enrolled-kiosks-and-anonymous-invitations.md).
  const { authStore, now = Date.now } = access;
  const { submitPerKiosk, refusedPerKiosk, submitPerAddress } = limiters;
  const admission = createSubmissionAdmission({ authStore, responses: store, submitPerKiosk, refusedPerKiosk, submitPerAddress });
  // Guessing a code costs the same per-address budget as submitting, in its own bucket.
  const codeGuesses = limiters.submitPerAddress;

  app.get('/healthz', async (_req, res) => {
    try {
      await store.count({ surveyId: '' }); // any answer proves the store is open and readable
    } catch (error) {
      throw new HttpError(503, 'store_unavailable', `The response store does not answer: ${(error as Error).message}`);
    }
    // Still 200 when a definition file is broken: the other surveys take
    // responses, and a load balancer must keep sending them here (ADR 0021).
    const tables = liveTables ? { tables: liveTables.statuses() } : {};
    const body: HealthStatus = brokenDefinitions.length === 0 ? { status: 'ok', ...tables } : { status: 'degraded', definitions: brokenDefinitions, ...tables };
    res.json(body);
  });
  app.get('/api/definition-problems', (_req, res) => {
    const body: DefinitionProblems = { definitions: brokenDefinitions };
    res.json(body);
  });

  // A survey whose file was left out answers 503, not 404: a kiosk's queue keeps a 5xx answer and
  // resends it, while it moves a 404 to its "rejected" list (client/queue/classify-send-outcome.ts).
  const brokenSurveys = new Map(brokenDefinitions.flatMap(({ file }) => {
    const id = layoutOf(file)?.id;
    return id === undefined ? [] : [[id, file] as const];
  }));
  app.use('/api/surveys/:id', (req, res, next) => {
    const file = brokenSurveys.get(req.params.id as string);
    if (file === undefined || definitions.get(req.params.id as string) !== undefined) return next();
    res.set('Retry-After', String(BROKEN_SURVEY_RETRY_AFTER_S));
    throw new HttpError(503, 'survey_unavailable', `The definition of survey ${JSON.stringify(req.params.id)} (${file}) is broken on this server; answers are kept on the device and sent again once it is fixed`);
  });

  // Routes that print links in QR codes refuse a Host that is not this server's before they create anything.
  app.post(['/api/kiosks', '/api/surveys/:id/invitations'], requireLinkableHost);
  app.use('/api/kiosks', kiosksRouter({ authStore, definitions, codeGuesses, now }));
  app.use('/api/surveys/:id/invitations', invitationsRouter({ authStore, definitions, codeGuesses }));
  app.use('/api/surveys/:id/responses', responsesRouter({ store, definitions, bodyLimit, admission, auditLogPath, liveTables, testMarkings }));
  app.use('/api/surveys/:id', reportRouter({ store, definitions, definitionsDir, liveTables, weights, testMarkings }));
  app.use('/api/surveys/:id/weights', weightsRouter({ definitions, weights, auditLogPath }));
  app.use('/api/surveys/:id/test-markings', testMarkingsRouter({ store, definitions, testMarkings, auditLogPath }));
  app.use('/api/surveys/:id', dashboardDataRouter({ store, definitions, liveTables, testMarkings }));
  app.use('/api/surveys/:id', commentsRouter({ store, definitions, definitionsDir, liveTables, testMarkings }));
  app.use('/api/surveys', surveysRouter(definitions));
  app.use('/api', apiNotFound);

  app.get([DASHBOARD_PAGES, ADMIN_PAGE], redirectAnonymousToLogin);
  serveClient(app, clientDir);
  app.use(errorHandler);
  return app;
}

/** One year, subdomains included: helmet's default value, sent only where it means something. */
const HSTS = 'max-age=31536000; includeSubDomains';

const strictTransportSecurityOverHttps: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  next();
};

function serveClient(app: Express, clientDir: string): void {
  const indexHtml = join(clientDir, 'index.html');
  if (!existsSync(indexHtml)) {
    app.get('/', (_req, res) => {
      res.type('html').send(NOT_BUILT_PAGE);
    });
    return;
  }
  // Only the client's files are compressed: its JS is ~1.8 MB raw and ~0.43 MB
  // gzipped, which matters on a ward office's shared line, while API answers are
  // small and exports stream (mounted after every API route, so it sees only these).
  app.use(compression());
  app.use(
    express.static(clientDir, {
      index: false,
      // Vite puts a content hash in every asset name, so an asset never changes;
      // index.html and sw.js keep the default revalidation so a new build is seen.
      setHeaders: (res, path) => {
        if (path.includes(`${sep}assets${sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get(CLIENT_ROUTES, (_req, res) => {
    res.sendFile(indexHtml);
  });
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Survey toolkit</title>
<h1>The client is not built</h1>
<p>The API is running (<a href="/api/surveys">/api/surveys</a>). To serve the survey app, run <code>npm run build</code> (or <code>npm start</code>, which builds it) and restart.</p>
<p lang="ja">クライアントが未ビルドです。<code>npm run build</code> を実行してから再起動してください。</p>
</html>
`;

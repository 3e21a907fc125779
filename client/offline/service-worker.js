/*
 * Service worker of the collection client: keeps the kiosk and online pages
 * usable when the ward-office network drops, including after a reload or a
 * browser restart (docs/decisions/0052-service-worker-for-offline-kiosks.md).
 *
 * Plain JavaScript: client/offline/emit-service-worker.ts prepends
 *   const PRECACHE_URLS = [...];  // the app shell and every survey-page file
 *   const BUILD_ID = "...";       // changes with any of them
 * and writes the result to dist/sw.js.
 *
 * It never touches POSTs: responses travel through the IndexedDB queue
 * (client/queue/), which is the only place that decides what was delivered.
 */
/* global self, caches, fetch, PRECACHE_URLS, BUILD_ID */
const CACHE_PREFIX = 'survey-client-';
const CACHE_NAME = CACHE_PREFIX + BUILD_ID;
/** On a network that is up but hopeless ("lie-fi"), fall back to the cache after this long. */
const NETWORK_TIMEOUT_MS = 4000;
/** Pages of the single-page app; the server answers all of them with index.html. */
const APP_PAGE = /^\/(?:$|kiosk\/|s\/)/;
/** Survey list and definitions: what the pages need to render a survey offline. */
const SURVEY_API = /^\/api\/surveys(?:\/[^/]+)?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      await cache.addAll(PRECACHE_URLS);
      await cacheSurveyDefinitions(cache);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every app page is the same index.html; store it once, under "/".
    if (APP_PAGE.test(url.pathname)) event.respondWith(networkFirst(request, '/'));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (SURVEY_API.test(url.pathname)) event.respondWith(networkFirst(request, url.pathname));
});

/** Stores the survey list and every definition, so a kiosk restarted offline can still render its survey. */
async function cacheSurveyDefinitions(cache) {
  try {
    const listResponse = await fetch('/api/surveys', { cache: 'no-store' });
    if (!listResponse.ok) return;
    await cache.put('/api/surveys', listResponse.clone());
    const surveys = await listResponse.json();
    await Promise.all(
      surveys.map(async (survey) => {
        const path = `/api/surveys/${encodeURIComponent(survey.id)}`;
        const response = await fetch(path, { cache: 'no-store' });
        if (response.ok) await cache.put(path, response);
      }),
    );
  } catch {
    // Offline during install: the definitions are stored the first time a page loads them.
  }
}

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE_NAME);
  try {
    const response = await fetchWithTimeout(request, NETWORK_TIMEOUT_MS);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed file names never change content, so any successful copy stays valid.
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function fetchWithTimeout(request, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  return fetch(request, { signal: controller.signal }).finally(() => clearTimeout(timer));
}

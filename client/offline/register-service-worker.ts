/**
 * Registers sw.js (service-worker.js), which keeps the survey pages loadable
 * without a network. Failure is not fatal: the pages still work online, and
 * responses are kept by the IndexedDB queue either way.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  // Register after load, so installing (which downloads every survey-page file) never competes with the first render.
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('offline support unavailable: service worker registration failed:', error);
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

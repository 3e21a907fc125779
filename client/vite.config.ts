/**
 * Builds the collection client (kiosk, online form, survey list) into client/dist,
 * which the Express server serves. `npm run build` runs this file.
 *
 * - Route-level code splitting (client/app/routes.ts): each page is its own chunk,
 *   so a later /dashboard with Chart.js never lands in the survey pages' JS.
 * - The manifest (.vite/manifest.json) lets `npm run bench:client` follow what each page loads.
 * - emitServiceWorker writes sw.js, which keeps the survey pages usable offline
 *   (docs/decisions/0052-service-worker-for-offline-kiosks.md).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { emitServiceWorker } from './build/emit-service-worker.ts';

const clientDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: clientDir,
  base: '/',
  // No public/ folder: everything the pages load goes through the bundle or the plugin below.
  publicDir: false,
  plugins: [react(), emitServiceWorker()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // Chromium on the kiosks supports modulepreload natively; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    // survey-core + survey-react-ui (~1.6 MB raw, one chunk: survey-core registers every question type at import)
    // exceed Vite's default warning threshold; the real budget (450 KB gzip) is checked by bench:client.
    chunkSizeWarningLimit: 1700,
    sourcemap: false,
  },
});

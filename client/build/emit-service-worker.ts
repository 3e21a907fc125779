/**
 * Vite plugin: writes dist/sw.js from service-worker.js, prefixed with the list
 * of files to store for offline use and a build id that changes whenever any of
 * them changes (a changed sw.js is what makes browsers install the new version).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { collectOfflineFiles, type BuiltChunk } from './collect-offline-files.ts';

/** Pages that must work without a network; every other page under client/pages/ is left to the network. */
const OFFLINE_PAGE_FOLDERS = ['/client/pages/kiosk/', '/client/pages/online/', '/client/pages/home/'];

export function emitServiceWorker(): Plugin {
  return {
    name: 'survey-client:emit-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: BuiltChunk[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks.push({
          fileName: output.fileName,
          isEntry: output.isEntry,
          facadeModuleId: output.facadeModuleId,
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          css: [...(output.viteMetadata?.importedCss ?? [])],
          assets: [...(output.viteMetadata?.importedAssets ?? [])],
        });
      }
      const isOnlineOnly = (moduleId: string) => {
        const path = moduleId.replaceAll('\\', '/');
        return path.includes('/client/pages/') && !OFFLINE_PAGE_FOLDERS.some((folder) => path.includes(folder));
      };
      const files = collectOfflineFiles(chunks, isOnlineOnly);
      const urls = ['/', ...files.map((file) => `/${file}`)];
      const buildId = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const template = readFileSync(new URL('../offline/service-worker.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source:
          `const PRECACHE_URLS = ${JSON.stringify(urls)};\n` +
          `const BUILD_ID = ${JSON.stringify(buildId)};\n` +
          template,
      });
    },
  };
}

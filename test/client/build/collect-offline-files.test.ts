import { describe, expect, it } from 'vitest';
import { collectOfflineFiles, type BuiltChunk } from '../../../client/build/collect-offline-files.ts';

const chunk = (fileName: string, extra: Partial<BuiltChunk> = {}): BuiltChunk => ({
  fileName,
  isEntry: false,
  facadeModuleId: null,
  imports: [],
  dynamicImports: [],
  css: [],
  assets: [],
  ...extra,
});

const isDashboard = (id: string) => id.includes('/client/pages/dashboard/');

describe('collectOfflineFiles', () => {
  it('keeps everything the entry reaches, statically or lazily, but not the dashboard and what only it uses', () => {
    const chunks = [
      chunk('assets/index.js', { isEntry: true, dynamicImports: ['assets/mount-app.js'], css: ['assets/index.css'] }),
      chunk('assets/mount-app.js', { facadeModuleId: '/app/client/app/mount-app.tsx', dynamicImports: ['assets/kiosk.js', 'assets/dashboard.js'] }),
      chunk('assets/kiosk.js', { facadeModuleId: '/app/client/pages/kiosk/kiosk-page.tsx', imports: ['assets/survey.js', 'assets/shared.js'], dynamicImports: ['assets/korean.js'], css: ['assets/kiosk.css'] }),
      chunk('assets/survey.js', { assets: ['assets/icon.svg'] }),
      chunk('assets/shared.js'),
      chunk('assets/korean.js'),
      chunk('assets/dashboard.js', { facadeModuleId: '/app/client/pages/dashboard/dashboard-page.tsx', imports: ['assets/chart.js', 'assets/shared.js'] }),
      chunk('assets/chart.js'),
    ];
    expect(collectOfflineFiles(chunks, isDashboard)).toEqual([
      'assets/icon.svg',
      'assets/index.css',
      'assets/index.js',
      'assets/kiosk.css',
      'assets/kiosk.js',
      'assets/korean.js',
      'assets/mount-app.js',
      'assets/shared.js',
      'assets/survey.js',
    ]);
  });

  it('names a chunk graph that points at a missing file', () => {
    expect(() => collectOfflineFiles([chunk('a.js', { isEntry: true, imports: ['gone.js'] })], () => false)).toThrow(
      'chunk graph names a file that is not in the bundle: "gone.js"',
    );
  });
});

/**
 * The two scripts the self-contained HTML report inlines (docs/decisions/0042, 0006): Chart.js's
 * UMD build, and our chart script, bundled from client/report-charts/draw-report-charts.ts so the
 * report draws with exactly the dashboard's chart configuration and plugins (core/report-view).
 * Both are read or built once per process; the server's report route and `survey-toolkit report`
 * share this.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface ReportAssets {
  chartJs: string;
  chartScript: string;
}

const ENTRY = fileURLToPath(new URL('../../client/report-charts/draw-report-charts.ts', import.meta.url));

let assets: Promise<ReportAssets> | undefined;

export function readReportAssets(): Promise<ReportAssets> {
  assets ??= Promise.all([readChartJs(), bundleChartScript()]).then(([chartJs, chartScript]) => ({ chartJs, chartScript }));
  // A failed read or build is not cached: the next report tries again.
  assets.catch(() => (assets = undefined));
  return assets;
}

function readChartJs(): Promise<string> {
  return readFile(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

async function bundleChartScript(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Chart.js 4 itself needs an ES2020 browser.
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so there is no build step
// between `npm install` and `npx survey-toolkit` (docs/decisions/0003-typescript-without-a-build-step.md).
//
// `report` (issue 24) runs from a bundle of cli/report/report-entry.ts when one is up to date, looked up in plain
// JavaScript, without registering tsx at all (~0.3 s of start-up); the first report after a source changed makes
// that bundle (docs/decisions/0102-report-code-from-a-bundle-made-on-first-use.md). Anything else, or no bundle to be
// had, goes through tsx and cli/main.ts as before.
const args = process.argv.slice(2);
const REPORT_ENTRY = 'cli/report/report-entry.ts';

/** main() of the report's bundled entry, or undefined (then cli/main.ts through tsx). Only loads; never runs it. */
async function bundledReport() {
  if (args[0] !== 'report' || process.env.SURVEY_TOOLKIT_BUNDLE === '0') return undefined;
  try {
    const { fileURLToPath } = await import('node:url');
    const root = fileURLToPath(new URL('../', import.meta.url));
    const { freshBundle } = await import('../cli/report/bundle-manifest.mjs');
    let url = await freshBundle(root, REPORT_ENTRY);
    if (!url) {
      // Stale or not made yet: make it (esbuild, through the TypeScript of bundled-module.ts).
      await registerTsx();
      const { bundledModule } = await import('../cli/report/bundled-module.ts');
      url = await bundledModule(REPORT_ENTRY);
      if (!url) return undefined;
    }
    return (await import(url.href)).main;
  } catch {
    return undefined; // a bundle that cannot be made or loaded: the sources always can
  }
}

let registered = false;
async function registerTsx() {
  if (registered) return;
  registered = true;
  const { register } = await import('tsx/esm/api');
  register();
}

const report = await bundledReport();
if (report) {
  process.exitCode = await report(args.slice(1));
} else {
  await registerTsx();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(args);
}

import type { Reporter, TestModule } from 'vitest/node';

/** What Vitest hands a reporter for an error (vitest/node's SerializedError, which it does not export by name). */
type ReportedError = Parameters<NonNullable<Reporter['onTestRunEnd']>>[1][number];

/**
 * Runs after Vitest's default reporter and adds three things to the end of a run:
 *
 * - Why tests were skipped. The default reporter counts skipped tests but does
 *   not say why. Suites that need something these machines cannot have (a
 *   MongoDB server: docs/decisions/0070-deployment-topologies.md) mark
 *   themselves with a top-level `it.skip(<reason>)`, so a CI log shows what was
 *   not tested instead of a silent count.
 * - The errors outside any test: unhandled errors and rejections, test files
 *   that failed to load, and failed beforeAll/afterAll hooks. Each makes Vitest
 *   exit 1 while every *test* may have passed (issue 13: a run exited 1 with
 *   "0 failed"), so each is named here and counted as a failure below.
 * - One plain closing line, `Tests: N passed, N failed, N skipped`, the form CI
 *   tooling reads whatever the test runner.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<ReportedError> = []): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    const reasons: string[] = [];
    const outside: string[] = unhandledErrors.map((error) => `  unhandled error: ${describeError(error)}`);
    for (const module of testModules) {
      for (const state of ['passed', 'failed', 'skipped'] as const) {
        count[state] += [...module.children.allTests(state)].length;
      }
      // A file that failed to load, or a beforeAll/afterAll at its top level; then the same for each suite.
      for (const error of module.errors()) outside.push(`  ${module.relativeModuleId}: ${describeError(error)}`);
      for (const suite of module.children.allSuites()) {
        for (const error of suite.errors()) outside.push(`  ${module.relativeModuleId} > ${suite.fullName}: ${describeError(error)}`);
      }
      const skipped = [...module.children.allTests('skipped')].length;
      if (skipped === 0) continue;
      // A suite's reason is its top-level skipped test; a lone skipped test names itself.
      let named = [...module.children.tests('skipped')].map((test) => test.name);
      if (named.length === 0 && skipped <= 3) named = [...module.children.allTests('skipped')].map((test) => test.fullName);
      reasons.push(`  ${module.relativeModuleId}: ${skipped} skipped${named.length ? ` — ${named.join('; ')}` : ''}`);
    }
    if (reasons.length) console.log(`\nSkipped, and why:\n${reasons.join('\n')}`);
    if (outside.length) console.log(`\nErrors outside tests (each fails the run):\n${outside.join('\n')}`);
    const failed = count.failed + outside.length;
    const breakdown = outside.length ? ` (${outside.length} of them outside tests)` : '';
    console.log(`\nTests: ${count.passed} passed, ${failed} failed${breakdown}, ${count.skipped} skipped`);
  }
}

/** One line: the error's name and first message line, so the summary stays short; the default reporter printed the rest. */
function describeError(error: ReportedError): string {
  const message = String(error?.message ?? error).split('\n')[0];
  return error?.name && !message.startsWith(error.name) ? `${error.name}: ${message}` : message;
}

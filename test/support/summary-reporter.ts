import type { Reporter, TestModule } from 'vitest/node';

/**
 * Runs after Vitest's default reporter and adds two things to the end of a run:
 *
 * - Why tests were skipped. The default reporter counts skipped tests but does
 *   not say why. Suites that need something these machines cannot have (a
 *   MongoDB server: docs/decisions/0070-deployment-topologies.md) mark
 *   themselves with a top-level `it.skip(<reason>)`, so a CI log shows what was
 *   not tested instead of a silent count.
 * - One plain closing line, `Tests: N passed, N failed, N skipped`, the form CI
 *   tooling reads whatever the test runner.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    const reasons: string[] = [];
    for (const module of testModules) {
      for (const state of ['passed', 'failed', 'skipped'] as const) {
        count[state] += [...module.children.allTests(state)].length;
      }
      const skipped = [...module.children.allTests('skipped')].length;
      if (skipped === 0) continue;
      // A suite's reason is its top-level skipped test; a lone skipped test names itself.
      let named = [...module.children.tests('skipped')].map((test) => test.name);
      if (named.length === 0 && skipped <= 3) named = [...module.children.allTests('skipped')].map((test) => test.fullName);
      reasons.push(`  ${module.relativeModuleId}: ${skipped} skipped${named.length ? ` — ${named.join('; ')}` : ''}`);
    }
    if (reasons.length) console.log(`\nSkipped, and why:\n${reasons.join('\n')}`);
    console.log(`\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}

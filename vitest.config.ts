import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // bench/ keeps the tests of its own helpers beside them: test/ may not import bench/ (bench builds on test).
    include: ['test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Browser and process tests start real servers and Chromium; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});

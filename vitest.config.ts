import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The suites start real HTTP servers and SQLite files; two cores cannot run many at once.
    maxWorkers: 2,
    // .ci/run prints its "N passed, N failed" line from the JSON file.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});

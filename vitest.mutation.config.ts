import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The fast unit tests that cover the files stryker.config.mjs mutates: each mutant reruns the ones that reach it,
// so nothing here spawns a bundle, Docker or git. A new gate file's unit tests are added by listing them.

/** Unit tests of the domains still being written on other branches (stryker.config.mjs `joining`): may match nothing. */
export const joiningTests = [
  'tests/unit/metrics/paired/*.test.ts',
  'tests/unit/canary/stats.test.ts',
  'tests/unit/canary/statistical.test.ts',
  'tests/unit/sql/**/*.test.ts',
  'tests/unit/sql-metrics/**/*.test.ts',
];

export default defineConfig({
  // Stryker's sandbox links node_modules back to the worktree, where @modelgate/core is the unmutated source:
  // resolve the package to the sandbox's own copy, the one with the mutant in it.
  resolve: {
    alias: [{ find: /^@modelgate\/core\/(.*)$/, replacement: join(import.meta.dirname, 'packages/core/src/$1.ts') }],
  },
  test: {
    include: [
      'tests/unit/compare/*.test.ts',
      'tests/unit/contracts/contracts.test.ts',
      'tests/unit/contracts/threshold-rules-parsing.test.ts',
      'tests/unit/metrics/*.test.ts',
      'tests/unit/drift/*.test.ts',
      'tests/unit/sketch/*.test.ts',
      'tests/unit/report/*.test.ts',
      'tests/unit/github/*.test.ts',
      // DeLong in SQL through the dialect's session tables (sql/metrics/sql-dialect.ts)
      'tests/unit/evaluate/sql-delong.test.ts',
      ...joiningTests,
    ],
    // Workers and threads make per-test coverage unreliable and each mutant slower; the parallel bootstrap is
    // the same arithmetic as bootstrap.test.ts.
    // git-baseline clones repositories and octokit-spacing waits for the client's write spacing: they cover no
    // mutated file.
    exclude: [
      'tests/unit/metrics/bootstrap-parallel.test.ts',
      'tests/unit/compare/git-baseline.test.ts',
      'tests/unit/github/octokit-spacing.test.ts',
    ],
    testTimeout: 60_000,
    maxWorkers: 1,
  },
});

// Mutation testing of the gates users trust (`npm run test:mutation`; .github/workflows/mutation.yml runs it
// weekly). It asks whether the tests would notice a wrong verdict: every mutant the tests do not kill is a
// hole, or an equivalent mutant marked in the source with `// Stryker disable next-line <mutator>: <reason>`.
// Slow (tens of minutes on 2 cores), so .ci/run does not run it. One file: `npx stryker run --mutate <file>`.

/** The gate domains, by the files that decide a verdict. A new domain or file is added by listing it here. */
export const gateDomains = {
  // Threshold rules: min/max, max-regression(-pct), direction, require-significance.
  compare: [
    'packages/core/src/compare/compare.ts',
    'packages/core/src/compare/metric.ts',
    'packages/core/src/compare/slices.ts',
    'packages/core/src/contracts/thresholds.ts',
  ],
  // The metrics evaluate-model writes and the gates compare (scikit-learn's definitions).
  // (metrics/paired/ is its own domain below.)
  metrics: [
    'packages/core/src/metrics/**/*.ts',
    '!packages/core/src/metrics/types.ts',
    '!packages/core/src/metrics/paired/**',
  ],
  // Drift statistics: KS, Kolmogorov distribution, chi-squared, PSI, Jensen-Shannon, Wasserstein.
  drift: [
    'packages/core/src/drift/column-drift.ts',
    'packages/core/src/drift/methods.ts',
    'packages/core/src/drift/ks.ts',
    'packages/core/src/drift/kolmogorov.ts',
    'packages/core/src/drift/statistics.ts',
    'packages/core/src/drift/special.ts',
    'packages/core/src/sketch/samples.ts',
    'packages/core/src/sketch/quantile-sketch.ts',
  ],
  // What keeps data, file and metric names inert in Markdown and Mermaid.
  reportEscaping: ['packages/core/src/report/escape.ts', 'packages/core/src/report/mermaid.ts'],
  // The PR comment: which comment is ours, edit/recreate/delete and their fallbacks, the URL returned.
  githubComment: ['packages/core/src/github/sticky-comment.ts', 'packages/core/src/github/identity.ts'],
  // This round's new statistics. Globs, so the files join as their branches merge: a glob that matches nothing
  // only makes Stryker warn ('did not result in any files'), and tests/unit/meta/mutation.test.ts allows that
  // only for the domains listed in `joining`.
  // Paired tests (McNemar, DeLong, paired bootstrap) and the paired comparison that gates on them.
  pairedTests: ['packages/core/src/metrics/paired/**/*.ts', 'packages/core/src/compare/paired*.ts'],
  // deploy-canary's statistics (Mann-Whitney U, the two-proportion test) and the verdict it draws from them.
  canaryStats: ['packages/core/src/canary/stats/**/*.ts', 'packages/core/src/canary/statistical.ts'],
  // SQL compilation: the dialects and the metrics compiled to SQL, which keep every input a bound parameter or a
  // quoted identifier. The engines (connections to DuckDB, PostgreSQL, BigQuery) are I/O, for the integration tests.
  sqlCompilation: [
    'packages/core/src/sql/dialect.ts',
    'packages/core/src/sql/dialects/**/*.ts',
    'packages/core/src/sql/metrics/**/*.ts',
    'packages/core/src/validate/sql/**/*.ts',
    // the runs that send the compiled SQL to an engine: I/O, for the integration tests
    '!packages/core/src/sql/metrics/evaluate-sql.ts',
    '!packages/core/src/validate/sql/validate-sql.ts',
  ],
  // The monitor's issues, kept up to date through the same "edit only what we wrote" mechanism as the comment.
  githubIssue: ['packages/core/src/github/sticky-document.ts', 'packages/core/src/github/issue.ts'],
};

/** Domains whose files are still being written on other branches: their globs may match nothing yet. */
export const joining = [];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  mutate: Object.values(gateDomains).flat(),
  // The target is 85% of mutants killed per domain: the run fails below it.
  thresholds: { high: 90, low: 85, break: 85 },
  // Two shared cores: one test runner each, and no type-checking of mutants (vitest strips types).
  concurrency: 2,
  timeoutMS: 5_000,
  // Nothing the tests do not read is copied into the sandbox (dist/ alone is 50 MB).
  ignorePatterns: ['/dist', '/examples', '/docs', '/coverage', '/.modelgate', '/tmp'],
  // Off by default: a fresh clone (the weekly workflow) has no earlier report. Locally, `npx stryker run
  // --incremental` reruns only mutants whose code or tests changed since the last run, kept here (git-ignored).
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

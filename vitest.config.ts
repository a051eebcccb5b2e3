import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

// The local runner copies every job summary and PR comment here, and the rendering tests (a later group, so
// after all the others) render each as GitHub would. One folder per test run.
// Set on the process, not only in test.env: the config is evaluated again per project, and each must see the same.
process.env.MODELGATE_REPORTS_DIR ??= join(tmpdir(), `modelgate-reports-${Date.now()}-${process.pid}`);
const reportsDir = process.env.MODELGATE_REPORTS_DIR;

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests spawn bundles, Docker and Prometheus; more workers only thrash.
    maxWorkers: 2,
    reporters: ['default'],
    env: { MODELGATE_REPORTS_DIR: reportsDir },
    projects: [
      {
        extends: true,
        test: {
          name: 'behaviour',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/rendering/**'],
        },
      },
      {
        extends: true,
        test: { name: 'rendering', include: ['tests/rendering/**/*.test.ts'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});

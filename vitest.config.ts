import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests spawn bundles, Docker and Prometheus; more workers only thrash.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

// Tests that need a Docker engine: under CI=true they always run (and fail when Docker is missing);
// on a developer machine without Docker they are skipped with a loud message, never silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { REGISTRY_BINARY } from './registry.ts';

function engineAnswers(): boolean {
  try {
    return (
      execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 20_000,
      }).trim() !== ''
    );
  } catch {
    return false;
  }
}

/** True when the Docker tests must run; prints why when they will not. */
export function dockerTestsEnabled(suite: string): boolean {
  const available = engineAnswers() && existsSync(REGISTRY_BINARY);
  if (available || process.env.CI) return true;
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!!! SKIPPING ${suite}: no Docker engine answers or ${REGISTRY_BINARY} is missing, and CI is not set.\n` +
      `!!! These tests build, run and push real images; under CI=true they run and fail without Docker.\n${line}\n`,
  );
  return false;
}

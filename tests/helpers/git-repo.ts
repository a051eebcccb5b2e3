import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Runs git in `cwd` with a fixed identity; returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();
}

/** Writes files (creating folders) and commits them; returns the new commit's SHA. */
export function commit(repo: string, message: string, files: Record<string, string | Uint8Array>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

/**
 * An "origin" repository whose main has the baseline metrics at `fork` and `mainAhead` more commits, and a
 * `feature` branch from `fork` that changes the metrics and adds `featureAhead` commits: the shape of a PR.
 */
export function prRepository(
  baseline: string,
  candidate: string,
  o: { mainAhead?: number; featureAhead?: number; path?: string } = {},
): { origin: string; fork: string; mainTip: string; featureTip: string; path: string } {
  const path = o.path ?? 'metrics/metrics.json';
  const origin = mkdtempSync(join(tmpdir(), 'modelgate-origin-'));
  git(origin, 'init', '-q', '-b', 'main');
  // Older history before the fork point, so a shallow fetch that reaches the fork is still shallow.
  for (let i = 0; i < 3; i++) commit(origin, `history ${i}`, { [`history-${i}.txt`]: String(i) });
  const fork = commit(origin, 'baseline metrics', { [path]: baseline });
  for (let i = 0; i < (o.mainAhead ?? 3); i++) commit(origin, `main ${i}`, { [`main-${i}.txt`]: String(i) });
  const mainTip = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '-q', '-b', 'feature', fork);
  commit(origin, 'candidate metrics', { [path]: candidate });
  for (let i = 0; i < (o.featureAhead ?? 2); i++) commit(origin, `feature ${i}`, { [`feature-${i}.txt`]: String(i) });
  const featureTip = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '-q', 'main');
  return { origin, fork, mainTip, featureTip, path };
}

/** A clone of `origin` at `branch`, shallow (depth 1) when asked, as actions/checkout makes by default. */
export function cloneOf(origin: string, branch: string, shallow: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-clone-'));
  const args = ['clone', '-q', ...(shallow ? ['--depth=1'] : []), '--branch', branch, `file://${origin}`, dir];
  git(tmpdir(), ...args);
  return dir;
}

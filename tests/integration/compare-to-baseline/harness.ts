import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal, type LocalRunResult } from '../../../packages/cli/src/runner.ts';
import type { GitHubStandIn } from '../../standins/github/index.ts';

/** A token shaped like GitHub's, to look for in everything the run leaves behind. */
export const TOKEN = 'ghs_compareToBaselineSecretToken0123456789';
export const OWNER = 'acme';
export const REPO = 'churn';
export const HEAD_SHA = 'c'.repeat(40);

/** A metrics document of docs/formats.md with these metrics. */
export function metricsDocument(metrics: Record<string, number>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, task: 'binary', rows: 1000, metrics, ...extra }, null, 2);
}

/** A folder with `files` written in it. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-compare-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A pull_request event payload for PR 7 of acme/churn, from a fork when asked. */
export function pullRequestEvent(o: { fork?: boolean; number?: number } = {}): unknown {
  const base = { full_name: `${OWNER}/${REPO}`, fork: false, default_branch: 'main' };
  const head = o.fork ? { full_name: `mallory/${REPO}`, fork: true } : base;
  return {
    action: 'synchronize',
    number: o.number ?? 7,
    pull_request: {
      number: o.number ?? 7,
      head: { sha: HEAD_SHA, ref: 'feature', repo: head },
      base: { sha: 'b'.repeat(40), ref: 'main', repo: base },
    },
    repository: base,
  };
}

/** Runs the bundle against the stand-in, as GitHub would on a pull request (or another event). */
export function runCompare(
  standIn: GitHubStandIn,
  cwd: string,
  inputs: Record<string, string>,
  o: { event?: string; payload?: unknown; env?: Record<string, string> } = {},
): Promise<LocalRunResult> {
  const event = o.event ?? 'pull_request';
  return runLocal({
    action: 'compare-to-baseline',
    cwd,
    inputs,
    event,
    eventPayload: o.payload ?? (event === 'pull_request' ? pullRequestEvent() : undefined),
    githubApi: standIn.url,
    env: { ...standIn.env(), GITHUB_TOKEN: TOKEN, GITHUB_SHA: HEAD_SHA, ...o.env },
    timeoutMs: 60_000,
  });
}

/**
 * Everything a run leaves where people or logs can see it, for the token check. `::add-mask::` lines are the
 * runner protocol that registers the secret (the runner consumes them; they never reach the log).
 */
export function visibleText(result: LocalRunResult): string {
  const log = (text: string) =>
    text
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
  return [
    log(result.stdout),
    log(result.stderr),
    result.summary,
    JSON.stringify(result.outputs),
    result.comment ?? '',
  ].join('\n');
}

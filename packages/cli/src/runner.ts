import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readActionYml, REPO_ROOT } from './action-yml.ts';
import { parseCommandFile } from './command-files.ts';
import { evaluateDefault } from './expressions.ts';

export interface LocalRunOptions {
  /** The action's folder name under actions/. */
  action: string;
  /** Inputs by their action.yml names; unset ones take the action.yml default, as on GitHub. */
  inputs?: Record<string, string>;
  /** `GITHUB_EVENT_NAME` (default `push`). */
  event?: string;
  /** The event payload (object or a JSON file path); for `pull_request` a minimal one is made when absent. */
  eventPayload?: unknown;
  /** `GITHUB_API_URL`; when absent the run has no GitHub and the comment it would post is saved locally. */
  githubApi?: string;
  /** Extra environment (e.g. ACTIONS_RUNTIME_TOKEN for an artifact service). */
  env?: Record<string, string>;
  /** Working directory of the step (default: the current one). */
  cwd?: string;
  /** Print the action's output live (the CLI does; tests do not). */
  stream?: boolean;
  /** Kill the action after this many milliseconds (default 10 minutes). */
  timeoutMs?: number;
  /**
   * Cancel the step when this settles, as GitHub cancels a workflow run: SIGINT, then SIGTERM 7.5 s later if the
   * step is still running (the timeout's SIGKILL stays the last resort).
   */
  cancel?: Promise<unknown>;
  /** Repository root holding actions/ and dist/ (default: this checkout). */
  root?: string;
}

export interface LocalRunResult {
  exitCode: number;
  outputs: Record<string, string>;
  /** The job summary Markdown the step wrote. */
  summary: string;
  /** The comment the step would have posted (marker included), when it had no GitHub to post to. */
  comment?: string;
  commentFile?: string;
  stdout: string;
  stderr: string;
  /** The temp directory holding the command files, event payload and RUNNER_TEMP. */
  workDir: string;
  durationMs: number;
}

const PR_NUMBER = 1;

function git(args: string[], cwd: string): string | undefined {
  try {
    return (
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

function defaultPayload(event: string, repository: string, sha: string): unknown {
  const repo = { full_name: repository, fork: false, default_branch: 'main' };
  if (event === 'pull_request' || event === 'pull_request_target') {
    return {
      action: 'synchronize',
      number: PR_NUMBER,
      pull_request: {
        number: PR_NUMBER,
        head: { sha, ref: 'local-change', repo },
        base: { sha, ref: 'main', repo },
      },
      repository: repo,
    };
  }
  return { repository: repo, ref: 'refs/heads/main', after: sha };
}

/**
 * With MODELGATE_REPORTS_DIR set, every job summary and PR comment a run produces is also copied there, so the
 * rendering test can look at every report the demo and the integration tests made.
 */
function collectReports(action: string, summary: string, commentFile: string | undefined): void {
  const dir = process.env.MODELGATE_REPORTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const stem = `${action}-${Date.now()}-${process.pid}-${++reportCount}`;
  if (summary.trim()) writeFileSync(join(dir, `${stem}-summary.md`), summary);
  if (commentFile) copyFileSync(commentFile, join(dir, `${stem}-comment.md`));
}
let reportCount = 0;

/** Runs an action's committed bundle the way the GitHub runner does: INPUT_*, command files, event payload. */
export async function runLocal(o: LocalRunOptions): Promise<LocalRunResult> {
  const root = o.root ?? REPO_ROOT;
  const cwd = resolve(o.cwd ?? process.cwd());
  const yml = readActionYml(o.action, root);
  const bundle = join(root, 'actions', o.action, yml.runs.main);
  if (!existsSync(bundle)) throw new Error(`The bundle ${bundle} does not exist: run \`npm run build\` first.`);
  const unknown = Object.keys(o.inputs ?? {}).filter((k) => !(k in yml.inputs));
  if (unknown.length) {
    throw new Error(
      `${o.action} has no input named ${unknown.join(', ')}; its inputs are ${Object.keys(yml.inputs).join(', ')}.`,
    );
  }

  const workDir = mkdtempSync(join(tmpdir(), `modelgate-${o.action}-`));
  const files = {
    GITHUB_OUTPUT: join(workDir, 'output'),
    GITHUB_STEP_SUMMARY: join(workDir, 'summary.md'),
    GITHUB_ENV: join(workDir, 'env'),
    GITHUB_STATE: join(workDir, 'state'),
    GITHUB_PATH: join(workDir, 'path'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const runnerTemp = mkdtempSync(join(workDir, 'runner-temp-'));
  const commentDir = join(workDir, 'comments');

  const event = o.event ?? 'push';
  const repository = o.env?.GITHUB_REPOSITORY ?? 'local/repository';
  const sha = o.env?.GITHUB_SHA ?? git(['rev-parse', 'HEAD'], cwd) ?? '0000000000000000000000000000000000000000';
  let payload = o.eventPayload ?? defaultPayload(event, repository, sha);
  if (typeof payload === 'string') payload = JSON.parse(readFileSync(resolve(payload), 'utf8'));
  const eventPath = join(workDir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload, null, 2));

  const token = o.env?.GITHUB_TOKEN ?? '';
  const githubContext: Record<string, string> = {
    token,
    workflow: o.env?.GITHUB_WORKFLOW ?? 'local',
    job: o.env?.GITHUB_JOB ?? 'local',
    repository,
    sha,
    event_name: event,
  };
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)) env[k] = v;
  }
  Object.assign(env, files, {
    GITHUB_ACTIONS: 'true',
    CI: process.env.CI ?? 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_SHA: sha,
    GITHUB_REF: event.startsWith('pull_request') ? `refs/pull/${PR_NUMBER}/merge` : 'refs/heads/main',
    GITHUB_WORKSPACE: cwd,
    GITHUB_WORKFLOW: 'local',
    GITHUB_JOB: 'local',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    // Without a GitHub to talk to, an unroutable API and a local "comment" file keep the run offline.
    GITHUB_API_URL: o.githubApi ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux',
    ...(o.githubApi ? {} : { MODELGATE_LOCAL_COMMENT_DIR: commentDir }),
  });
  for (const [name, spec] of Object.entries(yml.inputs)) {
    const given = o.inputs?.[name];
    const value = given ?? (spec.default === undefined ? '' : evaluateDefault(String(spec.default), githubContext));
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  Object.assign(env, o.env ?? {});

  const started = Date.now();
  const child = spawn(process.execPath, [bundle], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    if (o.stream) process.stdout.write(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    if (o.stream) process.stderr.write(d);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 600_000);
  const running = () => child.exitCode === null && child.signalCode === null;
  void o.cancel?.then(() => {
    if (!running()) return;
    child.kill('SIGINT');
    setTimeout(() => running() && child.kill('SIGTERM'), 7500).unref();
  });
  const exitCode = await new Promise<number>((done) =>
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1))),
  );
  clearTimeout(timer);

  const commentFiles = existsSync(commentDir) ? readdirSync(commentDir).map((f) => join(commentDir, f)) : [];
  const commentFile = commentFiles[0];
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  collectReports(o.action, summary, commentFile);
  return {
    exitCode,
    outputs: parseCommandFile(files.GITHUB_OUTPUT),
    summary,
    ...(commentFile ? { comment: readFileSync(commentFile, 'utf8'), commentFile } : {}),
    stdout,
    stderr,
    workDir,
    durationMs: Date.now() - started,
  };
}

import * as log from '../log.ts';
import { inert } from '../log.ts';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { readMetricsFile, parseMetricsText, type MetricsSnapshot } from '../contracts/metrics-file.ts';
import { inputError, isUserError } from '../errors.ts';
import type { GitHubContext } from '../runner/environment.ts';
import { gitHubInputError } from '../github/failure.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { downloadArtifactFiles, latestArtifact } from '../github/workflow-artifacts.ts';
import { ensureCommit, locateInRepo, mergeBase, previousCommit, showFile } from '../git/revisions.ts';

/** The artifact a push to the default branch saves and later runs read (`-<comment-key>` when one is set). */
export function metricsArtifactName(commentKey?: string): string {
  const key = commentKey?.replace(/[^A-Za-z0-9_.-]+/g, '-');
  return key ? `modelgate-metrics-${key}` : 'modelgate-metrics';
}

/** The baseline found (or why there is none), and where it came from, for the report's footer. */
export interface Baseline {
  snapshot?: MetricsSnapshot;
  /** Where it came from, e.g. "merge base with main", "artifact modelgate-metrics of run 41", a path. */
  source: string;
  /** The baseline's commit, when known. */
  commit?: string;
}

export interface BaselineRequest {
  /** The `baseline` input: `auto`, a path, `git:<ref>` or `artifact:<name>`. */
  spec: string;
  /** The current metrics file (absolute); git and artifacts look for the same file. */
  metricsPath: string;
  context: GitHubContext;
  /** Absent without a token: artifacts cannot be read. */
  client?: GitHubClient | undefined;
  artifactName: string;
  /** The path as the user wrote it, for messages. */
  display?: string;
}

const none = (source: string): Baseline => ({ source });

/**
 * Resolves the `baseline` input. `auto` (and a git ref or artifact without the file) may find no baseline yet:
 * the result has no snapshot and the report says only min/max applied. A path the user named that does not
 * exist is an error: a typo would otherwise switch the regression gate off without anyone noticing.
 */
export async function resolveBaseline(request: BaselineRequest): Promise<Baseline> {
  if (request.spec === 'auto') return autoBaseline(request);
  if (request.spec.startsWith('git:')) {
    const ref = request.spec.slice(4).trim();
    if (!ref || ref.startsWith('-'))
      throw inputError(
        'baseline',
        `expected git:<ref> (e.g. git:main or git:HEAD~1); got ${JSON.stringify(request.spec)}.`,
      );
    return fromGit(request, ref, `${ref} (git)`);
  }
  if (request.spec.startsWith('artifact:')) {
    const name = request.spec.slice(9).trim();
    if (!name) throw inputError('baseline', `expected artifact:<name>; got ${JSON.stringify(request.spec)}.`);
    return fromArtifact(request, name, baseBranch(request.context));
  }
  if (!existsSync(request.spec)) {
    throw inputError(
      'baseline',
      `the file ${request.display ?? request.spec} does not exist. Fix the path, or use baseline: auto (the metrics of the base ` +
        'branch, when there are any) to start without one.',
      { file: request.display ?? request.spec },
    );
  }
  return { snapshot: await readMetricsFile(request.spec, { input: 'baseline' }), source: request.spec };
}

function baseBranch(context: GitHubContext): string {
  return context.pullRequest?.baseRef ?? context.defaultBranch ?? 'main';
}

async function fromGit(r: BaselineRequest, ref: string, source: string): Promise<Baseline> {
  const file = await locateInRepo(r.metricsPath);
  if (!file) throw inputError('baseline', `${r.spec} needs a git checkout, but ${r.metricsPath} is not inside one.`);
  const commit = await ensureCommit(file.root, ref);
  if (!commit)
    throw inputError('baseline', `git cannot find the commit '${ref}' (also not after fetching it from origin).`);
  const text = await showFile(file.root, commit, file.path);
  if (text === undefined) {
    log.warning(`${inert(file.path)} does not exist at ${inert(ref)} (${commit.slice(0, 7)}): no baseline yet.`);
    return { source, commit };
  }
  return { snapshot: parseMetricsText(text, { file: `${ref}:${file.path}`, input: 'baseline' }), source, commit };
}

async function fromArtifact(r: BaselineRequest, name: string, branch: string, strict = true): Promise<Baseline> {
  const source = `artifact ${name}`;
  if (!r.client) {
    log.warning(`No github-token: cannot read the artifact '${inert(name)}'. No baseline yet.`);
    return none(source);
  }
  const client = r.client;
  // Without the artifact the gate would pass on absolute bounds only: GitHub failing here is an error, named.
  const fromGitHub = <T>(what: string, request: () => Promise<T>): Promise<T> =>
    request().catch((error: unknown) => {
      throw gitHubInputError('baseline', what, error, r.context.apiUrl);
    });
  const found = await fromGitHub(`could not look for the artifact '${name}'`, () =>
    latestArtifact(client, r.context, branch, name),
  );
  if (!found) {
    log.info(
      `No successful run of this workflow on ${inert(branch)} has an artifact '${inert(name)}': no baseline yet.`,
    );
    return none(source);
  }
  const files = await fromGitHub(`could not download the artifact '${name}' of run ${found.run.runNumber}`, () =>
    downloadArtifactFiles(client, r.context, found.id),
  );
  const wanted = basename(r.metricsPath);
  const names = [...files.keys()];
  const entry = names.find((n) => basename(n) === wanted) ?? (names.length === 1 ? names[0] : undefined);
  const where = `${source} of run ${found.run.runNumber}`;
  if (entry === undefined) {
    const message = `the artifact '${name}' holds ${names.join(', ') || 'no files'}, but no ${wanted} (the name of the metrics file).`;
    if (strict) throw inputError('baseline', message);
    log.warning(`${inert(message)} No baseline yet.`);
    return none(where);
  }
  const text = files.get(entry)!.toString('utf8');
  return {
    snapshot: parseMetricsText(text, { file: `${name}/${entry}`, input: 'baseline' }),
    source: where,
    commit: found.run.headSha,
  };
}

/**
 * `auto`: on a pull request the file at the merge base with the base branch, on other events the previous
 * commit's, read with git; when git has no such file (metrics made in CI are rarely committed), the artifact
 * of the latest successful run on the base branch.
 */
async function autoBaseline(r: BaselineRequest): Promise<Baseline> {
  const pr = r.context.pullRequest;
  const file = await locateInRepo(r.metricsPath);
  if (file) {
    const commit = pr ? await mergeBase(file.root, pr.baseRef) : await previousCommit(file.root, r.context.before);
    const source = pr ? `merge base with ${pr.baseRef}` : 'previous commit';
    const text = commit ? await showFile(file.root, commit, file.path) : undefined;
    if (commit && text !== undefined) {
      try {
        return { snapshot: parseMetricsText(text, { file: `${commit.slice(0, 7)}:${file.path}` }), source, commit };
      } catch (error) {
        if (!isUserError(error)) throw error;
        log.warning(`The baseline at the ${source} is unreadable (${inert(error.describe())}); trying the artifact.`);
      }
    } else {
      log.info(
        commit
          ? `${inert(file.path)} is not in git at the ${source}; trying the artifact.`
          : `git found no ${source}; trying the artifact.`,
      );
    }
  }
  return fromArtifact(r, r.artifactName, baseBranch(r.context), false);
}

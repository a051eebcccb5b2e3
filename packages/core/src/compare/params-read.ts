/**
 * The `params` input: each params file read in the working tree and, with git, at the baseline's revision (the
 * commit the baseline metrics came from, else what `baseline: auto` resolves: the merge base on a pull request,
 * the previous commit on a push), diffed key by key.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError, isUserError } from '../errors.ts';
import { ensureCommit, locateInRepo, mergeBase, previousCommit, showFile } from '../git/revisions.ts';
import * as log from '../log.ts';
import { inert } from '../log.ts';
import type { GitHubContext } from '../runner/environment.ts';
import { diffParams, parseParamsText, type ParamChange } from './params.ts';

/** What happened to one params file. */
export interface ParamsFileResult {
  /** As the user named it. */
  file: string;
  /** How many keys it has now. */
  keys: number;
  /** `compared`, `new` (not there at the baseline: every key added), or why it could not be compared. */
  baseline: 'compared' | 'new' | { unavailable: string };
}

/** The parameters diff the report shows above the metrics. */
export interface ParamsDiff {
  /** The commit the baseline's params were read at (absent when no revision was found). */
  revision?: string;
  /** How that revision was found, e.g. `the baseline's commit`, `merge base with main`. */
  revisionSource: string;
  files: ParamsFileResult[];
  changes: ParamChange[];
}

export interface ParamsRequest {
  /** The `params` input, as written (relative paths resolve against the working directory). */
  files: string[];
  /** The commit the baseline metrics came from, when known (git:<ref>, auto, an artifact's run). */
  baselineCommit?: string | undefined;
  /** Where that baseline came from (`merge base with main`, `main (git)`), to say how the revision was found. */
  baselineSource?: string;
  context: GitHubContext;
}

async function readHead(file: string): Promise<string> {
  try {
    return await readFile(resolve(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      'params',
      code === 'ENOENT'
        ? 'the params file does not exist. Fix the path, or remove it from params.'
        : `cannot read the params file (${code}).`,
      { file },
    );
  }
}

interface Revision {
  revision?: string | undefined;
  /** How it was found, for the report. */
  source: string;
  /** Why there is none, when there is none. */
  missing: string;
}

/** The baseline's revision in `root`, and how it was found; a failure to find one is a note, not an error. */
async function baselineRevision(root: string, r: ParamsRequest): Promise<Revision> {
  if (r.baselineCommit) {
    return {
      revision: await ensureCommit(root, r.baselineCommit),
      source: r.baselineSource ?? "the baseline's commit",
      missing: `git cannot find the baseline's commit ${r.baselineCommit.slice(0, 7)} in this checkout or on origin`,
    };
  }
  const pr = r.context.pullRequest;
  if (pr) {
    const source = `merge base with ${pr.baseRef}`;
    return { revision: await mergeBase(root, pr.baseRef), source, missing: `git found no ${source}` };
  }
  const revision = await previousCommit(root, r.context.before);
  return { revision, source: 'previous commit', missing: 'git found no previous commit' };
}

/**
 * Reads every params file now and at the baseline's revision. A file missing or malformed in the working tree is
 * an error (the user can fix it); one malformed at the baseline, or outside git, is reported as not compared.
 */
export async function readParamsDiff(r: ParamsRequest): Promise<ParamsDiff> {
  const current = [];
  // Every file is checked before any git work, so a typo fails fast and names the file.
  for (const file of r.files)
    current.push({ file, params: parseParamsText(await readHead(file), { file, input: 'params' }) });

  const revisions = new Map<string, Revision>();
  const result: ParamsDiff = { revisionSource: '', files: [], changes: [] };
  for (const { file, params } of current) {
    const located = await locateInRepo(resolve(file));
    const unavailable = (why: string) => {
      log.warning(`The parameters in ${inert(file)} are not compared: ${inert(why)}.`);
      result.files.push({ file, keys: params.size, baseline: { unavailable: why } });
    };
    if (!located) {
      unavailable('it is not in a git checkout, so it cannot be read at the baseline');
      continue;
    }
    let found = revisions.get(located.root);
    if (!found) revisions.set(located.root, (found = await baselineRevision(located.root, r)));
    result.revisionSource ||= found.source;
    if (!found.revision) {
      unavailable(found.missing);
      continue;
    }
    result.revision ??= found.revision;
    const text = await showFile(located.root, found.revision, located.path);
    if (text === undefined) {
      result.files.push({ file, keys: params.size, baseline: 'new' });
      result.changes.push(...diffParams(file, undefined, params));
      continue;
    }
    try {
      const before = parseParamsText(text, { file: `${found.revision.slice(0, 7)}:${located.path}` });
      result.files.push({ file, keys: params.size, baseline: 'compared' });
      result.changes.push(...diffParams(file, before, params));
    } catch (error) {
      if (!isUserError(error)) throw error;
      unavailable(`unreadable at the baseline (${error.describe()})`);
    }
  }
  return result;
}

import * as log from '../log.ts';
import { basename, dirname } from 'node:path';
import { git, gitText } from './git.ts';

/** A file's place in a git checkout: the repository root and its path there (with `/`, as git wants). */
export interface RepoFile {
  root: string;
  path: string;
}

/** Finds the repository holding `file` and the file's path relative to its root; undefined outside git. */
export async function locateInRepo(file: string): Promise<RepoFile | undefined> {
  const top = await gitText(['rev-parse', '--show-toplevel'], dirname(file));
  if (!top) return undefined;
  // --show-prefix (not path.relative): --show-toplevel resolves symlinks and the file's path may not.
  const prefix = await gitText(['rev-parse', '--show-prefix'], dirname(file));
  return { root: top, path: `${prefix ?? ''}${basename(file)}` };
}

/** True when `rev` names a commit present in the local repository. */
export async function hasCommit(root: string, rev: string): Promise<boolean> {
  return (await git(['cat-file', '-e', `${rev}^{commit}`], root)).ok;
}

/** The full SHA of `rev`, when it resolves. */
export function resolveCommit(root: string, rev: string): Promise<string | undefined> {
  return gitText(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root);
}

/** The text of `path` at commit `rev` (`git show <rev>:<path>`); undefined when the file is not there. */
export async function showFile(root: string, rev: string, path: string): Promise<string | undefined> {
  const r = await git(['show', `${rev}:${path}`], root);
  return r.ok ? r.stdout : undefined;
}

async function isShallow(root: string): Promise<boolean> {
  return (await gitText(['rev-parse', '--is-shallow-repository'], root)) === 'true';
}

/**
 * Makes `rev` (a SHA or a ref on origin) available locally, fetching just that commit when it is missing,
 * as a `fetch-depth: 1` checkout (the actions/checkout default) has nothing else.
 */
export async function ensureCommit(root: string, rev: string): Promise<string | undefined> {
  if (await hasCommit(root, rev)) return resolveCommit(root, rev);
  const fetched = await git(['fetch', '--no-tags', '--depth=1', 'origin', rev], root);
  if (!fetched.ok) {
    log.debug(`git fetch origin ${rev} failed: ${fetched.stderr.trim()}`);
    return undefined;
  }
  return resolveCommit(root, /^[0-9a-f]{40}$/i.test(rev) ? rev : 'FETCH_HEAD');
}

/** The commit before HEAD (a push's previous commit), deepening a shallow checkout by one when needed. */
export async function previousCommit(root: string, before?: string): Promise<string | undefined> {
  if (before && !/^0+$/.test(before)) {
    const sha = await ensureCommit(root, before);
    if (sha) return sha;
  }
  if (!(await hasCommit(root, 'HEAD~1')) && (await isShallow(root))) {
    await git(['fetch', '--no-tags', '--deepen=1', 'origin'], root);
  }
  return resolveCommit(root, 'HEAD~1');
}

/**
 * The merge base of HEAD with the base branch. In a shallow checkout only the needed history is fetched:
 * the base branch at a small depth, then both sides deepened (doubling) until `git merge-base` answers, and
 * `--unshallow` only as a last resort (the approach of nrwl/nx-set-shas and tj-actions/changed-files).
 */
export async function mergeBase(
  root: string,
  baseRef: string,
  o: { initialDepth?: number; maxDeepen?: number } = {},
): Promise<string | undefined> {
  const remote = `refs/remotes/origin/${baseRef}`;
  const refspec = `+refs/heads/${baseRef}:${remote}`;
  const shallow = await isShallow(root);
  let depth = o.initialDepth ?? 50;
  const fetched = await git(['fetch', '--no-tags', ...(shallow ? [`--depth=${depth}`] : []), 'origin', refspec], root);
  if (!fetched.ok) log.debug(`git fetch origin ${baseRef} failed: ${fetched.stderr.trim()}`);
  // Without a reachable origin (a local repository), the local branch of that name is the base.
  const target = (await hasCommit(root, remote)) ? remote : baseRef;
  const base = () => gitText(['merge-base', target, 'HEAD'], root);
  let found = await base();
  for (let i = 0; !found && fetched.ok && shallow && i < (o.maxDeepen ?? 6); i++, depth *= 2) {
    // --deepen moves every shallow boundary, HEAD's as well as the base branch's.
    if (!(await git(['fetch', '--no-tags', `--deepen=${depth}`, 'origin', refspec], root)).ok) break;
    found = await base();
  }
  if (!found && fetched.ok && (await isShallow(root))) {
    log.info(`No merge base with ${baseRef} within the fetched history; fetching the full history.`);
    await git(['fetch', '--no-tags', '--unshallow', 'origin', refspec], root);
    found = await base();
  }
  return found;
}

import * as log from '../log.ts';
import { inert } from '../log.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { escapeCommentText } from '../report/escape.ts';
import { describeGitHubFailure, mayHaveBeenApplied } from './failure.ts';
import { httpStatus } from './http-status.ts';
import { isAuthoredBy, tokenIdentity, type TokenIdentity } from './identity.ts';
import type { GitHubClient } from './octokit.ts';
import { NOT_RETRIED, RETRY_BASE_MS } from './retry-policy.ts';

/** How an existing report comment is refreshed. */
export type CommentMode = 'update' | 'recreate' | 'off';

/** The hidden marker that identifies one report on a PR: one per action and comment key. */
export function commentMarker(action: string, key: string): string {
  return `<!-- modelgate:${escapeCommentText(action)}:${escapeCommentText(key)} -->`;
}

export interface StickyCommentOptions {
  owner: string;
  repo: string;
  issueNumber: number;
  marker: string;
  /** The body without the marker; at most COMMENT_LIMIT characters once the marker is added. */
  body: string;
  mode: CommentMode;
  /** The API root, for messages. */
  apiUrl?: string;
}

/** The report comment as it now stands: its URL (the action's `comment-url` output) and what was done. */
export interface PostedComment {
  url: string;
  id: number;
  action: 'created' | 'updated' | 'recreated';
}

/** How many times a comment is posted when each answer is lost; before each repeat the PR is read again. */
const CREATE_ATTEMPTS = 3;

interface ListedComment {
  id: number;
  html_url: string;
  body?: string | undefined;
  user: { login?: string | null; type?: string | null } | null;
}

/**
 * Creates or updates the one comment of ours carrying `marker`. "Ours" is the marker and an author that is the
 * token's own account (identity.ts): a comment anyone else wrote is never edited or deleted, even when it quotes
 * the marker. Every page of comments is read (REST pagination), so a report posted long ago is still found.
 *
 * - update: our newest report is edited in place; if the edit is refused (403, or 404 when it was deleted
 *   meanwhile), a new comment is posted.
 * - recreate: our earlier reports are deleted and a new one is posted at the bottom; if a delete is refused, that
 *   comment is edited in place instead, so the PR never shows two reports.
 * - Posting is never repeated blindly: when its answer is lost (a 5xx or no answer, which can come after GitHub
 *   created the comment), the PR is read again and a comment of ours that was not there before is taken as the
 *   one just posted.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  o: StickyCommentOptions,
): Promise<PostedComment | undefined> {
  if (o.mode === 'off') return undefined;
  const body = `${o.marker}\n${o.body}`;
  let identity: Promise<TokenIdentity> | undefined;
  // Asked only when a comment carries the marker: most first runs never need it.
  const ours = async (comments: ListedComment[]) => {
    if (comments.length === 0) return [];
    identity ??= tokenIdentity(client);
    const me = await identity;
    return comments.filter((c) => isAuthoredBy(c.user, me));
  };

  const marked = await listMarked(client, o);
  const mine = await ours(marked);
  if (mine.length < marked.length) {
    log.info(
      `${marked.length - mine.length} comment(s) on #${o.issueNumber} quote the report's marker but were not written by this token; they are left alone.`,
    );
  }
  if (o.mode === 'update' && mine.length > 0) {
    const edited = await tryEdit(client, o, mine[mine.length - 1]!, body);
    if (edited) return { ...edited, action: 'updated' };
  }
  if (o.mode === 'recreate' && mine.length > 0) {
    const kept = await deleteAll(client, o, mine);
    if (kept.length > 0) {
      const edited = await tryEdit(client, o, kept[kept.length - 1]!, body);
      if (edited) return { ...edited, action: 'updated' };
    }
  }
  const seen = new Set(marked.map((c) => c.id));
  const created = await createOnce(client, o, body, async () => {
    const fresh = (await listMarked(client, o)).filter((c) => !seen.has(c.id));
    return ours(fresh);
  });
  return { ...created, action: o.mode === 'recreate' && mine.length > 0 ? 'recreated' : 'created' };
}

async function listMarked(client: GitHubClient, o: StickyCommentOptions): Promise<ListedComment[]> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: o.owner,
    repo: o.repo,
    issue_number: o.issueNumber,
    per_page: 100,
  });
  return comments.filter((c) => c.body?.includes(o.marker));
}

/** Edits a comment; undefined when GitHub refuses (403) or it is gone (404), so the caller posts instead. */
async function tryEdit(
  client: GitHubClient,
  o: StickyCommentOptions,
  target: ListedComment,
  body: string,
): Promise<{ url: string; id: number } | undefined> {
  try {
    const { data } = await client.rest.issues.updateComment({
      owner: o.owner,
      repo: o.repo,
      comment_id: target.id,
      body,
    });
    return { url: data.html_url, id: data.id };
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 403 && status !== 404) throw error;
    log.warning(`Could not edit the report comment ${inert(target.html_url)} (HTTP ${status}); posting a new one.`);
    return undefined;
  }
}

/** Deletes our earlier reports; returns those GitHub would not delete (a 404 means already gone). */
async function deleteAll(
  client: GitHubClient,
  o: StickyCommentOptions,
  comments: ListedComment[],
): Promise<ListedComment[]> {
  const kept: ListedComment[] = [];
  for (const old of comments) {
    try {
      await client.rest.issues.deleteComment({ owner: o.owner, repo: o.repo, comment_id: old.id });
    } catch (error) {
      if (httpStatus(error) === 404) continue;
      log.warning(
        `Could not delete the earlier report comment ${inert(old.html_url)} (${inert(describeGitHubFailure(error, o.apiUrl ?? 'GitHub'))}); editing it in place instead.`,
      );
      kept.push(old);
    }
  }
  return kept;
}

/** Posts the comment at most once: after a lost answer, `postedMeanwhile` says whether it exists already. */
async function createOnce(
  client: GitHubClient,
  o: StickyCommentOptions,
  body: string,
  postedMeanwhile: () => Promise<ListedComment[]>,
): Promise<{ url: string; id: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await client.rest.issues.createComment({
        owner: o.owner,
        repo: o.repo,
        issue_number: o.issueNumber,
        body,
        request: NOT_RETRIED,
      });
      return { url: data.html_url, id: data.id };
    } catch (error) {
      if (!mayHaveBeenApplied(error) || attempt >= CREATE_ATTEMPTS) throw error;
      log.info(
        `Posting the report comment got no usable answer (${inert(describeGitHubFailure(error, o.apiUrl ?? 'GitHub', 1))}); checking whether it was posted before trying again.`,
      );
      await sleep(attempt * attempt * RETRY_BASE_MS);
      const posted = await postedMeanwhile();
      const found = posted[posted.length - 1];
      if (found) return { url: found.html_url, id: found.id };
    }
  }
}

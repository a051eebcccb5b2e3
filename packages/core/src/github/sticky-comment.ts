import * as core from '@actions/core';
import { escapeCommentText } from '../report/escape.ts';
import { httpStatus } from './http-status.ts';
import type { GitHubClient } from './octokit.ts';

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
}

/**
 * Creates or updates the one comment carrying `marker`. Every page of comments is read (REST pagination),
 * so a report posted long ago, past the first page, is still found and edited rather than duplicated.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  o: StickyCommentOptions,
): Promise<{ url: string; id: number; action: 'created' | 'updated' | 'recreated' } | undefined> {
  if (o.mode === 'off') return undefined;
  const body = `${o.marker}\n${o.body}`;
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: o.owner,
    repo: o.repo,
    issue_number: o.issueNumber,
    per_page: 100,
  });
  const mine = comments.filter((c) => c.body?.includes(o.marker));
  if (o.mode === 'update' && mine.length > 0) {
    const target = mine[mine.length - 1]!;
    try {
      const { data } = await client.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: target.id,
        body,
      });
      return { url: data.html_url, id: data.id, action: 'updated' };
    } catch (error) {
      // A marker copied into someone else's comment cannot be edited with our token: post our own.
      if (httpStatus(error) !== 403 && httpStatus(error) !== 404) throw error;
      core.warning(`Could not edit comment ${target.id} (HTTP ${httpStatus(error)}); posting a new one.`);
    }
  }
  if (o.mode === 'recreate') {
    for (const old of mine) {
      await client.rest.issues
        .deleteComment({ owner: o.owner, repo: o.repo, comment_id: old.id })
        .catch((error: unknown) => {
          core.warning(`Could not delete the earlier report comment ${old.id} (HTTP ${httpStatus(error) ?? '?'}).`);
        });
    }
  }
  const { data } = await client.rest.issues.createComment({
    owner: o.owner,
    repo: o.repo,
    issue_number: o.issueNumber,
    body,
  });
  return { url: data.html_url, id: data.id, action: o.mode === 'recreate' && mine.length ? 'recreated' : 'created' };
}

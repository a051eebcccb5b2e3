import { escapeCommentText } from '../report/escape.ts';
import type { GitHubClient } from './octokit.ts';
import { NOT_RETRIED } from './retry-policy.ts';
import { upsertSticky, type StickyDocument, type StickyPlace } from './sticky-document.ts';

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

/** The comments of one issue or pull request, as a place for a sticky report (sticky-document.ts). */
export function commentsOn(
  client: GitHubClient,
  o: Pick<StickyCommentOptions, 'owner' | 'repo' | 'issueNumber' | 'marker' | 'apiUrl'>,
): StickyPlace {
  const at = { owner: o.owner, repo: o.repo };
  const shape = (c: StickyDocument): StickyDocument => ({ id: c.id, html_url: c.html_url, body: c.body, user: c.user });
  return {
    what: 'report comment',
    count: (n) => `${n} comment(s) on #${o.issueNumber}`,
    apiUrl: o.apiUrl,
    async listMarked() {
      const comments = await client.paginate(client.rest.issues.listComments, {
        ...at,
        issue_number: o.issueNumber,
        per_page: 100,
      });
      return comments.filter((c) => c.body?.includes(o.marker)).map(shape);
    },
    async create(body) {
      const { data } = await client.rest.issues.createComment({
        ...at,
        issue_number: o.issueNumber,
        body,
        request: NOT_RETRIED,
      });
      return shape(data);
    },
    async update(target, body) {
      const { data } = await client.rest.issues.updateComment({ ...at, comment_id: target.id, body });
      return shape(data);
    },
    async remove(target) {
      await client.rest.issues.deleteComment({ ...at, comment_id: target.id });
    },
  };
}

/**
 * Creates or updates the one comment of ours carrying `marker` on a pull request (or issue): see upsertSticky for
 * what "ours" means and how update, recreate and a lost answer are handled. Every page of comments is read, so a
 * report posted long ago is still found.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  o: StickyCommentOptions,
): Promise<PostedComment | undefined> {
  if (o.mode === 'off') return undefined;
  const posted = await upsertSticky(client, commentsOn(client, o), `${o.marker}\n${o.body}`, o.mode);
  return { url: posted.document.html_url, id: posted.document.id, action: posted.action };
}

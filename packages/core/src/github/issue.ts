import { escapeCommentText } from '../report/escape.ts';
import type { GitHubClient } from './octokit.ts';
import { NOT_RETRIED } from './retry-policy.ts';
import { authorFilter, findOurs, upsertSticky, type StickyDocument, type StickyPlace } from './sticky-document.ts';

/**
 * The monitoring issue of a scheduled run: one per action and comment key, opened when a run fails or drifts,
 * edited by later failing runs and closed by the first clean one. It is the sticky PR comment's mechanism
 * (sticky-document.ts) over another place: the repository's open issues with the report's labels.
 */

/** The hidden first line that identifies one monitoring issue: one per action and comment key. */
export function issueMarker(action: string, key: string): string {
  return `<!-- modelgate:issue:${escapeCommentText(action)}:${escapeCommentText(key)} -->`;
}

export interface IssueOptions {
  owner: string;
  repo: string;
  marker: string;
  /** The issue's labels: it is looked for among the open issues carrying all of them. */
  labels: string[];
  /** The title a new issue gets (later runs keep the title a person may have edited). */
  title: string;
  apiUrl?: string;
}

export interface IssueDocument extends StickyDocument {
  number: number;
}

/**
 * The open issues with the labels, as a place for a sticky report. An issue is the report's when its body's first
 * line is the marker: quoting the marker further down (a person pasting the report) does not make it one. Closed
 * issues are never listed, so a problem that comes back gets a fresh issue, and pull requests (which the issues
 * list includes) are skipped.
 */
export function openIssuesWith(client: GitHubClient, o: IssueOptions): StickyPlace<IssueDocument> {
  const at = { owner: o.owner, repo: o.repo };
  const shape = (i: IssueDocument): IssueDocument => ({
    id: i.id,
    number: i.number,
    html_url: i.html_url,
    body: i.body,
    user: i.user,
  });
  return {
    what: 'monitoring issue',
    count: (n) => `${n} open issue(s) labelled ${o.labels.join(', ')}`,
    apiUrl: o.apiUrl,
    async listMarked() {
      const issues = await client.paginate(client.rest.issues.listForRepo, {
        ...at,
        state: 'open',
        labels: o.labels.join(','),
        per_page: 100,
      });
      return issues
        .filter((i) => !i.pull_request && firstLine(i.body) === o.marker)
        .sort((a, b) => a.number - b.number)
        .map(shape);
    },
    async create(body) {
      const { data } = await client.rest.issues.create({
        ...at,
        title: o.title,
        body,
        labels: o.labels,
        request: NOT_RETRIED,
      });
      return shape(data);
    },
    async update(target, body) {
      const { data } = await client.rest.issues.update({ ...at, issue_number: target.number, body });
      return shape(data);
    },
  };
}

function firstLine(body: string | null | undefined): string {
  return (body ?? '').split('\n', 1)[0]!.replace(/\r$/, '').trim();
}

/** What was done to the monitoring issue. */
export interface IssueOutcome {
  action: 'created' | 'updated' | 'closed' | 'none';
  urls: string[];
}

/** Opens the monitoring issue, or updates ours if one is open. `body` is the report without the marker. */
export async function upsertIssue(client: GitHubClient, o: IssueOptions, body: string): Promise<IssueOutcome> {
  const posted = await upsertSticky(client, openIssuesWith(client, o), `${o.marker}\n${body}`, 'update');
  return { action: posted.action === 'updated' ? 'updated' : 'created', urls: [posted.document.html_url] };
}

/**
 * Closes our open monitoring issue(s) of this report, each with a comment saying which run found the problem gone.
 * Someone else's issue carrying the marker is left open and alone.
 */
export async function closeIssue(client: GitHubClient, o: IssueOptions, resolution: string): Promise<IssueOutcome> {
  const place = openIssuesWith(client, o);
  const { mine } = await findOurs(place, authorFilter(client));
  for (const issue of mine) {
    const at = { owner: o.owner, repo: o.repo, issue_number: issue.number };
    await client.rest.issues.createComment({ ...at, body: resolution });
    await client.rest.issues.update({ ...at, state: 'closed', state_reason: 'completed' });
  }
  return { action: mine.length ? 'closed' : 'none', urls: mine.map((i) => i.html_url) };
}

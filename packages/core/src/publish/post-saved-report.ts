import * as log from '../log.ts';
import { inert } from '../log.ts';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { inputError } from '../errors.ts';
import { eventPayloadFile, loadGitHubClient, type GitHubContext } from '../runner/environment.ts';
import { commentMarker, upsertStickyComment } from '../github/sticky-comment.ts';
import { COMMENT_LIMIT } from '../report/truncate.ts';
import { COMMENT_CUT_NOTICE } from './publish-report.ts';

/** pull-request.json as publishReport saves it beside report.md on a fork PR. Untrusted: the fork wrote it. */
const SavedPullRequest = z.object({
  number: z.number().int().positive(),
  action: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected an action name such as compare-to-baseline'),
  commentKey: z.string().max(200),
  headSha: z.string().regex(/^[0-9a-f]{40}$/i, 'expected a 40-character commit SHA'),
});

const WorkflowRunEvent = z
  .object({ workflow_run: z.object({ head_sha: z.string(), event: z.string().optional() }).loose() })
  .loose();

/**
 * Makes a saved report safe to post with a write token: it was produced by a fork's code, so it is text, never
 * instructions. HTML comments (which could carry another report's marker) are removed, @mentions are broken so
 * they notify nobody, and the body is capped at the comment limit.
 */
export function sanitizeSavedReport(text: string, limit: number): string {
  let body = text.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/@(?=[A-Za-z0-9])/g, '@&#8203;');
  if (body.length > limit) {
    const cut = body.lastIndexOf('\n', limit - COMMENT_CUT_NOTICE.length - 4);
    body = `${body.slice(0, Math.max(cut, 0))}\n\n${COMMENT_CUT_NOTICE}\n`;
  }
  return body;
}

function readSaved(path: string): { report: string; pr: z.infer<typeof SavedPullRequest> } {
  const dir = statSync(path, { throwIfNoEntry: false })?.isDirectory() ? path : dirname(path);
  const reportPath = dir === path ? join(dir, 'report.md') : path;
  let report: string;
  let raw: unknown;
  try {
    report = readFileSync(reportPath, 'utf8');
    raw = JSON.parse(readFileSync(join(dir, 'pull-request.json'), 'utf8'));
  } catch (error) {
    throw inputError(
      'post-report',
      `expected report.md and pull-request.json (the saved fork report) at ${path}: ${(error as Error).message}`,
    );
  }
  const parsed = SavedPullRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw inputError('post-report', `pull-request.json: ${issue.message}`, { field: issue.path.join('.') });
  }
  return { report, pr: parsed.data };
}

/**
 * Posts a report saved by a fork PR's run, from a `workflow_run` job that has a write token. The PR number
 * in the saved file is only trusted when that PR's head is the commit the finished run built.
 */
export async function postSavedReport(saved: {
  path: string;
  token: string;
  context: GitHubContext;
  eventPath?: string;
}): Promise<string | undefined> {
  const { report, pr } = readSaved(saved.path);
  const event = WorkflowRunEvent.safeParse(
    JSON.parse(readFileSync(saved.eventPath ?? eventPayloadFile() ?? '', 'utf8') || '{}'),
  );
  if (!event.success) {
    throw inputError(
      'post-report',
      'is for a job triggered by workflow_run (it checks the saved PR number against the run that made the report); this event has no workflow_run.',
    );
  }
  if (!saved.token) throw inputError('github-token', 'is needed to post the saved report.');
  const client = await loadGitHubClient(saved.token, saved.context);
  const { data } = await client.rest.pulls.get({
    owner: saved.context.owner,
    repo: saved.context.repo,
    pull_number: pr.number,
  });
  const runSha = event.data.workflow_run.head_sha;
  if (data.head.sha !== runSha || pr.headSha !== runSha) {
    log.warning(
      `Not posting: pull request #${pr.number} is at ${data.head.sha.slice(0, 7)}, but the run that saved the report built ${runSha.slice(0, 7)} (a newer push, or a report that names another pull request).`,
    );
    return undefined;
  }
  const marker = commentMarker(pr.action, pr.commentKey);
  const body = sanitizeSavedReport(report, COMMENT_LIMIT - marker.length - 1);
  const posted = await upsertStickyComment(client, {
    owner: saved.context.owner,
    repo: saved.context.repo,
    issueNumber: pr.number,
    marker,
    body,
    mode: 'update',
  });
  if (posted) log.info(`Saved report ${posted.action} on pull request #${pr.number}: ${inert(posted.url)}`);
  return posted?.url;
}

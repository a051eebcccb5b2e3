import * as log from '../log.ts';
import { inert } from '../log.ts';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getContext, loadGitHubClient, stepSummaryFile, type GitHubContext } from '../runner/environment.ts';
import { describeGitHubFailure, isGitHubFailure } from '../github/failure.ts';
import { httpStatus } from '../github/http-status.ts';
import { commentMarker, upsertStickyComment, type CommentMode } from '../github/sticky-comment.ts';
import { saveArtifact } from '../github/artifact.ts';
import { COMMENT_LIMIT, truncateReport } from '../report/truncate.ts';
import type { Markdown } from '../report/markdown.ts';

/** GitHub's limit on a step summary is 1 MiB; keep well inside it. */
const SUMMARY_LIMIT = 1_000_000;
const SUMMARY_CUT_NOTICE = '> [!NOTE]\n> This report was cut to fit the 1 MB limit of a job summary.';
/** Said where a comment was cut; the job summary holds the whole report. */
export const COMMENT_CUT_NOTICE =
  '> [!NOTE]\n> This report was cut to fit in a comment (65,536 characters); the full report is in the job summary of this run.';

export interface PublishOptions {
  /** The action's name, part of the comment marker (`validate-data`). */
  action: string;
  markdown: Markdown;
  /** Post (or update) the sticky PR comment. */
  comment: boolean;
  /** Distinguishes several reports of one action on a PR; default `<workflow>/<job>`. */
  commentKey?: string | undefined;
  commentMode?: CommentMode | undefined;
  token?: string | undefined;
  context?: GitHubContext;
}

export interface PublishResult {
  /** The full Markdown, as written to the job summary. */
  markdown: string;
  commentUrl?: string;
  /** Under the local runner: the file holding the comment that would have been posted. */
  localComment?: string;
  /** Where the report was saved when it could not be posted (fork PR). */
  artifact?: string;
}

/**
 * The body of a sticky document (the PR comment, the monitoring issue): the report cut at a table row or section
 * to fit GitHub's 65,536-character limit once `marker` and `reserve` more characters are added, with a note saying
 * the job summary holds the rest.
 */
export function stickyBody(markdown: Markdown, marker: string, reserve = 0): string {
  return truncateReport(markdown.blocks, COMMENT_LIMIT - marker.length - 1 - reserve, COMMENT_CUT_NOTICE).text;
}

/** The default comment key: the workflow and job names, so several jobs' reports coexist on one PR. */
export function defaultCommentKey(context: GitHubContext): string {
  return [context.workflow, context.job].filter(Boolean).join('/') || 'default';
}

/**
 * Writes the report to the job summary and, on a pull request, to the sticky comment. A fork PR's read-only
 * token cannot comment: the report and the PR number are saved as an artifact instead (for a
 * `workflow_run` job to post), with a warning, and the step does not fail for it.
 */
export async function publishReport(options: PublishOptions): Promise<PublishResult> {
  const context = options.context ?? getContext();
  const full = truncateReport(options.markdown.blocks, SUMMARY_LIMIT, SUMMARY_CUT_NOTICE);
  const summaryFile = stepSummaryFile();
  if (summaryFile) await appendFile(summaryFile, full.text);
  const result: PublishResult = { markdown: full.text };
  const mode = options.commentMode ?? 'update';
  if (!options.comment || mode === 'off') return result;
  const pr = context.pullRequest;
  if (!pr) {
    log.info('Not a pull request: the report is in the job summary only.');
    return result;
  }
  const key = options.commentKey || defaultCommentKey(context);
  const marker = commentMarker(options.action, key);
  const body = stickyBody(options.markdown, marker);
  const saveForLater = async (why: string) => {
    log.warning(
      `${inert(why)} The report is in the job summary and saved as an artifact for a workflow_run job to post.`,
    );
    const saved = await saveArtifact(`modelgate-report-${options.action}-${key.replace(/[^A-Za-z0-9_.-]+/g, '-')}`, {
      'report.md': body,
      'pull-request.json': JSON.stringify(
        { number: pr.number, action: options.action, commentKey: key, headSha: pr.headSha },
        null,
        2,
      ),
    });
    result.artifact = saved.location;
    return result;
  };
  if (pr.fromFork) return saveForLater('This pull request comes from a fork, whose token cannot comment.');
  const localDir = process.env.MODELGATE_LOCAL_COMMENT_DIR;
  if (localDir) {
    // The local runner has no GitHub: it shows the comment that would have been posted.
    const path = join(localDir, `${options.action}-${key.replace(/[^A-Za-z0-9_.-]+/g, '-')}.md`);
    await mkdir(localDir, { recursive: true });
    await writeFile(path, `${marker}\n${body}`);
    log.info(`Local run: the PR comment that would be posted is in ${inert(path)}`);
    result.localComment = path;
    return result;
  }
  if (!options.token) return saveForLater('No github-token was given, so no comment can be posted.');
  try {
    const client = await loadGitHubClient(options.token, context);
    const posted = await upsertStickyComment(client, {
      owner: context.owner,
      repo: context.repo,
      issueNumber: pr.number,
      marker,
      body,
      mode,
      apiUrl: context.apiUrl,
    });
    if (posted) {
      log.info(`Report comment ${posted.action}: ${inert(posted.url)}`);
      result.commentUrl = posted.url;
    }
    return result;
  } catch (error) {
    if (httpStatus(error) === 403)
      return saveForLater('The token may not comment on this pull request (HTTP 403: read-only token).');
    // GitHub failing is not a bug and not the gate's verdict: the summary, outputs and exit code stand.
    if (!isGitHubFailure(error)) throw error;
    log.warning(
      `Could not post the report comment on pull request #${pr.number}: ${inert(describeGitHubFailure(error, context.apiUrl))}. The report is in the job summary.`,
    );
    return result;
  }
}

/**
 * Monitoring on a schedule: on `schedule` and `workflow_dispatch` runs, where no pull request shows the report,
 * a failing or drifting run opens (or updates) one issue and starts a workflow, and the first clean run closes the
 * issue. See CONTRACTS "Monitoring on a schedule".
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../errors.ts';
import { describeGitHubFailure, isGitHubFailure } from '../github/failure.ts';
import { httpStatus } from '../github/http-status.ts';
import { closeIssue, issueMarker, upsertIssue, type IssueOptions } from '../github/issue.ts';
import {
  dispatchWorkflow,
  parseDispatchInputs,
  parseDispatchWorkflow,
  renderDispatchInputs,
  shortReason,
} from '../github/dispatch.ts';
import type { ParsedDocument } from '../inputs/document.ts';
import * as log from '../log.ts';
import { inert } from '../log.ts';
import { escapeInline } from '../report/escape.ts';
import type { Markdown } from '../report/markdown.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { getContext, loadGitHubClient, type GitHubContext } from '../runner/environment.ts';
import { defaultCommentKey, stickyBody } from './publish-report.ts';

/** The events monitoring acts on: runs without a pull request to comment on. */
const MONITORING_EVENTS = ['schedule', 'workflow_dispatch'];

export interface MonitoringInputs {
  issue: boolean;
  'issue-labels': string[];
  'dispatch-workflow'?: string | undefined;
  'dispatch-ref'?: string | undefined;
  'dispatch-inputs'?: ParsedDocument | undefined;
  'comment-key'?: string | undefined;
  'github-token'?: string | undefined;
}

/** The run's verdict, as monitoring needs it. */
export interface MonitoringVerdict {
  markdown: Markdown;
  /** The run failed or drifted. */
  failing: boolean;
  /** Why, one line (the `{{reason}}` placeholder). */
  reason: string;
  driftedColumns?: string[];
}

export interface MonitoringResult {
  /** The `issue-url` output: the issue opened, updated or closed. */
  issueUrl: string;
  /** What GitHub refused, each a message naming what to fix; the step fails with them. */
  problems: string[];
}

export interface Monitoring {
  publish(verdict: MonitoringVerdict): Promise<MonitoringResult>;
}

/** Reads and checks the monitoring inputs now, before any work, so a mistake in them costs nothing. */
export function monitoring(
  action: string,
  inputs: MonitoringInputs,
  context: GitHubContext = getContext(),
): Monitoring {
  const workflow = inputs['dispatch-workflow'] ? parseDispatchWorkflow(inputs['dispatch-workflow']) : undefined;
  const templates = parseDispatchInputs(inputs['dispatch-inputs']);
  if (!workflow && inputs['dispatch-inputs'])
    throw inputError('dispatch-inputs', 'is sent to the workflow dispatch-workflow names; give dispatch-workflow too.');
  const labels = inputs['issue-labels'].length ? inputs['issue-labels'] : ['modelgate'];
  const wanted = inputs.issue || workflow !== undefined;
  return {
    async publish(verdict) {
      const result: MonitoringResult = { issueUrl: '', problems: [] };
      if (!wanted) return result;
      if (!MONITORING_EVENTS.includes(context.eventName)) {
        log.info(
          `issue and dispatch-workflow act on schedule and workflow_dispatch runs; this is a ${inert(context.eventName)} run, so neither is done.`,
        );
        return result;
      }
      const key = inputs['comment-key'] || defaultCommentKey(context);
      const issue: IssueOptions = {
        owner: context.owner,
        repo: context.repo,
        marker: issueMarker(action, key),
        labels,
        title: `${action} is failing: ${key}`,
        apiUrl: context.apiUrl,
      };
      const localDir = process.env.MODELGATE_LOCAL_COMMENT_DIR;
      if (localDir) return showLocally(localDir, action, key, issue, verdict, inputs.issue, workflow);
      const token = inputs['github-token'];
      if (!token) {
        result.problems.push(
          `${inputs.issue ? 'issue: true' : 'dispatch-workflow'} needs github-token (the default, github.token, is fine with the right permissions).`,
        );
        return result;
      }
      const client = await loadGitHubClient(token, context);
      if (inputs.issue) await publishIssue(client, action, issue, verdict, context, result);
      if (workflow && verdict.failing) {
        const sent = renderDispatchInputs(templates, {
          reason: verdict.reason,
          'run-url': context.runUrl ?? '',
          'drifted-columns': verdict.driftedColumns ?? [],
        });
        await startWorkflow(client, { workflow, ref: inputs['dispatch-ref'], inputs: sent }, context, result);
      }
      return result;
    },
  };
}

/** Opens or updates the issue of a failing run; closes ours on a clean one. GitHub's refusals become problems. */
async function publishIssue(
  client: GitHubClient,
  action: string,
  issue: IssueOptions,
  verdict: MonitoringVerdict,
  context: GitHubContext,
  result: MonitoringResult,
): Promise<void> {
  const run = runLink(context);
  try {
    if (verdict.failing) {
      // The report's own verdict can read "passed" (drift that does not fail the step): say what is wrong first.
      const header = `**${escapeInline(shortReason(verdict.reason))}**, found by ${run}. Later failing runs update this issue; the first clean run closes it.\n\n`;
      const body = `${header}${stickyBody(verdict.markdown, issue.marker, header.length)}`;
      const done = await upsertIssue(client, issue, body);
      result.issueUrl = done.urls[0] ?? '';
      log.info(`Monitoring issue ${done.action}: ${inert(result.issueUrl)}`);
    } else {
      const done = await closeIssue(client, issue, `Resolved: ${run} of ${action} passed. Closing this issue.`);
      result.issueUrl = done.urls.join(' ');
      if (done.action === 'closed') log.info(`Monitoring issue closed: ${done.urls.map(inert).join(', ')}`);
    }
  } catch (error) {
    const what = verdict.failing ? 'open the monitoring issue' : 'close the monitoring issue';
    result.problems.push(named(error, what, 'issues: write', context));
  }
}

/** Starts dispatch-workflow; GitHub's refusals become problems that name the input or permission to fix. */
async function startWorkflow(
  client: GitHubClient,
  d: { workflow: string; ref: string | undefined; inputs: Record<string, string> },
  context: GitHubContext,
  result: MonitoringResult,
): Promise<void> {
  try {
    const ref = await dispatchWorkflow(client, { owner: context.owner, repo: context.repo, ...d });
    log.info(`Started ${inert(d.workflow)} on ${inert(ref)} (workflow_dispatch).`);
  } catch (error) {
    result.problems.push(dispatchProblem(error, d.workflow, Object.keys(d.inputs), context));
  }
}

/** `the schedule run [4242](https://github.com/o/r/actions/runs/4242)`, or without a link outside a runner. */
function runLink(context: GitHubContext): string {
  const event = context.eventName === 'workflow_dispatch' ? 'manually started' : 'scheduled';
  return context.runUrl ? `the ${event} run [${context.runId}](${context.runUrl})` : `the ${event} run`;
}

/** A GitHub failure as the step's message: a 403 names the permission the workflow needs. */
function named(error: unknown, what: string, permission: string, context: GitHubContext): string {
  if (!isGitHubFailure(error)) throw error;
  const said = describeGitHubFailure(error, context.apiUrl);
  if (httpStatus(error) === 403)
    return `Could not ${what}: ${said}. The workflow needs \`permissions: ${permission}\` (add it to the job's permissions, or give a github-token that has it).`;
  return `Could not ${what}: ${said}.`;
}

function dispatchProblem(error: unknown, workflow: string, sent: string[], context: GitHubContext): string {
  const status = httpStatus(error);
  if (status === 422 && isGitHubFailure(error)) {
    const said = describeGitHubFailure(error, context.apiUrl);
    return `dispatch-inputs: GitHub refused to start ${workflow}: ${said}. Every key of dispatch-inputs must be declared under on.workflow_dispatch.inputs of ${workflow} (sent: ${sent.join(', ') || 'none'}), and the workflow must run on workflow_dispatch.`;
  }
  if (status === 404 && isGitHubFailure(error))
    return `dispatch-workflow: GitHub knows no workflow ${workflow} in ${context.repository} (HTTP 404); give the file name of a workflow in .github/workflows on the default branch.`;
  return named(error, `start ${workflow}`, 'actions: write', context);
}

/** Under the local runner (no GitHub): the issue that would be opened is written to a file, the dispatch logged. */
async function showLocally(
  dir: string,
  action: string,
  key: string,
  issue: IssueOptions,
  verdict: MonitoringVerdict,
  wantsIssue: boolean,
  workflow: string | undefined,
): Promise<MonitoringResult> {
  if (wantsIssue && verdict.failing) {
    const path = join(dir, `issue-${action}-${key.replace(/[^A-Za-z0-9_.-]+/g, '-')}.md`);
    await mkdir(dir, { recursive: true });
    await writeFile(path, `${issue.marker}\n${stickyBody(verdict.markdown, issue.marker)}`);
    log.info(`Local run: the issue that would be opened is in ${inert(path)}`);
  }
  if (workflow && verdict.failing) log.info(`Local run: ${inert(workflow)} would be started (workflow_dispatch).`);
  return { issueUrl: '', problems: [] };
}

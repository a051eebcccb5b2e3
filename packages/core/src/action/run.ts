import * as core from '@actions/core';
import { appendFileSync } from 'node:fs';
import { isUserError, type UserError } from '../errors.ts';
import { inert } from '../log.ts';
import { escapeInline } from '../report/escape.ts';
import type { Markdown } from '../report/markdown.ts';
import { stepSummaryFile } from '../runner/environment.ts';
import { oneThreadpoolThreadForDuckdb } from '../sql/duckdb-threadpool.ts';

/** Where users report bugs; printed when something that is not a user mistake goes wrong. */
export const BUG_REPORT_URL = 'https://github.com/modelgate/modelgate/issues/new';

/**
 * What every action's run returns (after actions/cache's restoreImpl): its outputs, the report it published,
 * and, when a quality gate did not pass, the message the step fails with.
 */
export interface ActionResult {
  /** The step's outputs by their action.yml names; runAction sets them. */
  outputs: Record<string, string>;
  /** The Markdown report written to the job summary (and the PR comment); absent when there is none. */
  report?: Markdown;
  /** Set when a quality gate failed (not an error: the outputs and report were written). */
  failure?: string;
}

/**
 * The one way an action runs (after github/codeql-action's runWrapper): the only caller of `setOutput` and
 * `setFailed`.
 * A UserError is printed once as an error annotation (with file and line where known) and exits 1;
 * anything else is a bug and says so. The process exits promptly either way, so an open socket or
 * timer cannot keep a failed step alive.
 */
export async function runAction(run: () => Promise<ActionResult>, action = 'modelgate'): Promise<void> {
  // before the first asynchronous call starts libuv's pool (see the module)
  oneThreadpoolThreadForDuckdb();
  let code = 0;
  try {
    const result = await run();
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
    if (result.failure) {
      core.setFailed(result.failure);
      code = 1;
    }
  } catch (error) {
    code = 1;
    if (isUserError(error)) {
      const { file, line, col } = error.location;
      core.error(error.describe(), {
        title: 'modelgate: fix the input',
        ...(file ? { file } : {}),
        ...(line ? { startLine: line } : {}),
        ...(col ? { startColumn: col } : {}),
      });
      configurationSummary(action, error);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      core.setFailed(
        `modelgate hit an internal error: ${message}\nThis is a bug in modelgate, not in your inputs. ` +
          `Please report it at ${BUG_REPORT_URL} with this log.`,
      );
      if (error instanceof Error && error.stack) core.debug(error.stack);
    }
  }
  process.exit(code);
}

/**
 * A configuration error stops the run before any report, so the job summary says what stopped it: a reader who
 * opens the summary (or the run's page) sees the same message as the log, not an empty page.
 */
function configurationSummary(action: string, error: UserError): void {
  const path = stepSummaryFile();
  if (!path) return;
  try {
    appendFileSync(
      path,
      `## ${escapeInline(action)}: ❌ configuration error\n\n${escapeInline(error.describe())}\n\n` +
        'The run stopped on this input: fix it and run again.\n',
    );
  } catch (summaryError) {
    core.warning(`Could not write the job summary: ${inert((summaryError as Error).message)}`);
  }
}

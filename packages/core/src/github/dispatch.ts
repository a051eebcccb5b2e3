import type { ParsedDocument } from '../inputs/document.ts';
import { inputError } from '../errors.ts';
import type { GitHubClient } from './octokit.ts';

/**
 * Starting another workflow (`workflow_dispatch`) when a scheduled check fails or drifts: retraining, typically.
 * The inputs sent are the user's `dispatch-inputs` mapping with three placeholders filled from the run.
 */

/** What the placeholders of dispatch-inputs stand for. */
export interface DispatchFacts {
  /** Why the run failed or drifted, one line. */
  reason: string;
  'run-url': string;
  /** The drifted columns. */
  'drifted-columns': string[];
}

export const PLACEHOLDERS = ['reason', 'run-url', 'drifted-columns'] as const;

/** GitHub refuses more than 25 inputs (the API description's maxProperties on `inputs`). */
const MAX_INPUTS = 25;
/** A workflow file name (`retrain.yml`) or a workflow's numeric id, as the dispatch endpoint takes. */
const WORKFLOW = /^(?:[\w.-]+\.ya?ml|\d+)$/;

/** The workflow the input names: a file name or an id; `.github/workflows/` in front is dropped. */
export function parseDispatchWorkflow(raw: string): string {
  const name = raw.replace(/^\.?\/?\.github\/workflows\//, '');
  if (!WORKFLOW.test(name))
    throw inputError(
      'dispatch-workflow',
      `got ${JSON.stringify(raw)}: expected a workflow file name in .github/workflows (e.g. retrain.yml) or a workflow id.`,
    );
  return name;
}

/**
 * Checks dispatch-inputs now, before any work: a mapping of input names to scalars whose `{{…}}` placeholders are
 * all known. Returns the templates, rendered later by renderDispatchInputs.
 */
export function parseDispatchInputs(doc: ParsedDocument | undefined): Record<string, string> {
  if (!doc) return {};
  const data = doc.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw doc.error(
      'expected a mapping of the dispatched workflow’s input names to values (e.g. reason: "{{reason}}").',
    );
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length > MAX_INPUTS)
    throw doc.error(`has ${entries.length} inputs; GitHub accepts at most ${MAX_INPUTS} in a workflow dispatch.`);
  const templates: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === null || typeof value === 'object')
      throw doc.error('expected text, a number or true/false: a dispatched input is a single value.', [name]);
    const text = String(value);
    for (const [, placeholder] of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(placeholder!))
        throw doc.error(
          `unknown placeholder {{${placeholder}}}; the placeholders are ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
          [name],
        );
    }
    templates[name] = text;
  }
  return templates;
}

/**
 * Collapses a value from data (a column name, a failure reason) to one line of plain text: control characters and
 * line breaks become spaces, so a receiving workflow that prints the input sees one line that cannot start a
 * workflow command (`::`), and `${{` is broken so the value cannot look like an expression where it is echoed.
 */
export function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/::/g, ':\u200b:')
      .replace(/\$\{\{/g, '$\u200b{{')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}

/** The longest `{{reason}}`: a reason naming thousands of metrics is cut, with an ellipsis, at a comma or space. */
export const REASON_LIMIT = 500;

/** A one-line reason of at most REASON_LIMIT characters. */
export function shortReason(reason: string): string {
  const line = oneLine(reason);
  if (line.length <= REASON_LIMIT) return line;
  const cut = line.lastIndexOf(' ', REASON_LIMIT - 1);
  return `${line.slice(0, cut > REASON_LIMIT / 2 ? cut : REASON_LIMIT - 1).replace(/[,;:]$/, '')}…`;
}

/** Fills the placeholders; every filled value is one inert line (see oneLine). */
export function renderDispatchInputs(templates: Record<string, string>, facts: DispatchFacts): Record<string, string> {
  const values: Record<string, string> = {
    reason: shortReason(facts.reason),
    'run-url': oneLine(facts['run-url']),
    'drifted-columns': facts['drifted-columns'].map((c) => oneLine(c).replace(/,/g, '\\,')).join(','),
  };
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates))
    out[name] = template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, p: string) => values[p] ?? '');
  return out;
}

export interface DispatchRequest {
  owner: string;
  repo: string;
  workflow: string;
  /** The branch or tag; the repository's default branch (read from the API) when absent. */
  ref?: string | undefined;
  inputs: Record<string, string>;
}

/** Starts the workflow; returns the ref it was started on. Errors are Octokit's, for the caller to name. */
export async function dispatchWorkflow(client: GitHubClient, d: DispatchRequest): Promise<string> {
  const at = { owner: d.owner, repo: d.repo };
  const ref = d.ref || (await client.rest.repos.get(at)).data.default_branch;
  await client.rest.actions.createWorkflowDispatch({
    ...at,
    workflow_id: d.workflow,
    ref,
    ...(Object.keys(d.inputs).length ? { inputs: d.inputs } : {}),
  });
  return ref;
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const Env = z.record(z.string(), scalar).default({});

const Step = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
    shell: z.string().optional(),
    with: z.record(z.string(), scalar).default({}),
    env: Env,
    'working-directory': z.string().optional(),
    'continue-on-error': z.union([z.boolean(), z.string()]).optional(),
  })
  .loose()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), { message: 'a step has either uses: or run:' });
export type WorkflowStep = z.infer<typeof Step>;

const Job = z
  .object({
    name: z.string().optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    'runs-on': z.unknown().optional(),
    env: Env,
    defaults: z
      .object({ run: z.object({ 'working-directory': z.string().optional() }).loose().optional() })
      .loose()
      .optional(),
    steps: z.array(Step).optional(),
    uses: z.string().optional(),
  })
  .loose();
export type WorkflowJob = z.infer<typeof Job>;

const Workflow = z
  .object({
    name: z.string().optional(),
    on: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]),
    env: Env,
    jobs: z.record(z.string(), Job),
  })
  .loose();
export type Workflow = z.infer<typeof Workflow>;

/** Parses a workflow's YAML text; `where` names it in errors. */
export function parseWorkflow(text: string, where: string): Workflow {
  const result = Workflow.safeParse(parse(text));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.') || 'the workflow'}: ${issue.message}`);
  }
  return result.data;
}

export function readWorkflow(path: string): Workflow {
  return parseWorkflow(readFileSync(path, 'utf8'), path);
}

/** The events the workflow runs on, with their filters (`on: push` and `on: [push]` have none). */
export function workflowEvents(workflow: Workflow): Record<string, unknown> {
  const on = workflow.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [e, null]));
  return on;
}

/** The job to run: the one named, or the only one. */
export function selectJob(workflow: Workflow, where: string, id?: string): { id: string; job: WorkflowJob } {
  const ids = Object.keys(workflow.jobs);
  const chosen = id ?? (ids.length === 1 ? ids[0] : undefined);
  if (!chosen) throw new Error(`${where} has ${ids.length} jobs (${ids.join(', ')}): choose one with --job.`);
  const job = workflow.jobs[chosen];
  if (!job) throw new Error(`${where} has no job '${chosen}'; its jobs are ${ids.join(', ')}.`);
  if (job.uses)
    throw new Error(
      `${where}: job '${chosen}' calls the reusable workflow ${job.uses}, which run-workflow does not run.`,
    );
  return { id: chosen, job };
}

/** The workflow_dispatch / workflow_call inputs' defaults. */
export function inputDefaults(workflow: Workflow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const trigger of Object.values(workflowEvents(workflow))) {
    const inputs = (trigger as { inputs?: Record<string, { default?: unknown }> } | null)?.inputs;
    for (const [name, spec] of Object.entries(inputs ?? {}))
      if (spec?.default !== undefined) out[name] = String(spec.default);
  }
  return out;
}

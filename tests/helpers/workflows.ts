import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A `uses:` step of one of our actions, found in a workflow file or a README's YAML block. */
export interface ActionStep {
  where: string;
  action: string;
  with: Record<string, unknown>;
}

/** Every workflow file users can copy: the repo's and the examples'. */
export function workflowFiles(): string[] {
  const dirs = [join(ROOT, '.github', 'workflows')];
  const examples = join(ROOT, 'examples');
  if (existsSync(examples)) for (const e of readdirSync(examples)) dirs.push(join(examples, e, '.github', 'workflows'));
  return dirs.filter(existsSync).flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => join(d, f)),
  );
}

/** Every README that shows YAML. */
export function readmeFiles(): string[] {
  const files = [join(ROOT, 'README.md')];
  for (const a of readdirSync(join(ROOT, 'actions'))) files.push(join(ROOT, 'actions', a, 'README.md'));
  if (existsSync(join(ROOT, 'examples')))
    for (const e of readdirSync(join(ROOT, 'examples'))) files.push(join(ROOT, 'examples', e, 'README.md'));
  return files.filter(existsSync);
}

/** The ```yaml blocks of a Markdown file. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const ACTION_REF = /^(?:\.\/|[\w.-]+\/[\w.-]+\/)actions\/([\w-]+)(?:@[\w./-]+)?$/;

/** Finds our action steps anywhere in a parsed YAML value (workflow, job, list of steps or one step). */
export function actionSteps(value: unknown, where: string, out: ActionStep[] = []): ActionStep[] {
  if (Array.isArray(value)) value.forEach((v) => actionSteps(v, where, out));
  else if (value && typeof value === 'object') {
    const step = value as Record<string, unknown>;
    const m = typeof step.uses === 'string' ? ACTION_REF.exec(step.uses) : null;
    if (m) out.push({ where, action: m[1]!, with: (step.with as Record<string, unknown>) ?? {} });
    else for (const v of Object.values(step)) actionSteps(v, where, out);
  }
  return out;
}

/** All our action steps in workflows and READMEs. */
export function allActionSteps(): ActionStep[] {
  const steps: ActionStep[] = [];
  for (const f of workflowFiles()) actionSteps(parse(readFileSync(f, 'utf8')), relative(ROOT, f), steps);
  for (const f of readmeFiles()) {
    yamlBlocks(readFileSync(f, 'utf8')).forEach((block, i) =>
      actionSteps(parse(block), `${relative(ROOT, f)} (YAML block ${i + 1})`, steps),
    );
  }
  return steps;
}

/** A complete workflow users can copy (a file, or a README block with `on:` and `jobs:`). */
export interface CopyableWorkflow {
  where: string;
  name: string;
  text: string;
}

/** Every complete workflow in workflow files, the READMEs and examples/. */
export function copyableWorkflows(): CopyableWorkflow[] {
  const out: CopyableWorkflow[] = [];
  const add = (text: string, where: string) => {
    const doc = parse(text) as Record<string, unknown> | null;
    if (doc && typeof doc === 'object' && 'jobs' in doc && 'on' in doc)
      out.push({ where, name: String(doc.name ?? where), text });
  };
  for (const f of workflowFiles()) add(readFileSync(f, 'utf8'), relative(ROOT, f));
  for (const f of readmeFiles())
    yamlBlocks(readFileSync(f, 'utf8')).forEach((block, i) => add(block, `${relative(ROOT, f)} (YAML block ${i + 1})`));
  return out;
}

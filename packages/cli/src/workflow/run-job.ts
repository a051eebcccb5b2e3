import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { parseCommandFile } from '../command-files.ts';
import { runLocal, type LocalRunResult } from '../runner.ts';
import { condition, interpolate, type Contexts, type JobStatus } from './expressions.ts';
import { modelgateAction, skippedActionNote } from './other-actions.ts';
import { defaultEventPayload, readCheckout, refsOf } from './payloads.ts';
import { downloadArtifacts } from './download-artifact.ts';
import { inputDefaults, parseWorkflow, selectJob, workflowEvents, type WorkflowStep } from './workflow-file.ts';

export interface WorkflowRunOptions {
  /** The workflow file. */
  file: string;
  /** The workflow's text, when it does not come from `file` (e.g. a README's YAML block; `file` names it). */
  text?: string;
  /** The job to run; may be left out when the workflow has one. */
  job?: string;
  /** The event (default: the first one the workflow runs on). */
  event?: string;
  /** The event payload (object or JSON file); a minimal one is made from the checkout when absent. */
  eventPayload?: unknown;
  /** The working directory: the repository checkout the job runs in (default: the current directory). */
  cwd?: string;
  /** `GITHUB_API_URL` for our actions; without it they run offline, as `modelgate run` does. */
  githubApi?: string;
  /** Environment given to every step (e.g. a GitHub stand-in's ACTIONS_* and GITHUB_* variables). */
  env?: Record<string, string>;
  /** `secrets.*`; `GITHUB_TOKEN` is also `github.token`. */
  secrets?: Record<string, string>;
  /** `inputs.*` of a workflow_dispatch or workflow_call workflow (the workflow's defaults fill the rest). */
  inputs?: Record<string, string>;
  /** Print the steps' output live. */
  stream?: boolean;
  /** Repository root holding actions/ and dist/ (default: this checkout). */
  root?: string;
  /**
   * Changes a modelgate step's inputs before it runs (e.g. `dry-run` where there is no cluster), or returns why
   * the step cannot run here: it is then skipped with that note, as other actions are.
   */
  adjust?: (action: string, inputs: Record<string, string>) => Record<string, string> | string;
}

export interface StepResult {
  name: string;
  id?: string;
  kind: 'run' | 'modelgate' | 'download' | 'skipped-action' | 'not-run';
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** Why the step did not run, or what was left out. */
  note?: string;
  /** A modelgate step's run (summary, comment, log). */
  action?: LocalRunResult;
  stdout: string;
  stderr: string;
}

export interface WorkflowRunResult {
  workflow: string;
  job: string;
  event: string;
  conclusion: 'success' | 'failure' | 'skipped';
  steps: StepResult[];
  /** The job summary: every step's summary in order. */
  summary: string;
  /** RUNNER_TEMP of the job. */
  runnerTemp: string;
}

function stepName(step: WorkflowStep, index: number): string {
  return (
    step.name ?? (step.uses ? `Run ${step.uses}` : step.run ? `Run ${step.run.split('\n')[0]}` : `step ${index + 1}`)
  );
}

function stringify(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

function shellCommand(shell: string | undefined, script: string): [string, string[]] {
  switch (shell ?? 'bash') {
    case 'bash':
      return ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', script]];
    case 'sh':
      return ['sh', ['-e', script]];
    case 'python':
      return ['python3', [script]];
    default:
      throw new Error(`shell: ${shell} is not supported by run-workflow (bash, sh or python).`);
  }
}

async function spawnStep(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  stream: boolean,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    if (stream) process.stdout.write(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    if (stream) process.stderr.write(d);
  });
  const exitCode = await new Promise<number>((done) => {
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
  return { exitCode, stdout, stderr };
}

/** Runs one job of a workflow locally: run: steps in bash, modelgate steps through the local runner. */
export async function runWorkflow(o: WorkflowRunOptions): Promise<WorkflowRunResult> {
  const where = o.file;
  const workflow = parseWorkflow(o.text ?? readFileSync(o.file, 'utf8'), where);
  const { id: jobId, job } = selectJob(workflow, where, o.job);
  const events = workflowEvents(workflow);
  const event = o.event ?? Object.keys(events)[0]!;
  if (!(event in events))
    throw new Error(`${where} does not run on ${event}; it runs on ${Object.keys(events).join(', ')}.`);
  const cwd = resolve(o.cwd ?? process.cwd());
  const checkout = readCheckout(cwd);
  const repository = o.env?.GITHUB_REPOSITORY ?? 'local/repository';
  const inputs = { ...inputDefaults(workflow), ...o.inputs };
  let payload = o.eventPayload ?? defaultEventPayload(event, repository, checkout, inputs);
  if (typeof payload === 'string') payload = JSON.parse(readFileSync(resolve(payload), 'utf8'));
  const event_payload = payload as Record<string, unknown>;
  const secrets = { ...o.secrets };
  const token = secrets.GITHUB_TOKEN ?? '';
  const workflowName = workflow.name ?? basename(o.file);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'modelgate-workflow-'));
  const refs = refsOf(event, event_payload, checkout);
  const githubEnv: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKFLOW: workflowName,
    GITHUB_JOB: jobId,
    GITHUB_EVENT_NAME: event,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0]!,
    GITHUB_SHA: checkout.sha,
    GITHUB_WORKSPACE: cwd,
    GITHUB_ACTOR: 'local',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...refs,
    ...o.env,
  };
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event_payload, null, 2));
  const github = {
    event_name: event,
    event: event_payload,
    repository,
    repository_owner: githubEnv.GITHUB_REPOSITORY_OWNER,
    sha: githubEnv.GITHUB_SHA,
    ref: githubEnv.GITHUB_REF,
    ref_name: githubEnv.GITHUB_REF_NAME,
    head_ref: githubEnv.GITHUB_HEAD_REF,
    base_ref: githubEnv.GITHUB_BASE_REF,
    actor: githubEnv.GITHUB_ACTOR,
    workflow: workflowName,
    job: jobId,
    run_id: githubEnv.GITHUB_RUN_ID,
    run_number: githubEnv.GITHUB_RUN_NUMBER,
    run_attempt: '1',
    server_url: githubEnv.GITHUB_SERVER_URL,
    api_url: o.githubApi ?? githubEnv.GITHUB_API_URL ?? 'https://api.github.com',
    workspace: cwd,
    token,
  };
  const runner = {
    temp: runnerTemp,
    os: 'Linux',
    arch: 'X64',
    name: 'modelgate-local',
    tool_cache: join(runnerTemp, 'tool-cache'),
  };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const env: Record<string, string> = {};
  const contexts = (): Contexts => ({
    github,
    env,
    secrets,
    inputs,
    steps,
    runner,
    vars: {},
    job: { status },
    matrix: {},
    needs: {},
    strategy: {},
  });
  let status: JobStatus = 'success';

  // Workflow and job env are evaluated in order; each sees the ones before.
  for (const [k, v] of Object.entries(workflow.env)) env[k] = interpolate(stringify(v), contexts());
  for (const [k, v] of Object.entries(job.env)) env[k] = interpolate(stringify(v), contexts());
  const results: StepResult[] = [];
  const say = (line: string) => {
    if (o.stream) console.log(line);
  };

  if (!condition(job.if, contexts(), 'success')) {
    say(`job ${jobId}: skipped (if: ${String(job.if)})`);
    return { workflow: workflowName, job: jobId, event, conclusion: 'skipped', steps: [], summary: '', runnerTemp };
  }

  const summaries: string[] = [];
  const extraPath: string[] = [];
  const baseEnv: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)) baseEnv[k] = v;

  for (const [index, step] of (job.steps ?? []).entries()) {
    const name = stepName(step, index);
    const record = (r: Omit<StepResult, 'name' | 'id'>) => {
      const conclusion =
        r.outcome === 'failure' && (step['continue-on-error'] === true || step['continue-on-error'] === 'true')
          ? 'success'
          : r.outcome;
      if (step.id) steps[step.id] = { outputs: r.outputs, outcome: r.outcome, conclusion };
      if (conclusion === 'failure') status = 'failure';
      results.push({ name, ...(step.id ? { id: step.id } : {}), ...r });
      say(
        `${r.kind === 'skipped-action' || r.outcome === 'skipped' ? '-' : r.outcome === 'success' ? '✓' : '✗'} ${name}${r.note ? ` (${r.note})` : ''}`,
      );
    };
    if (!condition(step.if, contexts(), status)) {
      record({
        kind: 'not-run',
        outcome: 'skipped',
        outputs: {},
        note: `if: ${String(step.if ?? 'success()')} is false`,
        stdout: '',
        stderr: '',
      });
      continue;
    }
    say(`▶ ${name}`);
    const stepEnv: Record<string, string> = { ...env };
    for (const [k, v] of Object.entries(step.env)) stepEnv[k] = interpolate(stringify(v), contexts());
    const workingDirectory = resolve(
      cwd,
      interpolate(step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? '.', contexts()),
    );

    if (step.run !== undefined) {
      const stepDir = mkdtempSync(join(runnerTemp, 'step-'));
      const files = {
        GITHUB_OUTPUT: join(stepDir, 'output'),
        GITHUB_ENV: join(stepDir, 'env'),
        GITHUB_PATH: join(stepDir, 'path'),
        GITHUB_STEP_SUMMARY: join(stepDir, 'summary.md'),
        GITHUB_STATE: join(stepDir, 'state'),
      };
      for (const f of Object.values(files)) writeFileSync(f, '');
      const script = join(stepDir, step.shell === 'python' ? 'script.py' : 'script.sh');
      writeFileSync(script, interpolate(step.run, contexts(), status));
      const [command, args] = shellCommand(step.shell, script);
      const pathValue = [...extraPath, baseEnv.PATH ?? ''].join(delimiter);
      const run = await spawnStep(
        command,
        args,
        workingDirectory,
        {
          ...baseEnv,
          ...githubEnv,
          GITHUB_EVENT_PATH: eventPath,
          ...stepEnv,
          ...files,
          PATH: pathValue,
        },
        o.stream ?? false,
      );
      Object.assign(env, parseCommandFile(files.GITHUB_ENV));
      extraPath.unshift(...readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse());
      const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
      if (summary) summaries.push(summary);
      record({
        kind: 'run',
        outcome: run.exitCode === 0 ? 'success' : 'failure',
        outputs: parseCommandFile(files.GITHUB_OUTPUT),
        ...(run.exitCode === 0 ? {} : { note: `exit ${run.exitCode}` }),
        stdout: run.stdout,
        stderr: run.stderr,
      });
      continue;
    }

    const uses = step.uses!;
    const withInputs: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.with)) withInputs[k] = interpolate(stringify(v), contexts(), status);
    const action = modelgateAction(uses);
    if (/^actions\/download-artifact@/.test(uses) && o.githubApi && (withInputs['github-token'] || token)) {
      try {
        const files = await downloadArtifacts({
          api: o.githubApi,
          repository,
          token: withInputs['github-token'] || token,
          runId: withInputs['run-id'] || githubEnv.GITHUB_RUN_ID!,
          inputs: withInputs,
          cwd: workingDirectory,
        });
        record({
          kind: 'download',
          outcome: 'success',
          outputs: {},
          note: `downloaded ${files.join(', ') || 'nothing'}`,
          stdout: '',
          stderr: '',
        });
      } catch (error) {
        record({
          kind: 'download',
          outcome: 'failure',
          outputs: {},
          note: (error as Error).message,
          stdout: '',
          stderr: '',
        });
      }
      continue;
    }
    if (!action) {
      record({
        kind: 'skipped-action',
        outcome: 'success',
        outputs: {},
        note: `skipped: ${skippedActionNote(uses, step.with)}`,
        stdout: '',
        stderr: '',
      });
      continue;
    }
    const adjusted = o.adjust ? o.adjust(action, withInputs) : withInputs;
    if (typeof adjusted === 'string') {
      record({
        kind: 'skipped-action',
        outcome: 'success',
        outputs: {},
        note: `skipped: ${adjusted}`,
        stdout: '',
        stderr: '',
      });
      continue;
    }
    const result = await runLocal({
      action,
      inputs: adjusted,
      event,
      eventPayload: event_payload,
      ...(o.githubApi ? { githubApi: o.githubApi } : {}),
      env: { ...githubEnv, ...stepEnv, ...(token ? { GITHUB_TOKEN: token } : {}) },
      cwd: workingDirectory,
      stream: o.stream ?? false,
      ...(o.root ? { root: o.root } : {}),
    });
    if (result.summary) summaries.push(result.summary);
    record({
      kind: 'modelgate',
      outcome: result.exitCode === 0 ? 'success' : 'failure',
      outputs: result.outputs,
      ...(result.exitCode === 0 ? {} : { note: `exit ${result.exitCode}` }),
      action: result,
      stdout: result.stdout,
      stderr: result.stderr,
    });
  }
  const summary = summaries.join('\n');
  if (summary) appendFileSync(join(runnerTemp, 'summary.md'), summary);
  return { workflow: workflowName, job: jobId, event, conclusion: status, steps: results, summary, runnerTemp };
}

#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { inert } from '@modelgate/core/log';
import { runLocal } from './runner.ts';
import { runWorkflow } from './workflow/run-job.ts';

const USAGE = `Usage: modelgate run <action> [--input name=value]... [--event pull_request] [--event-payload file.json]
                     [--github-api URL] [--env NAME=VALUE]... [--cwd DIR]
       modelgate run-workflow <workflow.yml> [--job id] [--event name] [--event-payload file.json]
                     [--input name=value]... [--secret NAME=VALUE]... [--github-api URL] [--env NAME=VALUE]... [--cwd DIR]

run: runs actions/<action> from its committed bundle the way the GitHub runner does (INPUT_* with the
action.yml defaults, GITHUB_OUTPUT/GITHUB_STEP_SUMMARY files, the event payload), streaming its log,
then prints its outputs and the paths of the job summary and of the PR comment it would have posted
(open them to read the Markdown). --quiet prints only the log's errors and warnings.

run-workflow: runs one job of a workflow in the working directory, which must already be the checkout:
run: steps in bash, modelgate steps (modelgate/modelgate/actions/<name>@ref or ./actions/<name>) through
the local runner, with env:, with:, steps.<id>.outputs and the github, env, secrets and inputs contexts.
actions/download-artifact downloads through --github-api with secrets.GITHUB_TOKEN; other actions
(actions/checkout, upload-artifact...) are skipped with a note. --input sets a
workflow_dispatch input; secrets.GITHUB_TOKEN defaults to $GITHUB_TOKEN.`;

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const at = v.indexOf('=');
    if (at <= 0) throw new Error(`${flag} takes name=value, got ${JSON.stringify(v)}`);
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}

/** The `::error`/`::warning` workflow commands of a log, as plain lines (`error: gates.yml:3: …`). */
function annotations(log: string): string[] {
  const decode = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return log
    .split('\n')
    .map((l) => /^::(error|warning)(?: [^:]*)?::(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}: ${decode(m[2]!)}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      event: { type: 'string' },
      'event-payload': { type: 'string' },
      'github-api': { type: 'string' },
      env: { type: 'string', multiple: true },
      cwd: { type: 'string' },
      quiet: { type: 'boolean' },
      job: { type: 'string' },
      secret: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, action] = positionals;
  if (!values.help && command === 'run-workflow' && action) {
    const secrets = pairs(values.secret, '--secret');
    if (process.env.GITHUB_TOKEN && !secrets.GITHUB_TOKEN) secrets.GITHUB_TOKEN = process.env.GITHUB_TOKEN;
    const result = await runWorkflow({
      file: action,
      ...(values.job ? { job: values.job } : {}),
      ...(values.event ? { event: values.event } : {}),
      ...(values['event-payload'] ? { eventPayload: values['event-payload'] } : {}),
      ...(values['github-api'] ? { githubApi: values['github-api'] } : {}),
      ...(values.cwd ? { cwd: values.cwd } : {}),
      env: pairs(values.env, '--env'),
      inputs: pairs(values.input, '--input'),
      secrets,
      stream: !values.quiet,
    });
    console.log(
      `\n${'-'.repeat(72)}\n${inert(result.workflow)} / ${inert(result.job)} on ${inert(result.event)}: ${result.conclusion}`,
    );
    for (const step of result.steps)
      console.log(`  ${step.outcome.padEnd(7)} ${inert(step.name)}${step.note ? ` (${inert(step.note)})` : ''}`);
    console.log(`\nJob summary: ${inert(result.runnerTemp)}/summary.md (${result.summary.length} characters)`);
    for (const step of result.steps)
      if (step.action?.commentFile)
        console.log(`PR comment ${inert(step.name)} would post: ${inert(step.action.commentFile)}`);
    return result.conclusion === 'failure' ? 1 : 0;
  }
  if (values.help || command !== 'run' || !action) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const result = await runLocal({
    action,
    inputs: pairs(values.input, '--input'),
    ...(values.event ? { event: values.event } : {}),
    ...(values['event-payload'] ? { eventPayload: values['event-payload'] } : {}),
    ...(values['github-api'] ? { githubApi: values['github-api'] } : {}),
    env: pairs(values.env, '--env'),
    ...(values.cwd ? { cwd: values.cwd } : {}),
    stream: !values.quiet,
  });
  const line = '-'.repeat(72);
  if (values.quiet) {
    // Quiet hides the action's log, but never its errors and warnings.
    for (const annotation of annotations(result.stdout)) console.log(annotation);
  }
  console.log(`\n${line}\n${inert(action)} exited ${result.exitCode} in ${result.durationMs} ms`);
  console.log(`\nOutputs:`);
  for (const [k, v] of Object.entries(result.outputs))
    console.log(`  ${inert(k)} = ${inert(v.length > 200 ? `${v.slice(0, 200)}…` : v)}`);
  console.log(`\nJob summary: ${inert(result.workDir)}/summary.md (${result.summary.length} characters)`);
  if (result.commentFile) console.log(`PR comment it would post: ${inert(result.commentFile)}`);
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`modelgate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

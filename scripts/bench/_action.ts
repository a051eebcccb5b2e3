// A bench Command that runs an action's bundle the way the GitHub runner does: INPUT_<NAME> for every input of
// action.yml, its defaults filled in (an expression default such as `${{ github.token }}` becomes empty: benches
// stay offline), and the command files in the bench's dir. Unknown input names fail, as in the local runner.
//
//   actionCommand('evaluate-model', { predictions: file, task: 'binary' }, { dir })
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Command } from './_measure.ts';

const root = join(import.meta.dirname, '..', '..');

interface ActionYml {
  inputs?: Record<string, { default?: unknown }>;
  runs: { main: string };
}

export interface ActionCommandOptions {
  /** Where the command files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) go and the action runs. */
  dir: string;
  /** The label printed beside the figures (default: the action's name). */
  name?: string;
  /** Another copy of the bundle to run (default: the action.yml's runs.main, i.e. dist/<action>/index.js). */
  bundle?: string;
}

export function actionCommand(action: string, inputs: Record<string, string>, o: ActionCommandOptions): Command {
  const yml = parse(readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8')) as ActionYml;
  const declared = yml.inputs ?? {};
  const unknown = Object.keys(inputs).filter((k) => !(k in declared));
  if (unknown.length) throw new Error(`${action} has no input ${unknown.join(', ')}`);
  const env: NodeJS.ProcessEnv = {
    GITHUB_OUTPUT: join(o.dir, 'github-output'),
    GITHUB_STEP_SUMMARY: join(o.dir, 'github-step-summary.md'),
    GITHUB_WORKSPACE: o.dir,
    RUNNER_TEMP: o.dir,
    GITHUB_ACTIONS: 'true',
  };
  writeFileSync(env.GITHUB_OUTPUT!, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  for (const [name, spec] of Object.entries(declared)) {
    const fallback = spec.default === undefined || String(spec.default).includes('${{') ? '' : String(spec.default);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? fallback;
  }
  const bundle = o.bundle ?? join(root, 'actions', action, yml.runs.main);
  return { name: o.name ?? action, argv: [process.execPath, bundle], env, cwd: o.dir };
}

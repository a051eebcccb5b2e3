import { fileURLToPath } from 'node:url';
import type { ActionResult } from '@modelgate/core/action/run';
import { inputFields } from '@modelgate/core/evaluate/evaluate-model-inputs';
import { runEvaluateModel } from '@modelgate/core/evaluate/run-evaluate-model';
import { readInputs } from '@modelgate/core/inputs/read';

/** evaluate-model: scores the predictions and applies the thresholds (the work is evaluate/run-evaluate-model). */
export async function run(): Promise<ActionResult> {
  // The bundle is also the bootstrap workers' script (src/index.ts).
  return runEvaluateModel(readInputs(inputFields), { workerScript: fileURLToPath(import.meta.url) });
}

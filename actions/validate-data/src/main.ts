import { fileURLToPath } from 'node:url';
import type { ActionResult } from '@modelgate/core/action/run';
import { readInputs } from '@modelgate/core/inputs/read';
import { runValidateData } from '@modelgate/core/validate/run-validate-data';
import { inputFields } from '@modelgate/core/validate/validate-data-inputs';

/** validate-data: schema checks and drift in one streaming pass (the work is validate/run-validate-data). */
export async function run(): Promise<ActionResult> {
  // The bundle is also the worker thread that reads a large reference alongside the data (src/index.ts).
  return runValidateData(readInputs(inputFields), { workerScript: fileURLToPath(import.meta.url) });
}

import type { ActionResult } from '@modelgate/core/action/run';
import { inputFields } from '@modelgate/core/canary/deploy-canary-inputs';
import { maskPrometheusHeaders, runDeployCanary } from '@modelgate/core/canary/run-deploy-canary';
import { readInputs } from '@modelgate/core/inputs/read';

/** deploy-canary: progressive canary rollout with automatic rollback (the work is canary/run-deploy-canary). */
export async function run(): Promise<ActionResult> {
  // The header values are masked before any input is read, so no message can print them.
  const headers = maskPrometheusHeaders();
  return runDeployCanary(readInputs(inputFields), { headers });
}

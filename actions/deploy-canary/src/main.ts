import type { ActionResult } from '@modelgate/core/action/run';
import { inputFields } from '@modelgate/core/canary/deploy-canary-inputs';
import { runDeployCanary } from '@modelgate/core/canary/run-deploy-canary';
import { readInputs } from '@modelgate/core/inputs/read';

/** deploy-canary: progressive canary rollout with automatic rollback (the work is canary/run-deploy-canary). */
export async function run(): Promise<ActionResult> {
  // readInputs masks every credential-bearing input (kubeconfig, prometheus-headers) before parsing any input.
  return runDeployCanary(readInputs(inputFields));
}

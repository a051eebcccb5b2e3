import { field } from '../inputs/fields.ts';
import type { InputValues } from '../inputs/read.ts';
import { ROUTERS } from '../kube/routers/router.ts';

/** deploy-canary's inputs, keyed by their action.yml names (a test checks the two match). */
export const inputFields = {
  image: field.string(),
  name: field.string(),
  namespace: field.string().optional(),
  container: field.string().optional(),
  router: field.choice(ROUTERS),
  route: field.string().optional(),
  strategy: field.choice(['canary', 'blue-green'] as const),
  mirror: field.boolean(),
  steps: field.list(),
  interval: field.duration(),
  analysis: field.document().optional(),
  'prometheus-url': field.string().optional(),
  'prometheus-headers': field.headers().optional(),
  kubeconfig: field.kubeconfig().optional(),
  timeout: field.duration(),
  'on-failure': field.choice(['rollback', 'pause'] as const),
  'dry-run': field.boolean(),
};

/** deploy-canary's input values, typed, as the action's run function takes them. */
export type DeployCanaryInputs = InputValues<typeof inputFields>;

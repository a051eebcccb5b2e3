/** What a rollout will do, in order, for `dry-run` and the top of the report (pure). */
import type { Check } from './analysis.ts';

export interface PlanContext {
  name: string;
  namespace: string;
  image: string;
  router: string;
  route: string;
  steps: number[];
  intervalMs: number;
  timeoutMs: number;
  onFailure: 'rollback' | 'pause';
  checks: Check[];
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The rollout's actions in order, as sentences. */
export function planActions(c: PlanContext): string[] {
  const at = (kind: string, name: string) => `${kind} ${c.namespace}/${name}`;
  const canary = `${c.name}-canary`;
  const analysis = c.checks.length
    ? `run ${c.checks.length} check(s) (${c.checks.map((k) => k.name).join(', ')})`
    : 'no checks';
  const weights =
    c.router === 'gateway-api'
      ? `set the backendRef weights of ${at('HTTPRoute', c.route)}: ${c.name} 100−w, ${canary} w`
      : c.router === 'istio'
        ? `set the route weights of ${at('VirtualService', c.route)}: ${c.name} 100−w, ${canary} w`
        : c.router === 'replicas'
          ? `scale ${canary} and ${c.name} so the canary has about w% of the pods`
          : `set canaryTrafficPercent of ${at('InferenceService', c.name)} to w`;
  const target = c.router === 'kserve' ? at('InferenceService', c.name) : at('Deployment', c.name);
  const actions = [
    `Lock ${target} (annotation modelgate.dev/deploy-canary-lock; stale after ${seconds(c.timeoutMs)}).`,
  ];
  if (c.router === 'kserve')
    actions.push(
      `Set the predictor image to ${c.image} at 0% (a new revision); wait until it is ready (timeout ${seconds(c.timeoutMs)}).`,
    );
  else
    actions.push(
      `Create ${at('Deployment', canary)} (image ${c.image}, pods track: canary) and its Service; wait until ready (timeout ${seconds(c.timeoutMs)}).`,
    );
  actions.push(`For each step w in ${c.steps.join(', ')}%: ${weights}; wait ${seconds(c.intervalMs)}; ${analysis}.`);
  actions.push(
    c.onFailure === 'rollback'
      ? 'On a failed check, no data, a query error, an API error or a readiness timeout: stable back to 100%, the canary removed, the step fails.'
      : 'On a failure: pause, leaving the canary and the weights as they are; the step fails.',
  );
  actions.push(
    c.router === 'kserve'
      ? 'After the last step: remove canaryTrafficPercent (the new revision takes all traffic), then unlock.'
      : `After the last step: ${c.name} takes the image, waits ready, takes all traffic; the canary objects are deleted; unlock.`,
  );
  return actions;
}

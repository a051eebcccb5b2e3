/** What a rollout will do, in order, for `dry-run` and the top of the report (pure). */
import type { TargetDescription } from '../kube/target.ts';
import type { Check } from './analysis.ts';

/** A rollout as planned: what the plan and the report are made from, for a dry run too. */
export interface RolloutPlan {
  name: string;
  namespace: string;
  image: string;
  /** The `router` input value, as the user wrote it. */
  router: string;
  /** What the target says it will do (kube/make-target). */
  target: TargetDescription;
  steps: number[];
  intervalMs: number;
  timeoutMs: number;
  onFailure: 'rollback' | 'pause';
  checks: Check[];
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The rollout's actions in order, as sentences. */
export function planActions(plan: RolloutPlan): string[] {
  const { target } = plan;
  const analysis = plan.checks.length
    ? `run ${plan.checks.length} check(s) (${plan.checks.map((k) => k.name).join(', ')})`
    : 'no checks';
  return [
    `Lock ${target.lockedObject} (annotation modelgate.dev/deploy-canary-lock; stale after ${seconds(plan.timeoutMs)}).`,
    `${target.startCanary} (timeout ${seconds(plan.timeoutMs)}).`,
    `For each step w in ${plan.steps.join(', ')}%: ${target.setWeight}; wait ${seconds(plan.intervalMs)}; ${analysis}.`,
    plan.onFailure === 'rollback'
      ? 'On a failed check, no data, a query error, an API error or a readiness timeout: stable back to 100%, the canary removed, the step fails.'
      : 'On a failure: pause, leaving the canary and the weights as they are; the step fails.',
    target.promote,
  ];
}

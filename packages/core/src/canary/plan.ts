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
  /** Default canary. */
  strategy?: 'canary' | 'blue-green';
  mirror?: boolean;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The rollout's actions in order, as sentences. */
export function planActions(plan: RolloutPlan): string[] {
  const { target } = plan;
  const analysis = plan.checks.length
    ? `run ${plan.checks.length} check(s) (${plan.checks.map((k) => k.name).join(', ')})`
    : 'no checks';
  const mirror = plan.mirror
    ? [
        `Mirror stable's requests to the new version (${target.routeObject}); wait ${seconds(plan.intervalMs)}; ${analysis}; remove the mirror before any weight moves.`,
      ]
    : [];
  const lock = `Lock ${target.lockedObject} (annotation modelgate.dev/deploy-canary-lock; stale after ${seconds(plan.timeoutMs)}).`;
  const start = `${target.startCanary} (timeout ${seconds(plan.timeoutMs)}).`;
  if (plan.strategy === 'blue-green')
    return [
      lock,
      start,
      ...(plan.mirror
        ? mirror
        : [`Preview: users stay on stable; wait ${seconds(plan.intervalMs)}; ${analysis} ({{track}} = green).`]),
      `Switch all traffic at once: ${target.setWeight.replace('100−w', '0').replace(/\bw\b/g, '100')}; wait ${seconds(plan.intervalMs)}; ${analysis}, against stable's interval before the switch.`,
      plan.onFailure === 'rollback'
        ? 'On a failed check, no data, a query error, an API error or a readiness timeout: all traffic back to stable, green and preview removed.'
        : 'On a failure: pause, leaving green and the route as they are (a mirror is removed).',
      target.promote,
    ];
  return [
    lock,
    start,
    ...mirror,
    `For each step w in ${plan.steps.join(', ')}%: ${target.setWeight}; wait ${seconds(plan.intervalMs)}; ${analysis}.`,
    plan.onFailure === 'rollback'
      ? 'On a failed check, no data, a query error, an API error or a readiness timeout: stable back to 100%, the canary (and any mirror) removed, the step fails.'
      : 'On a failure: pause, leaving the canary and the weights as they are; the step fails.',
    target.promote,
  ];
}

/**
 * The rollout engine: checks everything it can before any traffic moves, then (with `mirror`) judges the new
 * version on a mirrored copy of stable's requests, then for each step sets the weights, waits the interval and
 * runs the checks. Blue-green has two steps instead: the preview (users on stable) and one switch to 100%. A failed check, no data, a query error, an API error, a readiness
 * timeout or a cancelled run ends the rollout: rollback (stable 100%, canary removed) or pause. After the last
 * step it promotes. A rollback that cannot put traffic back on stable leaves the canary serving and ends
 * `rollback-failed`, never `rolled-back`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inputError } from '../errors.ts';
import { error, inert, info, warning } from '../log.ts';
import { ClusterError } from '../kube/cluster.ts';
import { ReadinessTimeout } from '../kube/readiness.ts';
import type { LeftBehind, RollbackResult, RolloutTarget } from '../kube/target.ts';
import type { PrometheusClient } from '../prometheus/query.ts';
import type { Check } from './analysis.ts';
import { cancellation, Cancelled } from './cancel.ts';
import { measureAll, preflightQueries, type Subject } from './measure.ts';
import type { Measurement } from './verdict.ts';

export type Outcome = 'promoted' | 'rolled-back' | 'rollback-failed' | 'paused' | 'created' | 'dry-run';

export interface StepRecord {
  step: number;
  /** `step` (a canary weight), `mirror` (mirrored traffic only), `preview` and `switched` (blue-green). */
  phase?: 'step' | 'mirror' | 'preview' | 'switched';
  weight: number;
  /** The canary weight really in effect (the replicas router approximates). */
  actualWeight: number;
  /** Seconds since the rollout started, when the weight was set. */
  at: number;
  passed: boolean;
  checks: Measurement[];
}

export interface RolloutResult {
  outcome: Outcome;
  steps: StepRecord[];
  /** Why the rollout stopped, when it did not promote. */
  reason?: string;
  /** What rollback could not undo, each with the commands that finish it. */
  leftBehind: LeftBehind[];
  notes: string[];
  /** Canary weight over time: the chart of the report. */
  timeline: { label: string; weight: number }[];
}

export interface EnginePlan {
  target: RolloutTarget;
  subject: Subject;
  steps: number[];
  intervalMs: number;
  checks: Check[];
  prometheus: PrometheusClient | undefined;
  onFailure: 'rollback' | 'pause';
  /** Default canary: the weighted steps. */
  strategy?: 'canary' | 'blue-green';
  /** Judge the new version on mirrored traffic for one interval before any weight moves. */
  mirror?: boolean;
}

/** Failures that end a rollout (as opposed to bugs, which propagate). */
function isRolloutFailure(e: unknown): e is Error {
  return e instanceof ClusterError || e instanceof ReadinessTimeout || e instanceof Cancelled;
}

/** Waits `ms`, or throws Cancelled as soon as the run is cancelled. */
async function wait(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (e) {
    signal.throwIfAborted();
    throw e;
  }
}

/** Says loudly what a rollback left behind: errors when traffic may still reach the canary, else warnings. */
function reportRollback(undone: RollbackResult): void {
  if (!undone.restored)
    error('Rollback failed: the cluster is not back as it was before the rollout. What is left and what to do:');
  for (const left of undone.leftBehind)
    (undone.restored ? warning : error)(`${left.what} Run: ${left.commands.join('  then  ')}`);
}

/** Runs the rollout end to end. UserErrors from the preflight propagate: nothing has changed then. */
export async function runRollout(plan: EnginePlan): Promise<RolloutResult> {
  const started = Date.now();
  const result: RolloutResult = {
    outcome: 'promoted',
    steps: [],
    leftBehind: [],
    notes: [],
    timeline: [{ label: 'start', weight: 0 }],
  };
  const exists = await plan.target.preflight().catch((e: unknown) => {
    // Nothing has been written yet: an unreachable or refusing API server is the kubeconfig's to fix.
    if (e instanceof ClusterError) throw inputError('kubeconfig', `${e.message}. Nothing was changed in the cluster.`);
    throw e;
  });
  if (plan.prometheus && plan.checks.length) await preflightQueries(plan.prometheus, plan.checks, plan.subject);
  if (!exists) {
    info(
      `No stable ${inert(plan.subject.name)} exists in ${inert(plan.subject.namespace)}: deploying the image as the first stable version.`,
    );
    await plan.target.createFirst();
    result.notes.push(
      `No stable ${plan.subject.name} existed: the image was deployed as the first stable version, with no canary analysis.`,
    );
    return { ...result, outcome: 'created', timeline: [...result.timeline, { label: 'created', weight: 100 }] };
  }
  const takeover = await plan.target.lock();
  if (takeover) {
    warning(`deploy-canary ${inert(takeover)}.`);
    result.notes.push(`The rollout ${takeover}.`);
  }
  const failures = new Map<string, number>();
  const cancel = cancellation();
  const { signal } = cancel;
  let weightNow = 0;
  let mirroring = false;
  try {
    try {
      const blueGreen = plan.strategy === 'blue-green';
      const version = blueGreen ? 'green' : 'canary';
      info(`Creating the ${version} version and waiting until it is ready...`);
      await plan.target.startCanary();
      /** Waits the interval and runs the checks; throws AnalysisFailure past the failure limits. */
      const analyse = async (record: Omit<StepRecord, 'passed' | 'checks'>, stableAt?: number) => {
        await wait(plan.intervalMs, signal);
        const when = { intervalMs: plan.intervalMs, ...(stableAt === undefined ? {} : { stableAt }) };
        const checks = plan.prometheus ? await measureAll(plan.prometheus, plan.checks, plan.subject, when) : [];
        const failed = checks.filter((m) => {
          if (m.passed) return false;
          const count = (failures.get(m.name) ?? 0) + 1;
          failures.set(m.name, count);
          const limit = plan.checks.find((c) => c.name === m.name)?.['failure-limit'] ?? 0;
          return m.verdict === 'error' || count > limit;
        });
        for (const m of checks)
          info(
            `  ${inert(m.name)}: ${version} ${m.canary ?? 'no data'}, stable ${m.stable ?? 'no data'} (${inert(m.rule)}): ${m.verdict}${m.dryRun ? ' (dry run, not deciding)' : ''}: ${inert(m.reason)}`,
          );
        result.steps.push({ ...record, passed: failed.length === 0, checks });
        if (failed.length)
          throw new AnalysisFailure(
            `${describePhase(record)}: ${failed.map((m) => `${m.name}: ${m.reason}`).join('; ')}`,
          );
      };
      const at = () => (Date.now() - started) / 1000;
      if (plan.mirror) {
        signal.throwIfAborted();
        await plan.target.startMirror!();
        mirroring = true;
        info(
          `Mirroring: the ${version} version gets a copy of stable's requests (users stay on stable). Analysis in ${plan.intervalMs / 1000} s.`,
        );
        result.timeline.push({ label: 'mirror', weight: 0 });
        // With blue-green, the mirror feeds the preview analysis; with a canary it is a phase of its own.
        const phase = blueGreen ? 'preview' : 'mirror';
        await analyse({ step: blueGreen ? 1 : 0, phase, weight: 0, actualWeight: 0, at: at() });
        info('The analysis passed on mirrored traffic: removing the mirror before any weight moves.');
        await plan.target.stopMirror!();
        mirroring = false;
      }
      if (blueGreen) {
        if (!plan.mirror) {
          info(`Preview: green is analysed while users stay on stable. Analysis in ${plan.intervalMs / 1000} s.`);
          result.timeline.push({ label: 'preview', weight: 0 });
          await analyse({ step: 1, phase: 'preview', weight: 0, actualWeight: 0, at: at() });
        }
        const previewEnd = Math.floor(Date.now() / 1000);
        signal.throwIfAborted();
        const actualWeight = await plan.target.setWeight(100);
        weightNow = actualWeight;
        info(
          `Switch: all traffic to green. Analysis in ${plan.intervalMs / 1000} s, against stable before the switch.`,
        );
        result.timeline.push({ label: 'switched', weight: actualWeight });
        await analyse({ step: 2, phase: 'switched', weight: 100, actualWeight, at: at() }, previewEnd);
      } else
        for (const [i, weight] of plan.steps.entries()) {
          signal.throwIfAborted();
          const actualWeight = await plan.target.setWeight(weight);
          weightNow = actualWeight;
          const stepAt = at();
          info(
            `Step ${i + 1}/${plan.steps.length}: canary ${actualWeight}%, stable ${100 - actualWeight}%. Analysis in ${plan.intervalMs / 1000} s.`,
          );
          result.timeline.push({ label: `step ${i + 1}`, weight: actualWeight });
          await analyse({ step: i + 1, phase: 'step', weight, actualWeight, at: stepAt });
        }
      signal.throwIfAborted();
      info(`Every step passed: promoting the ${plan.strategy === 'blue-green' ? 'green' : 'canary'} version.`);
      await plan.target.promote();
      result.timeline.push({ label: 'promoted', weight: 100 });
      return result;
    } catch (e) {
      if (!(e instanceof AnalysisFailure) && !isRolloutFailure(e)) {
        // A bug must not leave traffic on an unjudged canary either.
        reportRollback(await plan.target.rollback());
        throw e;
      }
      result.reason = e.message;
      // A mirror doubles stable's requests onto an unjudged version: it goes even when the rollout pauses.
      if (mirroring && plan.onFailure === 'pause')
        await plan.target.stopMirror!().catch((m: unknown) =>
          warning(`Could not remove the mirror: ${inert((m as Error).message)}`),
        );
      if (plan.onFailure === 'pause') {
        warning(`Rollout paused: ${inert(e.message)}. The canary and the weights are left as they are.`);
        return { ...result, outcome: 'paused' };
      }
      warning(`Rolling back: ${inert(e.message)}`);
      const undone = await plan.target.rollback();
      reportRollback(undone);
      result.leftBehind = undone.leftBehind;
      if (!undone.restored) {
        result.timeline.push({ label: 'rollback failed', weight: weightNow });
        return { ...result, outcome: 'rollback-failed' };
      }
      result.timeline.push({ label: 'rolled back', weight: 0 });
      return { ...result, outcome: 'rolled-back' };
    }
  } finally {
    cancel.dispose();
    await plan.target
      .unlock()
      .catch((e: unknown) => warning(`Could not release the rollout lock: ${inert((e as Error).message)}`));
  }
}

/** A step in words, for the reason a rollout stopped. */
export function describePhase(r: Pick<StepRecord, 'step' | 'phase' | 'weight'>): string {
  if (r.phase === 'mirror') return 'mirrored traffic';
  if (r.phase === 'preview') return 'the preview (before the switch)';
  if (r.phase === 'switched') return 'after the switch to green';
  return `step ${r.step} (${r.weight}%)`;
}

/** A step whose analysis failed (past the checks' failure limits). */
export class AnalysisFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisFailure';
  }
}

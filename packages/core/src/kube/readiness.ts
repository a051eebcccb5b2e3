/**
 * Waiting for a rollout to finish, with the rules of `kubectl rollout status`: the controller has seen the
 * latest generation and every replica is updated and available; ProgressDeadlineExceeded fails at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster, KubeObject, ObjectRef } from './cluster.ts';

/** Is the Deployment (or InferenceService) ready? `reason` says what it waits for when not. */
export function readiness(object: KubeObject): { ready: boolean; reason: string; failed?: boolean } {
  const status = object.status ?? {};
  const generation = object.metadata.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation)
    return { ready: false, reason: 'the controller has not seen the latest change yet' };
  const conditions = (status.conditions ?? []) as { type: string; status: string; reason?: string }[];
  if (object.kind === 'InferenceService') {
    const ready = conditions.find((c) => c.type === 'Ready');
    return ready?.status === 'True'
      ? { ready: true, reason: 'ready' }
      : { ready: false, reason: 'the InferenceService is not Ready' };
  }
  const progressing = conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { ready: false, failed: true, reason: 'its progress deadline was exceeded' };
  const want = object.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < want) return { ready: false, reason: `${updated} of ${want} replicas updated` };
  if ((status.replicas ?? 0) > updated)
    return { ready: false, reason: `${(status.replicas ?? 0) - updated} old replicas pending termination` };
  if (available < want) return { ready: false, reason: `${available} of ${want} updated replicas available` };
  return { ready: true, reason: 'ready' };
}

/** Thrown when an object does not become ready in time: the rollout rolls back. */
export class ReadinessTimeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadinessTimeout';
  }
}

/** Polls until the object is ready (every 100 ms at first, backing off to every 2 s); ReadinessTimeout after `timeoutMs`. */
export async function waitReady(cluster: Cluster, ref: ObjectRef, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let reason = 'not found';
  for (let pollMs = 100; ; pollMs = Math.min(pollMs * 2, 2000)) {
    const object = await cluster.get(ref);
    if (object) {
      const state = readiness({ ...object, kind: object.kind ?? ref.resource.kind });
      if (state.ready) return;
      reason = state.reason;
      if (state.failed) break;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }
  throw new ReadinessTimeout(
    `${ref.resource.kind} ${cluster.namespace}/${ref.name} was not ready after ${Math.round(timeoutMs / 1000)} s: ${reason}`,
  );
}

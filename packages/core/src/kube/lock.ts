/**
 * The rollout lock: an annotation on the stable object, so two rollouts of one app cannot run at once. It is
 * taken with the object's resourceVersion as a precondition (the API server answers 409 if someone else wrote
 * in between), and a lock older than the readiness timeout is stale and may be taken over.
 */
import { inputError } from '../errors.ts';
import { ClusterError, type Cluster, type ObjectRef } from './cluster.ts';

export const LOCK_ANNOTATION = 'modelgate.dev/deploy-canary-lock';

export interface LockValue {
  owner: string;
  since: string;
  image: string;
}

/** Takes the lock; fails with a clear message while another, fresh rollout holds it. Returns a note on takeover. */
export async function acquireLock(
  cluster: Cluster,
  ref: ObjectRef,
  value: LockValue,
  staleAfterMs: number,
): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    const object = await cluster.get(ref);
    if (!object)
      throw new ClusterError(
        `${ref.resource.kind} ${cluster.namespace}/${ref.name} disappeared before it could be locked`,
        404,
      );
    const held = object.metadata.annotations?.[LOCK_ANNOTATION];
    let note: string | undefined;
    if (held) {
      let current: Partial<LockValue> = {};
      try {
        current = JSON.parse(held) as Partial<LockValue>;
      } catch {
        // An unreadable lock is treated as stale at once: nobody can own it.
      }
      const age = current.since ? Date.now() - Date.parse(current.since) : Infinity;
      if (current.owner !== value.owner && age < staleAfterMs)
        throw inputError(
          'name',
          `another rollout of ${ref.name} (${current.owner ?? 'unknown'}, image ${current.image ?? 'unknown'}) holds the lock since ${current.since}; ` +
            `wait for it to finish, or it may be taken over once it is older than the timeout (${Math.round(staleAfterMs / 1000)} s).`,
        );
      if (current.owner !== value.owner)
        note = `took over a stale lock of ${current.owner ?? 'an unknown rollout'} from ${current.since ?? 'an unknown time'}`;
    }
    try {
      await cluster.patch(ref, {
        strategy: 'merge',
        body: {
          metadata: {
            resourceVersion: object.metadata.resourceVersion,
            annotations: { [LOCK_ANNOTATION]: JSON.stringify(value) },
          },
        },
      });
      return note;
    } catch (e) {
      if (e instanceof ClusterError && e.code === 409 && attempt < 2) continue;
      throw e;
    }
  }
}

/** Releases the lock (merge patch null deletes the annotation). */
export async function releaseLock(cluster: Cluster, ref: ObjectRef): Promise<void> {
  await cluster.patch(ref, { strategy: 'merge', body: { metadata: { annotations: { [LOCK_ANNOTATION]: null } } } });
}

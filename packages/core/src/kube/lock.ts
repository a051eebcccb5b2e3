/**
 * The rollout lock: an annotation on the stable object, so two rollouts of one app cannot run at once. It is
 * taken with the object's resourceVersion as a precondition (the API server answers 409 if someone else wrote
 * in between) and renewed while the rollout runs, so a lock not renewed for longer than `timeout` belongs to a run
 * that died, and may be taken over.
 */
import { inputError } from '../errors.ts';
import { warning } from '../log.ts';
import { ClusterError, type Cluster, type ObjectRef } from './cluster.ts';

export const LOCK_ANNOTATION = 'modelgate.dev/deploy-canary-lock';

export interface LockValue {
  owner: string;
  image: string;
  /** When the rollout took the lock. */
  since: string;
  /** When the holder last renewed it (absent in locks written by hand: `since` counts). */
  renewed?: string;
}

function describeHolder(current: Partial<LockValue>): string {
  return `${current.owner ?? 'unknown'}, image ${current.image ?? 'unknown'}`;
}

/** The lock of one rollout: acquire, renewed in the background every third of `staleAfterMs`, release. */
export class RolloutLock {
  private readonly cluster: Cluster;
  private readonly ref: ObjectRef;
  private readonly value: LockValue;
  private readonly staleAfterMs: number;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(cluster: Cluster, ref: ObjectRef, owner: string, image: string, staleAfterMs: number) {
    this.cluster = cluster;
    this.ref = ref;
    this.value = { owner, image, since: new Date().toISOString() };
    this.staleAfterMs = staleAfterMs;
  }

  private annotation(): string {
    return JSON.stringify({ ...this.value, renewed: new Date().toISOString() });
  }

  /** Takes the lock; fails with a clear message while another live rollout holds it. Returns a note on takeover. */
  async acquire(): Promise<string | undefined> {
    const where = `${this.ref.resource.kind} ${this.cluster.namespace}/${this.ref.name}`;
    for (let attempt = 0; ; attempt++) {
      const object = await this.cluster.get(this.ref);
      if (!object) throw new ClusterError(`${where} disappeared before it could be locked`, 404);
      const held = object.metadata.annotations?.[LOCK_ANNOTATION];
      let note: string | undefined;
      if (held) {
        let current: Partial<LockValue> = {};
        try {
          current = JSON.parse(held) as Partial<LockValue>;
        } catch {
          // An unreadable lock is stale at once: nobody can renew it.
        }
        const renewed = Date.parse(current.renewed ?? current.since ?? '');
        const age = Number.isNaN(renewed) ? Infinity : Date.now() - renewed;
        if (current.owner !== this.value.owner && age < this.staleAfterMs)
          throw inputError(
            'name',
            `another rollout of ${this.ref.name} (${describeHolder(current)}) holds the lock since ${current.since}; ` +
              `wait for it to finish. A lock not renewed for the timeout (${Math.round(this.staleAfterMs / 1000)} s) may be taken over.`,
          );
        if (current.owner !== this.value.owner)
          note = `took over a stale lock of ${current.owner ?? 'an unknown rollout'} (last renewed ${current.renewed ?? current.since ?? 'never'})`;
      }
      try {
        const metadata = {
          resourceVersion: object.metadata.resourceVersion,
          annotations: { [LOCK_ANNOTATION]: this.annotation() },
        };
        await this.cluster.patch(this.ref, { strategy: 'merge', body: { metadata } });
        this.timer = setInterval(() => this.renew(), Math.max(1000, this.staleAfterMs / 3));
        this.timer.unref();
        return note;
      } catch (e) {
        if (e instanceof ClusterError && e.code === 409 && attempt < 2) continue;
        throw e;
      }
    }
  }

  private renew(): void {
    const body = { metadata: { annotations: { [LOCK_ANNOTATION]: this.annotation() } } };
    this.renewing = this.cluster
      .patch(this.ref, { strategy: 'merge', body })
      .then(() => undefined)
      .catch((e: unknown) => warning(`Could not renew the rollout lock: ${(e as Error).message}`));
  }

  /** Stops renewing and removes the annotation (merge patch null deletes it). */
  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
    await this.cluster.patch(this.ref, {
      strategy: 'merge',
      body: { metadata: { annotations: { [LOCK_ANNOTATION]: null } } },
    });
  }
}

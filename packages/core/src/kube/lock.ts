/**
 * The rollout lock: an annotation on the stable object, so two rollouts of one app cannot run at once. It is
 * taken with the object's resourceVersion as a precondition (the API server answers 409 if someone else wrote
 * in between) and renewed while the rollout runs, so a lock not renewed for longer than `timeout` belongs to a run
 * that died, and may be taken over. Each rollout's lock carries an id of its own: two jobs of one workflow run (a
 * matrix) share the run's name, not the id. Renewal and release write only while the lock is still this
 * rollout's, with the version they read as a precondition, so they never overwrite or remove another's.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inputError } from '../errors.ts';
import { inert, warning } from '../log.ts';
import { ClusterError, type Cluster, type ObjectRef } from './cluster.ts';
import { backoff, isTransient } from './retry.ts';

export const LOCK_ANNOTATION = 'modelgate.dev/deploy-canary-lock';

export interface LockValue {
  /** This rollout's own id: the lock is ours only when it matches. */
  id: string;
  /** Who holds it, for people: the workflow run. */
  owner: string;
  image: string;
  /** When the rollout took the lock. */
  since: string;
  /** When the holder last renewed it (absent in locks written by hand: `since` counts). */
  renewed?: string;
}

function describeHolder(current: Partial<LockValue>, owner: string): string {
  const who = current.owner === owner ? `another job of this workflow run, ${owner}` : (current.owner ?? 'unknown');
  return `${who}, image ${current.image ?? 'unknown'}`;
}

function parseLock(held: string | undefined): Partial<LockValue> | undefined {
  if (!held) return undefined;
  try {
    return JSON.parse(held) as Partial<LockValue>;
  } catch {
    // An unreadable lock is stale at once: nobody can renew it.
    return {};
  }
}

/** Attempts at a lock write that names the version it read, when another write came in between or the answer was lost. */
const CONFLICT_ATTEMPTS = 5;

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
    this.value = { id: randomUUID(), owner, image, since: new Date().toISOString() };
    this.staleAfterMs = staleAfterMs;
  }

  private annotation(): string {
    return JSON.stringify({ ...this.value, renewed: new Date().toISOString() });
  }

  /** Takes the lock; fails with a clear message while another live rollout holds it. Returns a note on takeover. */
  async acquire(): Promise<string | undefined> {
    const where = `${this.ref.resource.kind} ${this.cluster.namespace}/${this.ref.name}`;
    for (let attempt = 1; ; attempt++) {
      const object = await this.cluster.get(this.ref);
      if (!object) throw new ClusterError(`${where} disappeared before it could be locked`, 404);
      const current = parseLock(object.metadata.annotations?.[LOCK_ANNOTATION]);
      let note: string | undefined;
      // Our own lock, when the answer to our write was lost: it is taken.
      if (current?.id === this.value.id) return this.held(undefined);
      if (current) {
        const renewed = Date.parse(current.renewed ?? current.since ?? '');
        const age = Number.isNaN(renewed) ? Infinity : Date.now() - renewed;
        if (age < this.staleAfterMs)
          throw inputError(
            'name',
            `another rollout of ${this.ref.name} (${describeHolder(current, this.value.owner)}) holds the lock since ${current.since}; ` +
              `wait for it to finish. Nothing was changed. A lock not renewed for the timeout (${Math.round(this.staleAfterMs / 1000)} s) may be taken over.`,
          );
        note = `took over a stale lock of ${current.owner ?? 'an unknown rollout'} (last renewed ${current.renewed ?? current.since ?? 'never'})`;
      }
      try {
        const metadata = {
          resourceVersion: object.metadata.resourceVersion,
          annotations: { [LOCK_ANNOTATION]: this.annotation() },
        };
        await this.cluster.patch(this.ref, { strategy: 'merge', body: { metadata } });
        return this.held(note);
      } catch (e) {
        // Someone wrote in between (409: another rollout's lock, or a status update), or the answer was lost (the
        // write may have taken): read again and decide again.
        if (!isTransient(e) || attempt >= CONFLICT_ATTEMPTS) throw e;
        if (!(e instanceof ClusterError && e.code === 409)) await sleep(backoff(attempt));
      }
    }
  }

  /** The lock is ours: renew it in the background from now on. */
  private held(note: string | undefined): string | undefined {
    this.timer = setInterval(() => this.renew(), Math.max(1000, this.staleAfterMs / 3));
    this.timer.unref();
    return note;
  }

  /**
   * Writes the lock annotation (`null` removes it) only while the lock is still ours, naming the version read.
   * Returns false when it is not ours any more (taken over as stale, or removed by hand): nothing is written then.
   */
  private async writeIfOurs(annotation: string | null): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const object = await this.cluster.get(this.ref);
      if (parseLock(object?.metadata.annotations?.[LOCK_ANNOTATION])?.id !== this.value.id) return false;
      const metadata = {
        resourceVersion: object!.metadata.resourceVersion,
        annotations: { [LOCK_ANNOTATION]: annotation },
      };
      try {
        await this.cluster.patch(this.ref, { strategy: 'merge', body: { metadata } });
        return true;
      } catch (e) {
        if (e instanceof ClusterError && e.code === 409 && attempt < CONFLICT_ATTEMPTS) continue;
        throw e;
      }
    }
  }

  private renew(): void {
    this.renewing = this.writeIfOurs(this.annotation())
      .then((ours) => {
        if (ours) return;
        warning(
          `The rollout lock on ${this.ref.resource.kind} ${this.ref.name} is no longer this rollout's; not renewing it.`,
        );
        clearInterval(this.timer);
      })
      .catch((e: unknown) => warning(`Could not renew the rollout lock: ${inert((e as Error).message)}`));
  }

  /** Stops renewing and removes the annotation (merge patch null deletes it), if the lock is still ours. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
    if (!(await this.writeIfOurs(null)))
      warning(
        `The rollout lock on ${this.ref.resource.kind} ${this.ref.name} was no longer this rollout's: left as it is.`,
      );
  }
}

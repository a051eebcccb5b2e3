/** What the canary engine asks of the thing it rolls out: Deployments behind a router, or a KServe InferenceService. */

export interface RolloutTarget {
  /** Reads what exists and checks the route and names; writes nothing. False when no stable app exists yet. */
  preflight(): Promise<boolean>;
  /** Deploys the image as the first stable version and waits until it is ready. */
  createFirst(): Promise<void>;
  /** Takes the rollout lock; returns a note when a stale lock was taken over. */
  lock(): Promise<string | undefined>;
  unlock(): Promise<void>;
  /** Creates the canary (objects, or a new revision at 0%) and waits until it is ready. */
  startCanary(): Promise<void>;
  /** Sends `weight`% to the canary; returns the weight really in effect. */
  setWeight(weight: number): Promise<number>;
  /** The stable version takes the new image and all traffic; the canary is removed. */
  promote(): Promise<void>;
  /** Everything back as before: stable at 100%, the canary removed. Returns what could not be undone. */
  rollback(): Promise<string[]>;
}

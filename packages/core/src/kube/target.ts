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
  /** Mirrors stable's requests to the canary (routers that can; see TrafficRouter.startMirror). */
  startMirror?(): Promise<void>;
  /** Removes the mirror, verified by reading the route back, before any weight moves. */
  stopMirror?(): Promise<void>;
  /** Sends `weight`% to the canary; returns the weight really in effect. */
  setWeight(weight: number): Promise<number>;
  /** The stable version takes the new image and all traffic; the canary is removed. */
  promote(): Promise<void>;
  /**
   * Everything back as before: stable at 100% (written with retries until `timeout`, then read back and verified),
   * and only then the canary removed. When traffic cannot be put back on stable, the canary is left running.
   */
  rollback(): Promise<RollbackResult>;
}

export interface RollbackResult {
  /** Stable is as before the rollout and takes all the traffic: verified by reading the route back. */
  restored: boolean;
  /** What is left behind, each with what to do about it. */
  leftBehind: LeftBehind[];
}

/** Something a rollback could not undo. */
export interface LeftBehind {
  /** What is left and why, in a sentence or two. */
  what: string;
  /** The commands that finish the rollback by hand, in order. */
  commands: string[];
}

/** What the plan and the report say about a target, from names alone (a dry run has no cluster). */
export interface TargetDescription {
  /** The object the rollout lock is on: `Deployment ns/churn` or `InferenceService ns/churn`. */
  lockedObject: string;
  /** What carries the traffic split: `HTTPRoute churn`, `replica counts`, `InferenceService churn`. */
  routeObject: string;
  /** How the canary starts, a clause the plan ends with its timeout. */
  startCanary: string;
  /** What a step of weight w does, a clause. */
  setWeight: string;
  /** What happens after the last step, a sentence. */
  promote: string;
}

/** The names a target is described with. */
export interface TargetNames {
  namespace: string;
  name: string;
  image: string;
  /** The route object's name (HTTPRoute or VirtualService). */
  route: string;
}

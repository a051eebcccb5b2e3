/** What a traffic router does for a rollout; one implementation per `router` input value. */
import type { Cluster } from '../cluster.ts';

export const ROUTERS = ['gateway-api', 'istio', 'replicas', 'kserve'] as const;
export type RouterName = (typeof ROUTERS)[number];

export interface TrafficRouter {
  /** Must the canary's pods be relabelled away from the stable Service's selector? */
  readonly relabelCanary: boolean;
  /** The canary Deployment's replicas when it is created. */
  initialCanaryReplicas(stableReplicas: number): number;
  /** Reads the route object and checks it sends traffic to the stable Service; a UserError if not. Changes nothing. */
  prepare(): Promise<void>;
  /** Sends `weight`% to the canary and the rest to stable; returns the canary weight really in effect. */
  setWeight(weight: number): Promise<number>;
  /**
   * Writes the route back as it was before the rollout: stable takes all traffic, nothing refers to the canary.
   * Safe to repeat. It counts only once `checkRestored` reads it back so (see kube/restore.ts).
   */
  restore(): Promise<void>;
  /** Reads the route back: undefined when it is as before the rollout, else what differs (may wait until `deadline`). */
  checkRestored(deadline: number): Promise<string | undefined>;
  /** The object that carries the split, for messages: `HTTPRoute default/churn`. */
  readonly routeObject: string;
  /** A command a person can run to put the route back by hand, when the rollback could not. */
  manualRestore(): string;
}

/** What every router is told about the rollout. */
export interface RouteContext {
  cluster: Cluster;
  /** The route object's name (HTTPRoute or VirtualService). */
  route: string;
  stableService: string;
  canaryService: string;
  stableDeployment: string;
  canaryDeployment: string;
  timeoutMs: number;
}

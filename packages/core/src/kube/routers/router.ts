/** What a traffic router does for a rollout; one implementation per `router` input value. */
import type { Cluster } from '../cluster.ts';

export const ROUTERS = ['gateway-api', 'istio', 'replicas', 'kserve'] as const;
export type RouterName = (typeof ROUTERS)[number];

export interface TrafficRouter {
  /** The `router` input value that chose it, for messages. */
  readonly name: RouterName;
  /** Does it split traffic between a stable and a canary Service (so the stable Service must exist)? */
  readonly requiresService: boolean;
  /** Does it scale the stable Deployment down (so promotion gives it back its replicas)? */
  readonly scalesStable: boolean;
  /** Must the canary's pods be relabelled away from the stable Service's selector? */
  readonly relabelCanary: boolean;
  /** The canary Deployment's replicas when it is created. */
  initialCanaryReplicas(stableReplicas: number): number;
  /** Reads the route object and checks it sends traffic to the stable Service; a UserError if not. Changes nothing. */
  prepare(): Promise<void>;
  /**
   * Sends the canary a mirrored copy of stable's requests (its answers are dropped) while stable keeps all the
   * traffic; `restore` removes the mirror. Only routers that can mirror have it (gateway-api, istio).
   */
  startMirror?(): Promise<void>;
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

/** The names a route is described with: no cluster is needed, so a dry run describes the same plan. */
export interface RouteNames {
  namespace: string;
  /** The route object's name (HTTPRoute or VirtualService). */
  route: string;
  stable: string;
  canary: string;
}

/** What the plan and the report say about a router. */
export interface RouteDescription {
  /** What carries the traffic split, e.g. `HTTPRoute churn`, or `replica counts`. */
  routeObject: string;
  /** What a step of weight w does, a clause: `set the backendRef weights of HTTPRoute ns/churn: ...`. */
  setWeight: string;
}

/** A router implementation: it is made per rollout, and it describes itself from names alone. */
export interface RouterClass {
  new (ctx: RouteContext): TrafficRouter;
  describe(names: RouteNames): RouteDescription;
}

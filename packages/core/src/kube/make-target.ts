/**
 * The one place the `router` input chooses code: a KServe InferenceService, or Deployments behind a traffic
 * router. Adding a router is a class implementing TrafficRouter (with its static describe) and a line here.
 */
import type { Cluster } from './cluster.ts';
import { DeploymentTarget } from './deployment-target.ts';
import { KServeTarget } from './kserve.ts';
import { GatewayApiRouter } from './routers/gateway-api.ts';
import { IstioRouter } from './routers/istio.ts';
import { ReplicasRouter } from './routers/replicas.ts';
import { ServiceSelectorRouter } from './routers/service-selector.ts';
import type { RouterClass, RouterName } from './routers/router.ts';
import type { RolloutTarget, TargetDescription } from './target.ts';

const DEPLOYMENT_ROUTERS: Record<Exclude<RouterName, 'kserve'>, RouterClass> = {
  'gateway-api': GatewayApiRouter,
  istio: IstioRouter,
  replicas: ReplicasRouter,
};

export interface TargetOptions {
  namespace: string;
  name: string;
  image: string;
  container: string | undefined;
  router: RouterName;
  /** The route object's name (HTTPRoute or VirtualService). */
  route: string;
  timeoutMs: number;
  /** Who holds the rollout lock (runner/environment's runOwner). */
  owner: string;
  /** `canary` (weighted steps) or `blue-green` (green analysed on its preview, then one switch). */
  strategy?: 'canary' | 'blue-green';
}

/** A rollout target before it touches the cluster: it describes the plan, then connects to roll out. */
export interface Target {
  describe(): TargetDescription;
  connect(cluster: Cluster): RolloutTarget;
}

export function makeTarget(options: TargetOptions): Target {
  if (options.router === 'kserve') {
    return {
      describe: () => KServeTarget.describe(options),
      connect: (cluster) => new KServeTarget({ ...options, cluster }),
    };
  }
  // Blue-green without a traffic router switches the Service's selector: replica counts cannot switch at once.
  const router =
    options.strategy === 'blue-green' && options.router === 'replicas'
      ? ServiceSelectorRouter
      : DEPLOYMENT_ROUTERS[options.router];
  return {
    describe: () => DeploymentTarget.describe(options, router, options.strategy ?? 'canary'),
    connect: (cluster) => new DeploymentTarget({ ...options, cluster, router }),
  };
}

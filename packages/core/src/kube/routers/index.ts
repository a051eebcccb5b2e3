/** The router for a `router` input value. */
import { GatewayApiRouter } from './gateway-api.ts';
import { IstioRouter } from './istio.ts';
import { ReplicasRouter } from './replicas.ts';
import type { RouteContext, TrafficRouter } from './router.ts';

/** A traffic router over Deployments (kserve has its own rollout, see kube/kserve.ts). */
export function makeRouter(name: 'gateway-api' | 'istio' | 'replicas', ctx: RouteContext): TrafficRouter {
  if (name === 'gateway-api') return new GatewayApiRouter(ctx);
  if (name === 'istio') return new IstioRouter(ctx);
  return new ReplicasRouter(ctx);
}

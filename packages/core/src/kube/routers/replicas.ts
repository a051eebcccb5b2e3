/**
 * Replica router, for clusters with no traffic router: the stable Service selects both tracks' pods, so each
 * track's share of the traffic is roughly its share of the ready pods (Kubernetes' documented canary pattern,
 * https://kubernetes.io/docs/concepts/workloads/management/#canary-deployments). The weight is approximated:
 * the stable replica count N is split, keeping at least one pod on each side until 100%.
 */
import { RESOURCES } from '../cluster.ts';
import { ReadinessTimeout, waitReady } from '../readiness.ts';
import type { RouteContext, RouteDescription, RouteNames, TrafficRouter } from './router.ts';

/** Canary and stable replica counts for a weight, out of the stable Deployment's N replicas (pure). */
export function splitReplicas(total: number, weight: number): { canary: number; stable: number; weight: number } {
  const n = Math.max(1, total);
  if (weight >= 100) return { canary: n, stable: 0, weight: 100 };
  const canary = Math.min(Math.max(1, Math.round((n * weight) / 100)), Math.max(1, n - 1));
  const stable = Math.max(1, n - canary);
  return { canary, stable, weight: Math.round((canary / (canary + stable)) * 1000) / 10 };
}

export class ReplicasRouter implements TrafficRouter {
  static describe(n: RouteNames): RouteDescription {
    return {
      routeObject: 'replica counts',
      setWeight: `scale ${n.canary} and ${n.stable} so the canary has about w% of the pods`,
    };
  }

  readonly name = 'replicas';
  readonly requiresService = false;
  readonly scalesStable = true;
  readonly relabelCanary = false;
  private readonly ctx: RouteContext;
  private stableReplicas = 1;

  constructor(ctx: RouteContext) {
    this.ctx = ctx;
  }

  initialCanaryReplicas(): number {
    // No canary pod may serve before the first step: the Service would already send it a share.
    return 0;
  }

  async prepare(): Promise<void> {
    const stable = await this.ctx.cluster.get({ resource: RESOURCES.deployment, name: this.ctx.stableDeployment });
    this.stableReplicas = stable?.spec?.replicas ?? 1;
  }

  private async scale(name: string, replicas: number): Promise<void> {
    const ref = { resource: RESOURCES.deployment, name };
    await this.ctx.cluster.patch(ref, { strategy: 'merge', body: { spec: { replicas } } });
    await waitReady(this.ctx.cluster, ref, this.ctx.timeoutMs);
  }

  async setWeight(weight: number): Promise<number> {
    const split = splitReplicas(this.stableReplicas, weight);
    // Scale the canary up before the stable down, so serving capacity never drops.
    await this.scale(this.ctx.canaryDeployment, split.canary);
    await this.scale(this.ctx.stableDeployment, split.stable);
    return split.weight;
  }

  get routeObject(): string {
    return `Deployment ${this.ctx.cluster.namespace}/${this.ctx.stableDeployment} (its replica count)`;
  }

  /** Stable back to its replica count; checkRestored waits until they are ready. */
  async restore(): Promise<void> {
    const ref = { resource: RESOURCES.deployment, name: this.ctx.stableDeployment };
    await this.ctx.cluster.patch(ref, { strategy: 'merge', body: { spec: { replicas: this.stableReplicas } } });
  }

  async checkRestored(deadline: number): Promise<string | undefined> {
    const ref = { resource: RESOURCES.deployment, name: this.ctx.stableDeployment };
    const stable = await this.ctx.cluster.get(ref);
    if (!stable) return 'not found';
    const replicas = stable.spec?.replicas ?? 1;
    if (replicas !== this.stableReplicas) return `${replicas} replicas instead of ${this.stableReplicas}`;
    try {
      await waitReady(this.ctx.cluster, ref, Math.max(0, deadline - Date.now()));
      return undefined;
    } catch (e) {
      if (e instanceof ReadinessTimeout) return `not ready: ${e.message}`;
      throw e;
    }
  }

  manualRestore(): string {
    return `kubectl -n ${this.ctx.cluster.namespace} scale deployment ${this.ctx.stableDeployment} --replicas=${this.stableReplicas}`;
  }

  /** The stable replica count before the rollout, restored on promotion and rollback. */
  get originalReplicas(): number {
    return this.stableReplicas;
  }
}

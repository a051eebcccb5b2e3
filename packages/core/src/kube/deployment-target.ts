/**
 * Rolling out a Deployment: `<name>-canary` (Deployment and Service) next to the stable ones, traffic split by a
 * router, promotion by giving the stable Deployment the new image. Rollback restores the route and the stable
 * Deployment as they were and deletes the canary objects, but only once the route reads back at 100% stable: a
 * canary deleted while the route still sends it a share would drop that share of the requests.
 */
import { inputError } from '../errors.ts';
import { inert, warning } from '../log.ts';
import { RESOURCES, type Cluster, type KubeObject } from './cluster.ts';
import {
  canaryDeployment,
  canaryService,
  containerIndex,
  firstDeployment,
  MANAGED_BY,
  newVersionNames,
  selects,
  type NewVersionNames,
} from './canary-objects.ts';
import { RolloutLock } from './lock.ts';
import { waitReady } from './readiness.ts';
import { restoreVerified, RestoreFailed, type Restoration } from './restore.ts';
import { retryUntil } from './retry.ts';
import type { RouterClass, TrafficRouter } from './routers/router.ts';
import type { LeftBehind, RollbackResult, RolloutTarget, TargetDescription, TargetNames } from './target.ts';

export interface DeploymentRollout {
  cluster: Cluster;
  name: string;
  image: string;
  container: string | undefined;
  /** The traffic router (kserve has its own rollout, see kube/kserve.ts); make-target chooses it. */
  router: RouterClass;
  route: string;
  timeoutMs: number;
  owner: string;
  /** `canary` (default): `<name>-canary`; `blue-green`: `<name>-green` behind Service `<name>-preview`. */
  strategy?: 'canary' | 'blue-green';
}

export class DeploymentTarget implements RolloutTarget {
  static describe(
    n: TargetNames,
    router: RouterClass,
    strategy: 'canary' | 'blue-green' = 'canary',
  ): TargetDescription {
    const v = newVersionNames(n.name, strategy);
    const route = router.describe({ namespace: n.namespace, route: n.route, stable: n.name, canary: v.service });
    if (strategy === 'blue-green')
      return {
        ...route,
        lockedObject: `Deployment ${n.namespace}/${n.name}`,
        startCanary: `Create Deployment ${n.namespace}/${v.deployment} (image ${n.image}, stable's replica count, pods track: green) and Service ${v.service}; wait until ready`,
        promote: `After the post-switch analysis: ${n.name} takes the image, waits ready, takes all traffic back; ${v.deployment} and ${v.service} are deleted; unlock.`,
      };
    return {
      ...route,
      lockedObject: `Deployment ${n.namespace}/${n.name}`,
      startCanary: `Create Deployment ${n.namespace}/${v.deployment} (image ${n.image}, pods track: canary) and its Service; wait until ready`,
      promote: `After the last step: ${n.name} takes the image, waits ready, takes all traffic; the canary objects are deleted; unlock.`,
    };
  }

  private rolloutLock: RolloutLock | undefined;
  private readonly o: DeploymentRollout;
  private readonly router: TrafficRouter;
  private stable: KubeObject | undefined;
  private service: KubeObject | undefined;
  private container = 0;
  private leftovers = false;
  private promoting = false;
  private readonly names: NewVersionNames;

  constructor(o: DeploymentRollout) {
    this.o = o;
    this.names = newVersionNames(o.name, o.strategy ?? 'canary');
    this.router = new o.router({
      cluster: o.cluster,
      route: o.route,
      stableService: o.name,
      canaryService: this.names.service,
      stableDeployment: o.name,
      canaryDeployment: this.names.deployment,
      timeoutMs: o.timeoutMs,
    });
  }

  private deployment(name = this.o.name) {
    return { resource: RESOURCES.deployment, name };
  }

  async preflight(): Promise<boolean> {
    const { cluster, name } = this.o;
    this.stable = await cluster.get(this.deployment());
    if (!this.stable) return false;
    const index = containerIndex(this.stable, this.o.container);
    const names = ((this.stable.spec?.template?.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
    if (index === undefined)
      throw inputError(
        'container',
        `Deployment ${cluster.namespace}/${name} has no container '${this.o.container}'; it has: ${names.join(', ')}.`,
      );
    this.container = index;
    this.service = await cluster.get({ resource: RESOURCES.service, name });
    const podLabels = this.stable.spec?.template?.metadata?.labels as Record<string, string> | undefined;
    if (this.service && !selects(this.service.spec?.selector, podLabels))
      throw inputError(
        'name',
        `Service ${cluster.namespace}/${name} does not select the pods of Deployment ${name} (selector ${JSON.stringify(this.service.spec?.selector ?? {})}).`,
      );
    if (!this.service && this.router.requiresService)
      throw inputError(
        'name',
        `Service ${cluster.namespace}/${name} not found: the ${this.router.name} router splits traffic between Service ${name} (stable) and ${this.names.service} (${this.names.track}).`,
      );
    const leftover = await cluster.get(this.deployment(this.names.deployment));
    if (leftover && leftover.metadata.labels?.['app.kubernetes.io/managed-by'] !== MANAGED_BY)
      throw inputError(
        'name',
        `Deployment ${cluster.namespace}/${this.names.deployment} exists and was not made by deploy-canary; rename it or delete it.`,
      );
    this.leftovers = Boolean(leftover);
    await this.router.prepare();
    return true;
  }

  async createFirst(): Promise<void> {
    await this.o.cluster.create(RESOURCES.deployment, firstDeployment(this.o.name, this.o.image, this.o.container));
    await waitReady(this.o.cluster, this.deployment(), this.o.timeoutMs);
  }

  async lock(): Promise<string | undefined> {
    this.rolloutLock = new RolloutLock(this.o.cluster, this.deployment(), this.o.owner, this.o.image, this.o.timeoutMs);
    return this.rolloutLock.acquire();
  }

  async unlock(): Promise<void> {
    await this.rolloutLock?.release();
  }

  private restoration(): Restoration {
    return {
      what: this.router.routeObject,
      write: () => this.router.restore(),
      check: (deadline) => this.router.checkRestored(deadline),
    };
  }

  /** Deletes the canary Deployment and Service (retried until `deadline`); call only once traffic is off it. */
  private async deleteCanary(deadline: number): Promise<void> {
    const { deployment, service, track } = this.names;
    const onRetry = (e: Error) => warning(`Deleting the ${track} version failed: ${inert(e.message)}. Trying again.`);
    await retryUntil(() => this.o.cluster.delete(this.deployment(deployment)), { deadline, onRetry });
    await retryUntil(() => this.o.cluster.delete({ resource: RESOURCES.service, name: service }), {
      deadline,
      onRetry,
    });
  }

  /** Traffic back on stable, verified, then the canary deleted. RestoreFailed (canary kept) if the route stays. */
  private async retireCanary(): Promise<void> {
    const deadline = Date.now() + this.o.timeoutMs;
    await restoreVerified(this.restoration(), deadline);
    await this.deleteCanary(deadline);
  }

  async startCanary(): Promise<void> {
    const { cluster } = this.o;
    // A canary left by a run that stopped half-way (or paused): stable first takes all traffic back.
    if (this.leftovers) await this.retireCanary();
    const selector = (this.service?.spec?.selector ?? {}) as Record<string, string>;
    const relabel = this.router.relabelCanary;
    const replicas = this.router.initialCanaryReplicas(this.stable!.spec?.replicas ?? 1);
    await cluster.create(
      RESOURCES.deployment,
      canaryDeployment(this.stable!, {
        image: this.o.image,
        containerIndex: this.container,
        serviceSelector: selector,
        relabel,
        replicas,
        names: this.names,
      }),
    );
    if (this.service)
      await cluster.create(
        RESOURCES.service,
        canaryService(this.service, { serviceSelector: selector, relabel, names: this.names }),
      );
    await waitReady(cluster, this.deployment(this.names.deployment), this.o.timeoutMs);
  }

  setWeight(weight: number): Promise<number> {
    return this.router.setWeight(weight);
  }

  async startMirror(): Promise<void> {
    if (!this.router.startMirror) throw new Error(`the ${this.router.name} router cannot mirror traffic`);
    await this.router.startMirror();
  }

  async stopMirror(): Promise<void> {
    // Removing the mirror is restoring the route as before the rollout, verified by reading it back.
    await restoreVerified(this.restoration(), Date.now() + this.o.timeoutMs);
  }

  private async patchStable(image: string, replicas: number | undefined): Promise<void> {
    const containerName = this.stable!.spec.template.spec.containers[this.container].name as string;
    const spec: Record<string, unknown> = { template: { spec: { containers: [{ name: containerName, image }] } } };
    if (replicas !== undefined) spec['replicas'] = replicas;
    // Strategic merge: the container list merges by name, so other containers are left alone.
    await this.o.cluster.patch(this.deployment(), { strategy: 'strategic', body: { spec } });
  }

  async promote(): Promise<void> {
    this.promoting = true;
    const replicas = this.router.scalesStable ? (this.stable!.spec?.replicas ?? 1) : undefined;
    await this.patchStable(this.o.image, replicas);
    await waitReady(this.o.cluster, this.deployment(), this.o.timeoutMs);
    await this.retireCanary();
  }

  async rollback(): Promise<RollbackResult> {
    const { cluster, name } = this.o;
    const deadline = Date.now() + this.o.timeoutMs;
    const { deployment: canary, service: canaryServiceName } = this.names;
    const ns = cluster.namespace;
    const leftBehind: LeftBehind[] = [];
    let restored = true;
    if (this.promoting) {
      const container = this.stable!.spec.template.spec.containers[this.container];
      const oldImage = container.image as string;
      const replicas = this.stable!.spec?.replicas as number | undefined;
      try {
        await retryUntil(() => this.patchStable(oldImage, replicas), {
          deadline,
          onRetry: (e) => warning(`Restoring the stable image failed: ${inert(e.message)}. Trying again.`),
        });
      } catch (e) {
        restored = false;
        leftBehind.push({
          what: `Deployment ${ns}/${name} may run the new image: putting back ${oldImage} failed (${(e as Error).message}).`,
          commands: [`kubectl -n ${ns} set image deployment/${name} ${String(container.name)}=${oldImage}`],
        });
      }
    }
    try {
      await restoreVerified(this.restoration(), deadline);
    } catch (e) {
      if (!(e instanceof RestoreFailed)) throw e;
      // The canary stays: with the route still sending it a share, deleting it would drop those requests.
      leftBehind.push({
        what:
          `${this.router.routeObject} is not back at 100% stable (now: ${e.state}; last error: ${e.lastError}). ` +
          `${canary === canaryServiceName ? `Deployment and Service ${ns}/${canary}` : `Deployment ${ns}/${canary} and Service ${ns}/${canaryServiceName}`} are left running to serve what it still sends them. ` +
          `To finish the rollback, restore the route, check it, then delete the ${this.names.track === 'canary' ? 'canary' : 'green version and the preview'}.`,
        commands: [
          this.router.manualRestore(),
          `kubectl -n ${ns} delete deployment/${canary} service/${canaryServiceName}`,
        ],
      });
      return { restored: false, leftBehind };
    }
    try {
      await this.deleteCanary(deadline);
    } catch (e) {
      // Traffic is off the canary: what is left costs resources, not requests; the next rollout removes it too.
      leftBehind.push({
        what: `The ${this.names.track} version ${ns}/${canary} could not be deleted (${(e as Error).message}); it receives no traffic.`,
        commands: [`kubectl -n ${ns} delete deployment/${canary} service/${canaryServiceName} --ignore-not-found`],
      });
    }
    return { restored, leftBehind };
  }
}

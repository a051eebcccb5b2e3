/**
 * Blue-green without a traffic router (`router: replicas`, `strategy: blue-green`): the classic Kubernetes switch.
 * The green pods are relabelled away from Service `<name>`'s selector, so users stay on stable while green is
 * analysed through `<name>-preview`; the switch points Service `<name>`'s selector at the green pods (all traffic
 * at once), and restoring puts the selector back. A JSON patch tests the selector it replaces, so a concurrent
 * edit fails instead of being overwritten.
 */
import { inputError } from '../../errors.ts';
import { RESOURCES } from '../cluster.ts';
import type { RouteContext, RouteDescription, RouteNames, TrafficRouter } from './router.ts';

type Selector = Record<string, string>;

export class ServiceSelectorRouter implements TrafficRouter {
  static describe(n: RouteNames): RouteDescription {
    return {
      routeObject: `Service ${n.stable} (its selector)`,
      setWeight: `point the selector of Service ${n.namespace}/${n.stable} at the pods of ${n.canary}`,
    };
  }

  readonly name = 'replicas';
  readonly requiresService = true;
  readonly scalesStable = false;
  readonly relabelCanary = true;
  private readonly ctx: RouteContext;
  private original: Selector = {};

  constructor(ctx: RouteContext) {
    this.ctx = ctx;
  }

  initialCanaryReplicas(stableReplicas: number): number {
    return stableReplicas;
  }

  private ref(name = this.ctx.stableService) {
    return { resource: RESOURCES.service, name };
  }

  get routeObject(): string {
    return `Service ${this.ctx.cluster.namespace}/${this.ctx.stableService} (its selector)`;
  }

  async prepare(): Promise<void> {
    const service = await this.ctx.cluster.get(this.ref());
    const selector = service?.spec?.selector as Selector | undefined;
    if (!service || !selector || Object.keys(selector).length === 0)
      throw inputError(
        'name',
        `blue-green with the replicas router switches the selector of Service ${this.ctx.cluster.namespace}/${this.ctx.stableService}, which ${service ? 'has no selector' : 'does not exist'}.`,
      );
    this.original = selector;
  }

  private async writeSelector(selector: Selector): Promise<void> {
    await this.ctx.cluster.patch(this.ref(), {
      strategy: 'json',
      body: [{ op: 'replace', path: '/spec/selector', value: selector }],
    });
  }

  /** 100 switches Service `<name>` to the green pods (the preview Service's selector); below 100 is stable. */
  async setWeight(weight: number): Promise<number> {
    if (weight < 100) {
      await this.restore();
      return 0;
    }
    const preview = await this.ctx.cluster.get(this.ref(this.ctx.canaryService));
    const selector = preview?.spec?.selector as Selector | undefined;
    if (!selector) throw inputError('name', `Service ${this.ctx.canaryService} has no selector to switch to.`);
    await this.writeSelector(selector);
    return 100;
  }

  async restore(): Promise<void> {
    await this.writeSelector(this.original);
  }

  async checkRestored(): Promise<string | undefined> {
    const service = await this.ctx.cluster.get(this.ref());
    if (!service) return 'not found';
    const now = (service.spec?.selector ?? {}) as Selector;
    const same = (a: Selector, b: Selector) =>
      Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
    return same(now, this.original) ? undefined : `selecting ${JSON.stringify(now)}`;
  }

  manualRestore(): string {
    const ops = JSON.stringify([{ op: 'replace', path: '/spec/selector', value: this.original }]);
    return `kubectl -n ${this.ctx.cluster.namespace} patch service ${this.ctx.stableService} --type=json -p '${ops}'`;
  }
}

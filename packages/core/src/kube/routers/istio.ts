/**
 * Istio router: the VirtualService's HTTP routes whose destination is the stable Service get a second
 * destination, the canary Service, and `weight`s that add up to 100
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination). Hosts may be
 * short (`churn`) or qualified (`churn.default.svc.cluster.local`); the canary host keeps the same form.
 */
import { inputError } from '../../errors.ts';
import { RESOURCES, type KubeObject } from '../cluster.ts';
import type { RouteContext, RouteDescription, RouteNames, TrafficRouter } from './router.ts';

interface Destination {
  destination: { host: string; subset?: string; port?: { number: number } };
  weight?: number;
  [key: string]: unknown;
}

/** Is `host` the Service `service` of `namespace`, in any of the forms Kubernetes DNS accepts? */
function isHost(host: string, service: string, namespace: string): boolean {
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ].includes(host);
}

export class IstioRouter implements TrafficRouter {
  static describe(n: RouteNames): RouteDescription {
    return {
      routeObject: `VirtualService ${n.route}`,
      setWeight: `set the route weights of VirtualService ${n.namespace}/${n.route}: ${n.stable} 100−w, ${n.canary} w`,
    };
  }

  readonly name = 'istio';
  readonly requiresService = true;
  readonly scalesStable = false;
  readonly relabelCanary = true;
  private readonly ctx: RouteContext;
  private original = new Map<number, Destination[]>();

  constructor(ctx: RouteContext) {
    this.ctx = ctx;
  }

  initialCanaryReplicas(stableReplicas: number): number {
    return stableReplicas;
  }

  private ref() {
    return { resource: RESOURCES.virtualService, name: this.ctx.route };
  }

  get routeObject(): string {
    return `VirtualService ${this.ctx.cluster.namespace}/${this.ctx.route}`;
  }

  private isStable(d: Destination): boolean {
    return isHost(d.destination.host, this.ctx.stableService, this.ctx.cluster.namespace);
  }

  async prepare(): Promise<void> {
    const service = await this.ctx.cluster.get(this.ref());
    const where = `VirtualService ${this.ctx.cluster.namespace}/${this.ctx.route}`;
    if (!service)
      throw inputError(
        'route',
        `${where} not found: give the name of the VirtualService that routes to Service ${this.ctx.stableService}.`,
      );
    this.original = routesFor(
      service,
      (d) => this.isStable(d),
      (d) => isHost(d.destination.host, this.ctx.canaryService, this.ctx.cluster.namespace),
    );
    if (this.original.size === 0)
      throw inputError(
        'route',
        `${where} has no http route with a destination host ${this.ctx.stableService}: expected one to split traffic on.`,
      );
  }

  private async write(routeFor: (route: Destination[]) => Destination[]): Promise<void> {
    await this.ctx.cluster.patch(this.ref(), { strategy: 'json', body: this.ops(routeFor) });
  }

  /** A JSON patch per http route: test that it still has the stable destination, then replace its destinations. */
  private ops(routeFor: (route: Destination[]) => Destination[]): unknown[] {
    const ops: unknown[] = [];
    for (const [index, route] of this.original) {
      const stableAt = route.findIndex((d) => this.isStable(d));
      ops.push({
        op: 'test',
        path: `/spec/http/${index}/route/${stableAt}/destination/host`,
        value: route[stableAt]!.destination.host,
      });
      ops.push({ op: 'replace', path: `/spec/http/${index}/route`, value: routeFor(route) });
    }
    return ops;
  }

  async setWeight(weight: number): Promise<number> {
    await this.write((route) => {
      const stable = route.find((d) => this.isStable(d))!;
      const others = route.filter((d) => d !== stable);
      // Istio requires the weights of a route to add up to 100: other destinations keep theirs, stable's share is split.
      const stableShare = stable.weight ?? (others.length ? 0 : 100);
      const canaryWeight = Math.round((stableShare * weight) / 100);
      const host = stable.destination.host.replace(this.ctx.stableService, this.ctx.canaryService);
      return [
        ...route.map((d) => (d === stable ? { ...d, weight: stableShare - canaryWeight } : d)),
        { ...stable, destination: { ...stable.destination, host }, weight: canaryWeight },
      ];
    });
    return weight;
  }

  async restore(): Promise<void> {
    await this.write((route) => route);
  }

  async checkRestored(): Promise<string | undefined> {
    const service = await this.ctx.cluster.get(this.ref());
    if (!service) return 'not found';
    const http = (service.spec?.http ?? []) as { route?: Destination[] }[];
    for (const [index, route] of this.original) {
      const now = http[index]?.route ?? [];
      if (JSON.stringify(normalRoute(now)) !== JSON.stringify(normalRoute(route)))
        return `http route ${index} sending to ${now.map((d) => `${d.destination.host}=${d.weight ?? 100}`).join(', ') || 'nothing'}`;
    }
    return undefined;
  }

  manualRestore(): string {
    const ops = JSON.stringify(this.ops((route) => route));
    return `kubectl -n ${this.ctx.cluster.namespace} patch virtualservice ${this.ctx.route} --type=json -p '${ops}'`;
  }
}

/** Destinations with Istio's defaults filled in (a lone destination without a weight takes 100), to compare. */
function normalRoute(route: Destination[]): unknown[] {
  return route.map((d) => ({
    ...d,
    destination: { ...d.destination, port: d.destination.port?.number },
    weight: d.weight ?? (route.length === 1 ? 100 : 0),
  }));
}

function routesFor(
  service: KubeObject,
  isStable: (d: Destination) => boolean,
  isCanary: (d: Destination) => boolean,
): Map<number, Destination[]> {
  const http = (service.spec?.http ?? []) as { route?: Destination[] }[];
  const found = new Map<number, Destination[]>();
  http.forEach((rule, index) => {
    const route = rule.route ?? [];
    if (!route.some(isStable)) return;
    const kept = route.filter((d) => !isCanary(d));
    // A canary left by a paused or crashed run: with it gone, a lone stable destination takes all traffic, as before.
    if (kept.length < route.length && kept.length === 1) delete kept[0]!.weight;
    found.set(index, kept);
  });
  return found;
}

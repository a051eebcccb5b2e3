/**
 * Istio router: the VirtualService's HTTP routes whose destination is the stable Service get a second
 * destination, the canary Service, and `weight`s that add up to 100
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination). Hosts may be
 * short (`churn`) or qualified (`churn.default.svc.cluster.local`); the canary host keeps the same form.
 * Mirroring sets those routes' `mirror` (the canary host) and `mirrorPercentage` 100; restoring removes both.
 */
import { inputError } from '../../errors.ts';
import { RESOURCES, type KubeObject } from '../cluster.ts';
import type { RouteContext, RouteDescription, RouteNames, TrafficRouter } from './router.ts';

interface Destination {
  destination: { host: string; subset?: string; port?: { number: number } };
  weight?: number;
  [key: string]: unknown;
}

interface HttpRoute {
  route?: Destination[];
  mirror?: { host: string; port?: { number: number } };
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
  /** Has a mirror been written (so restoring must remove it)? */
  private mirrored = false;

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
    const http = (service.spec?.http ?? []) as HttpRoute[];
    for (const index of this.original.keys()) {
      const mirror = http[index]?.mirror;
      if (!mirror) continue;
      // A mirror to the canary left by a crashed run is removed on restore; any other mirror is the user's.
      if (isHost(mirror.host, this.ctx.canaryService, this.ctx.cluster.namespace)) this.mirrored = true;
      else this.userMirror = `http route ${index} already mirrors to ${mirror.host}`;
    }
  }

  /** Why this route cannot take deploy-canary's mirror (it has one of its own), if so. */
  private userMirror: string | undefined;

  async startMirror(): Promise<void> {
    if (this.userMirror)
      throw inputError(
        'mirror',
        `VirtualService ${this.ctx.cluster.namespace}/${this.ctx.route}: ${this.userMirror}; Istio's mirror field holds one destination, so deploy-canary will not replace it.`,
      );
    this.mirrored = true;
    const ops: unknown[] = [];
    for (const [index, route] of this.original) {
      const stable = route.find((d) => this.isStable(d))!;
      const host = stable.destination.host.replace(this.ctx.stableService, this.ctx.canaryService);
      const port = stable.destination.port;
      ops.push(
        {
          op: 'test',
          path: `/spec/http/${index}/route/${route.indexOf(stable)}/destination/host`,
          value: stable.destination.host,
        },
        { op: 'add', path: `/spec/http/${index}/mirror`, value: port ? { host, port } : { host } },
        { op: 'add', path: `/spec/http/${index}/mirrorPercentage`, value: { value: 100 } },
      );
    }
    await this.ctx.cluster.patch(this.ref(), { strategy: 'json', body: ops });
  }

  private async write(routeFor: (route: Destination[]) => Destination[], restoring = false): Promise<void> {
    await this.ctx.cluster.patch(this.ref(), { strategy: 'json', body: this.ops(routeFor, restoring) });
  }

  /** A JSON patch per http route: test that it still has the stable destination, then replace its destinations. */
  private ops(routeFor: (route: Destination[]) => Destination[], restoring = false): unknown[] {
    const ops: unknown[] = [];
    for (const [index, route] of this.original) {
      const stableAt = route.findIndex((d) => this.isStable(d));
      ops.push({
        op: 'test',
        path: `/spec/http/${index}/route/${stableAt}/destination/host`,
        value: route[stableAt]!.destination.host,
      });
      ops.push({ op: 'replace', path: `/spec/http/${index}/route`, value: routeFor(route) });
      if (this.mirrored && restoring)
        for (const field of ['mirror', 'mirrorPercentage']) {
          const path = `/spec/http/${index}/${field}`;
          // `add` first makes the member exist, so the `remove` cannot fail when it is already gone.
          ops.push({ op: 'add', path, value: {} }, { op: 'remove', path });
        }
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
    await this.write((route) => route, true);
  }

  async checkRestored(): Promise<string | undefined> {
    const service = await this.ctx.cluster.get(this.ref());
    if (!service) return 'not found';
    const http = (service.spec?.http ?? []) as HttpRoute[];
    for (const [index, route] of this.original) {
      const now = http[index]?.route ?? [];
      if (JSON.stringify(normalRoute(now)) !== JSON.stringify(normalRoute(route)))
        return `http route ${index} sending to ${now.map((d) => `${d.destination.host}=${d.weight ?? 100}`).join(', ') || 'nothing'}`;
      const mirror = http[index]?.mirror;
      if (mirror && isHost(mirror.host, this.ctx.canaryService, this.ctx.cluster.namespace))
        return `http route ${index} still mirroring to ${mirror.host}`;
    }
    return undefined;
  }

  manualRestore(): string {
    const ops = JSON.stringify(this.ops((route) => route, true));
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
  const http = (service.spec?.http ?? []) as HttpRoute[];
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

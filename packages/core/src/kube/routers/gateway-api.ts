/**
 * Gateway API router: the HTTPRoute's rules that send traffic to the stable Service get a second backendRef,
 * the canary Service, and the two share the traffic by `weight`
 * (https://gateway-api.sigs.k8s.io/guides/traffic-splitting/). Changes are JSON patches that first `test` that the
 * rule still refers to the stable Service, so a concurrent edit of the route fails instead of being overwritten.
 * Mirroring adds a `RequestMirror` filter to those rules, sending the canary Service a copy of every request
 * (https://gateway-api.sigs.k8s.io/guides/http-request-mirroring/); restoring puts the rules' filters back too.
 */
import { inputError } from '../../errors.ts';
import { RESOURCES, type KubeObject } from '../cluster.ts';
import type { RouteContext, RouteDescription, RouteNames, TrafficRouter } from './router.ts';

interface BackendRef {
  name: string;
  group?: string;
  kind?: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

interface Filter {
  type: string;
  requestMirror?: { backendRef: BackendRef };
  [key: string]: unknown;
}

interface Rule {
  backendRefs?: BackendRef[];
  filters?: Filter[];
}

/** Is this filter the mirror to `service` that deploy-canary adds? */
function mirrorsTo(filter: Filter, service: string): boolean {
  return (
    filter.type === 'RequestMirror' &&
    filter.requestMirror !== undefined &&
    isService(filter.requestMirror.backendRef, service)
  );
}

function isService(ref: BackendRef, name: string): boolean {
  return ref.name === name && (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service';
}

export class GatewayApiRouter implements TrafficRouter {
  static describe(n: RouteNames): RouteDescription {
    return {
      routeObject: `HTTPRoute ${n.route}`,
      setWeight: `set the backendRef weights of HTTPRoute ${n.namespace}/${n.route}: ${n.stable} 100−w, ${n.canary} w`,
    };
  }

  readonly name = 'gateway-api';
  readonly requiresService = true;
  readonly scalesStable = false;
  readonly relabelCanary = true;
  private readonly ctx: RouteContext;
  /** rule index -> the rule's backendRefs before the rollout. */
  private original = new Map<number, BackendRef[]>();
  /** rule index -> the rule's filters before the rollout (undefined: it had none). */
  private originalFilters = new Map<number, Filter[] | undefined>();
  /** Has a mirror been written (so a manual restore must remove it)? */
  private mirrored = false;

  constructor(ctx: RouteContext) {
    this.ctx = ctx;
  }

  initialCanaryReplicas(stableReplicas: number): number {
    return stableReplicas;
  }

  private ref() {
    return { resource: RESOURCES.httpRoute, name: this.ctx.route };
  }

  get routeObject(): string {
    return `HTTPRoute ${this.ctx.cluster.namespace}/${this.ctx.route}`;
  }

  async prepare(): Promise<void> {
    const route = await this.ctx.cluster.get(this.ref());
    const where = `HTTPRoute ${this.ctx.cluster.namespace}/${this.ctx.route}`;
    if (!route)
      throw inputError(
        'route',
        `${where} not found: give the name of the HTTPRoute that sends traffic to Service ${this.ctx.stableService}.`,
      );
    this.original = rulesFor(route, this.ctx.stableService, this.ctx.canaryService);
    const rules = (route.spec?.rules ?? []) as Rule[];
    for (const index of this.original.keys()) {
      const filters = rules[index]?.filters;
      // A mirror left by a crashed run is not part of the route as it was.
      const kept = filters?.filter((f) => !mirrorsTo(f, this.ctx.canaryService));
      this.originalFilters.set(index, kept && (kept.length || filters!.length === 0) ? kept : undefined);
      if (kept && kept.length < filters!.length) this.mirrored = true;
    }
    if (this.original.size === 0)
      throw inputError(
        'route',
        `${where} has no rule with a backendRef to Service ${this.ctx.stableService}: expected one to split traffic on.`,
      );
  }

  private async write(
    refsFor: (refs: BackendRef[]) => BackendRef[],
    filtersFor?: (index: number) => Filter[] | undefined,
  ): Promise<void> {
    await this.ctx.cluster.patch(this.ref(), { strategy: 'json', body: this.ops(refsFor, filtersFor) });
  }

  /**
   * A JSON patch per rule: test that the rule still refers to the stable Service, then replace its backendRefs
   * and, with `filtersFor`, its filters (undefined removes them; `add` replaces a member that exists).
   */
  private ops(
    refsFor: (refs: BackendRef[]) => BackendRef[],
    filtersFor?: (index: number) => Filter[] | undefined,
  ): unknown[] {
    const ops: unknown[] = [];
    for (const [index, refs] of this.original) {
      const stableAt = refs.findIndex((r) => isService(r, this.ctx.stableService));
      ops.push({
        op: 'test',
        path: `/spec/rules/${index}/backendRefs/${stableAt}/name`,
        value: this.ctx.stableService,
      });
      ops.push({ op: 'replace', path: `/spec/rules/${index}/backendRefs`, value: refsFor(refs) });
      if (filtersFor) {
        const filters = filtersFor(index);
        const path = `/spec/rules/${index}/filters`;
        // `add` with [] first makes the member exist, so the `remove` cannot fail on a rule without filters.
        if (filters === undefined) ops.push({ op: 'add', path, value: [] }, { op: 'remove', path });
        else ops.push({ op: 'add', path, value: filters });
      }
    }
    return ops;
  }

  /** The mirror filter: a copy of each request to the canary Service, on stable's port. */
  private mirrorFilter(refs: BackendRef[]): Filter {
    const stable = refs.find((r) => isService(r, this.ctx.stableService))!;
    const backendRef: BackendRef = { name: this.ctx.canaryService };
    if (stable.port !== undefined) backendRef.port = stable.port;
    return { type: 'RequestMirror', requestMirror: { backendRef } };
  }

  async startMirror(): Promise<void> {
    this.mirrored = true;
    await this.write(
      (refs) => refs,
      (index) => [...(this.originalFilters.get(index) ?? []), this.mirrorFilter(this.original.get(index)!)],
    );
  }

  private restoreFilters(): ((index: number) => Filter[] | undefined) | undefined {
    return this.mirrored ? (index) => this.originalFilters.get(index) : undefined;
  }

  async setWeight(weight: number): Promise<number> {
    await this.write((refs) => {
      const out = refs.map((r) => (isService(r, this.ctx.stableService) ? { ...r, weight: 100 - weight } : r));
      const stable = refs.find((r) => isService(r, this.ctx.stableService))!;
      out.push({ ...stable, name: this.ctx.canaryService, weight });
      return out;
    });
    return weight;
  }

  async restore(): Promise<void> {
    await this.write((refs) => refs, this.restoreFilters());
  }

  async checkRestored(): Promise<string | undefined> {
    const route = await this.ctx.cluster.get(this.ref());
    if (!route) return 'not found';
    const rules = (route.spec?.rules ?? []) as Rule[];
    for (const [index, refs] of this.original) {
      const now = rules[index]?.backendRefs ?? [];
      if (JSON.stringify(now.map(normalRef)) !== JSON.stringify(refs.map(normalRef)))
        return `rule ${index} sending to ${now.map((r) => `${r.name}=${r.weight ?? 1}`).join(', ') || 'nothing'}`;
      if (rules[index]?.filters?.some((f) => mirrorsTo(f, this.ctx.canaryService)))
        return `rule ${index} still mirroring to ${this.ctx.canaryService}`;
    }
    return undefined;
  }

  manualRestore(): string {
    const ops = JSON.stringify(this.ops((refs) => refs, this.restoreFilters()));
    return `kubectl -n ${this.ctx.cluster.namespace} patch httproute ${this.ctx.route} --type=json -p '${ops}'`;
  }
}

/** A backendRef with the API server's defaults filled in, to compare what was written with what reads back. */
function normalRef(ref: BackendRef): unknown[] {
  return [ref.group ?? '', ref.kind ?? 'Service', ref.namespace ?? '', ref.name, ref.port ?? 0, ref.weight ?? 1];
}

/** The rules that reference the stable Service, with their backendRefs minus any canary left from a crashed run. */
function rulesFor(route: KubeObject, stable: string, canary: string): Map<number, BackendRef[]> {
  const rules = (route.spec?.rules ?? []) as Rule[];
  const found = new Map<number, BackendRef[]>();
  rules.forEach((rule, index) => {
    const refs = rule.backendRefs ?? [];
    if (!refs.some((r) => isService(r, stable))) return;
    const kept = refs.filter((r) => !isService(r, canary));
    // A canary left by a paused or crashed run: with it gone, a lone stable backend takes all traffic, as before.
    if (kept.length < refs.length && kept.length === 1) delete kept[0]!.weight;
    found.set(index, kept);
  });
  return found;
}

/**
 * The canary's Deployment and Service, built from the stable ones (pure). The canary's pods carry
 * `track: canary`; with a traffic router they are also relabelled so the stable Service's selector does not
 * match them (each of its selector's labels gets a `-canary` value), or the stable Service would send the
 * canary traffic too and the weights would not be exact. With the `replicas` router the stable Service must
 * match them: that is how they get their share, as in Kubernetes' documented canary pattern.
 */
import type { KubeObject } from './cluster.ts';

export const MANAGED_BY = 'modelgate-deploy-canary';
export const CANARY_OF = 'modelgate.dev/canary-of';

/** `<name>-canary`, the name of the canary Deployment and Service. */
export function canaryName(name: string): string {
  return `${name}-canary`;
}

/**
 * What the new version's objects are called: a canary is Deployment and Service `<name>-canary`, pods
 * `track: canary`; blue-green's is Deployment `<name>-green`, pods `track: green`, behind Service `<name>-preview`.
 */
export interface NewVersionNames {
  deployment: string;
  service: string;
  track: 'canary' | 'green';
}

export function newVersionNames(name: string, strategy: 'canary' | 'blue-green'): NewVersionNames {
  return strategy === 'blue-green'
    ? { deployment: `${name}-green`, service: `${name}-preview`, track: 'green' }
    : { deployment: canaryName(name), service: canaryName(name), track: 'canary' };
}

/** A label value with `-canary` (or `-green`) appended, within the 63 characters Kubernetes allows, ending alphanumeric. */
export function canaryLabelValue(value: string, track: 'canary' | 'green' = 'canary'): string {
  return `${value.slice(0, 62 - track.length).replace(/[^A-Za-z0-9]+$/, '')}-${track}`;
}

function relabel(labels: Record<string, string>, keys: string[], track: 'canary' | 'green'): Record<string, string> {
  const out: Record<string, string> = { ...labels };
  for (const key of keys) if (key in out) out[key] = canaryLabelValue(out[key]!, track);
  return { ...out, track };
}

/** The index of the container to update: the named one, else the first. Undefined when the name is unknown. */
export function containerIndex(deployment: KubeObject, container: string | undefined): number | undefined {
  const containers = (deployment.spec?.template?.spec?.containers ?? []) as { name: string }[];
  if (!container) return containers.length ? 0 : undefined;
  const index = containers.findIndex((c) => c.name === container);
  return index >= 0 ? index : undefined;
}

export interface CanaryOptions {
  image: string;
  containerIndex: number;
  /** The stable Service's selector: its keys are relabelled (traffic routers), or kept (replicas). */
  serviceSelector: Record<string, string>;
  relabel: boolean;
  replicas: number;
  /** Default: the canary's names. */
  names?: NewVersionNames;
}

/** The canary Deployment: a copy of the stable one with the new image, its own selector and `track: canary` pods. */
export function canaryDeployment(stable: KubeObject, o: CanaryOptions): KubeObject {
  const names = o.names ?? newVersionNames(stable.metadata.name, 'canary');
  const name = names.deployment;
  const keys = o.relabel ? Object.keys(o.serviceSelector) : [];
  const spec = structuredClone(stable.spec);
  const podLabels = relabel(spec.template?.metadata?.labels ?? {}, keys, names.track);
  spec.replicas = o.replicas;
  spec.selector = { matchLabels: relabel(spec.selector?.matchLabels ?? {}, keys, names.track) };
  spec.template.metadata = { ...spec.template.metadata, labels: podLabels };
  spec.template.spec.containers[o.containerIndex].image = o.image;
  return {
    metadata: {
      name,
      labels: { ...(stable.metadata.labels ?? {}), track: names.track, 'app.kubernetes.io/managed-by': MANAGED_BY },
      annotations: { [CANARY_OF]: stable.metadata.name },
    },
    spec,
  };
}

/** The canary Service: the stable Service's ports, selecting the canary pods only. */
export function canaryService(
  stableService: KubeObject,
  o: Pick<CanaryOptions, 'serviceSelector' | 'relabel' | 'names'>,
): KubeObject {
  const names = o.names ?? newVersionNames(stableService.metadata.name, 'canary');
  const ports = ((stableService.spec?.ports ?? []) as Record<string, unknown>[]).map(
    ({ nodePort: _n, ...port }) => port,
  );
  const keys = o.relabel ? Object.keys(o.serviceSelector) : [];
  return {
    metadata: {
      name: names.service,
      labels: { 'app.kubernetes.io/managed-by': MANAGED_BY },
      annotations: { [CANARY_OF]: stableService.metadata.name },
    },
    spec: { type: 'ClusterIP', ports, selector: relabel(o.serviceSelector, keys, names.track) },
  };
}

/** A first stable Deployment, for an app that has none yet: one replica of the image, pods `app: <name>, track: stable`. */
export function firstDeployment(name: string, image: string, container: string | undefined): KubeObject {
  const labels = { app: name, track: 'stable' };
  return {
    metadata: { name, labels: { app: name, 'app.kubernetes.io/managed-by': MANAGED_BY } },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: container || name, image }] } },
    },
  };
}

/** Does a selector select pods with these labels (every selector label present with its value)? */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

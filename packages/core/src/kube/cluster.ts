/**
 * The few Kubernetes operations deploy-canary needs, on plain JSON objects, over @kubernetes/client-node's typed
 * APIs (Deployments, Services) and CustomObjectsApi (HTTPRoute, VirtualService, InferenceService). A 404 on read
 * is `undefined`; any other API failure is a ClusterError naming the object and the server's message.
 */
import type { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

/** The client library, loaded by Cluster.connect (a dry run never loads it). */
type Client = typeof import('@kubernetes/client-node');

/**
 * Open JSON: the spec and status of several kinds in several API versions (the API server, not this code, owns
 * their schemas; the stand-in validates them against the published ones).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type OpenJson = any;

/** A Kubernetes object as JSON. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: KubeMetadata;
  spec?: OpenJson;
  status?: OpenJson;
};
export interface KubeMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  generation?: number;
  [key: string]: unknown;
}

/** Which object: its resource type and name. */
export interface ObjectRef {
  resource: Resource;
  name: string;
}

/** The resource types deploy-canary reads and writes. */
export const RESOURCES = {
  deployment: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment' },
  service: { group: '', version: 'v1', plural: 'services', kind: 'Service' },
  httpRoute: { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', kind: 'HTTPRoute' },
  virtualService: {
    group: 'networking.istio.io',
    version: 'v1beta1',
    plural: 'virtualservices',
    kind: 'VirtualService',
  },
  inferenceService: {
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
    kind: 'InferenceService',
  },
} as const;
export type Resource = (typeof RESOURCES)[keyof typeof RESOURCES];

export type Patch = { strategy: 'merge' | 'strategic' | 'json'; body: unknown };

/** An API call that failed: `code` is the HTTP status (0 when the server could not be reached). */
export class ClusterError extends Error {
  readonly code: number;
  constructor(message: string, code: number) {
    super(message);
    this.name = 'ClusterError';
    this.code = code;
  }
}

/** The Content-Type of each kind of patch. */
function strategy(client: Client, kind: Patch['strategy']): string {
  return {
    merge: client.PatchStrategy.MergePatch,
    strategic: client.PatchStrategy.StrategicMergePatch,
    json: client.PatchStrategy.JsonPatch,
  }[kind];
}

function describe(ref: { resource: Resource; name: string }, namespace: string): string {
  return `${ref.resource.kind} ${namespace}/${ref.name}`;
}

function plain(object: unknown): KubeObject {
  return JSON.parse(JSON.stringify(object)) as KubeObject;
}

/** Wraps a client-node failure: the server's Status message when there is one, else the network error. */
function wrap(e: unknown, what: string): ClusterError {
  const err = e as { code?: unknown; body?: unknown; message?: string; cause?: { message?: string } };
  if (typeof err.code === 'number') {
    let message: string;
    try {
      const body = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
      message = (body as { message?: string })?.message ?? '';
    } catch {
      message = String(err.body ?? '');
    }
    return new ClusterError(`${what}: HTTP ${err.code}${message ? `: ${message}` : ''}`, err.code);
  }
  return new ClusterError(`${what}: ${err.cause?.message ?? err.message ?? String(e)}`, 0);
}

/** The cluster operations, bound to one namespace. */
export class Cluster {
  readonly namespace: string;
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly client: Client;

  private constructor(client: Client, config: KubeConfig, namespace: string) {
    this.client = client;
    this.namespace = namespace;
    this.apps = config.makeApiClient(client.AppsV1Api);
    this.core = config.makeApiClient(client.CoreV1Api);
    this.custom = config.makeApiClient(client.CustomObjectsApi);
  }

  /** The operations on `namespace` of the cluster `config` names (loading the client library on first use). */
  static async connect(config: KubeConfig, namespace: string): Promise<Cluster> {
    return new Cluster(await import('@kubernetes/client-node'), config, namespace);
  }

  private params(ref: { resource: Resource }) {
    const { group, version, plural } = ref.resource;
    return { group, version, plural, namespace: this.namespace };
  }

  /** Reads an object; `undefined` when it does not exist. */
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const { name } = ref;
    const namespace = this.namespace;
    try {
      if (ref.resource.kind === 'Deployment')
        return plain(await this.apps.readNamespacedDeployment({ name, namespace }));
      if (ref.resource.kind === 'Service') return plain(await this.core.readNamespacedService({ name, namespace }));
      return plain(await this.custom.getNamespacedCustomObject({ ...this.params(ref), name }));
    } catch (e) {
      const err = wrap(e, `reading ${describe(ref, namespace)}`);
      if (err.code === 404) return undefined;
      throw err;
    }
  }

  /** Creates an object. */
  async create(resource: Resource, body: KubeObject): Promise<KubeObject> {
    const namespace = this.namespace;
    const object = {
      ...body,
      apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
      kind: resource.kind,
    };
    try {
      if (resource.kind === 'Deployment')
        return plain(await this.apps.createNamespacedDeployment({ namespace, body: object as never }));
      if (resource.kind === 'Service')
        return plain(await this.core.createNamespacedService({ namespace, body: object as never }));
      return plain(await this.custom.createNamespacedCustomObject({ ...this.params({ resource }), body: object }));
    } catch (e) {
      throw wrap(e, `creating ${describe({ resource, name: body.metadata.name }, namespace)}`);
    }
  }

  /** Patches an object with a merge, strategic-merge or JSON patch. */
  async patch(ref: ObjectRef, patch: Patch): Promise<KubeObject> {
    const { name } = ref;
    const namespace = this.namespace;
    const options = this.client.setHeaderOptions('Content-Type', strategy(this.client, patch.strategy));
    const body = patch.body as never;
    try {
      if (ref.resource.kind === 'Deployment')
        return plain(await this.apps.patchNamespacedDeployment({ name, namespace, body }, options));
      if (ref.resource.kind === 'Service')
        return plain(await this.core.patchNamespacedService({ name, namespace, body }, options));
      return plain(await this.custom.patchNamespacedCustomObject({ ...this.params(ref), name, body }, options));
    } catch (e) {
      throw wrap(e, `patching ${describe(ref, namespace)}`);
    }
  }

  /** Deletes an object; one that is already gone is fine. */
  async delete(ref: ObjectRef): Promise<void> {
    const { name } = ref;
    const namespace = this.namespace;
    try {
      if (ref.resource.kind === 'Deployment') await this.apps.deleteNamespacedDeployment({ name, namespace });
      else if (ref.resource.kind === 'Service') await this.core.deleteNamespacedService({ name, namespace });
      else await this.custom.deleteNamespacedCustomObject({ ...this.params(ref), name });
    } catch (e) {
      const err = wrap(e, `deleting ${describe(ref, namespace)}`);
      if (err.code !== 404) throw err;
    }
  }
}

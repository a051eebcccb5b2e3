/**
 * A loopback stand-in for the Kubernetes API server (node:http on 127.0.0.1) serving the resources deploy-canary
 * uses. It answers like the API server (Status bodies, 404/409/422 reasons, resourceVersion preconditions on
 * PATCH and PUT, a new resourceVersion on every write), validates every write against the published schema, logs
 * every request with the client that made it, and fails or holds requests on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonPatch, mergePatch, strategicMergePatch, PatchError, type Json, type JsonObject } from './patch.ts';
import { RESOURCE_TYPES, apiVersionOf, matchPath, type ResourceType } from './resources.ts';
import { ObjectStore } from './store.ts';

export interface WriteRecord {
  method: string;
  path: string;
  contentType: string;
  body: Json;
  status: number;
}

/** One request as the stand-in answered it; `client` is the bearer token it came with (undefined without one). */
export interface RequestRecord extends WriteRecord {
  client: string | undefined;
}

/**
 * Fail the `nth` request (1-based, counted from when the rule is added) matching method, path and body (the
 * request body's JSON text), and the `times - 1` matching requests after it (`Infinity`: every one from then on).
 */
export interface FaultRule {
  method: string;
  path?: RegExp;
  body?: RegExp;
  nth?: number;
  times?: number;
  status?: number;
  /** Do the request, then answer the failure: an answer lost after the write took (a proxy's 502). */
  afterWrite?: boolean;
}

/**
 * Hold requests matching method and path until `count` of them have arrived, then answer them all, in the order
 * they came: clients that read the same state race for the same write, as two runs started at one instant do.
 */
export interface HoldRule {
  method: string;
  path?: RegExp;
  count: number;
}

export interface KubeStandIn {
  url: string;
  store: ObjectStore;
  /** Every request but GETs, in the order they were answered. */
  writes: WriteRecord[];
  /** Every request, reads included, in the order they were answered. */
  requests: RequestRecord[];
  /**
   * A kubeconfig (YAML text) pointing at the stand-in over plain http with insecure-skip-tls-verify; with a
   * `token` (default: the stand-in's own), its requests are logged under that client.
   */
  kubeconfig(namespace?: string, token?: string): string;
  /** Stores an object as already existing (and ready). */
  seed(object: JsonObject): void;
  /** The stored object of a kind (e.g. `Deployment`), or undefined. */
  find(kind: string, name: string, namespace?: string): JsonObject | undefined;
  failOn(rule: FaultRule): void;
  hold(rule: HoldRule): void;
  close(): Promise<void>;
}

class ApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly details: JsonObject | undefined;
  constructor(status: number, reason: string, message: string, details?: JsonObject) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.details = details;
  }
}

/** The API server's name of a resource in messages: `deployments.apps`, `services`. */
function qualified(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

function typeOfObject(object: JsonObject): ResourceType {
  const type = RESOURCE_TYPES.find((t) => apiVersionOf(t) === object['apiVersion'] && t.kind === object['kind']);
  if (!type) throw new Error(`stand-in does not serve ${String(object['apiVersion'])} ${String(object['kind'])}`);
  return type;
}

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new ApiError(400, 'BadRequest', 'the request body is not JSON');
  }
}

function discovery(path: string): unknown {
  if (path === '/version') return { major: '1', minor: '33', gitVersion: 'v1.33.0-standin' };
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'] };
  if (path === '/apis') {
    const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => t.group))];
    return {
      kind: 'APIGroupList',
      groups: groups.map((name) => {
        const versions = RESOURCE_TYPES.filter((t) => t.group === name).map((t) => ({
          groupVersion: apiVersionOf(t),
          version: t.version,
        }));
        return { name, versions, preferredVersion: versions[0] };
      }),
    };
  }
  const types = RESOURCE_TYPES.filter(
    (t) => (path === `/api/${t.version}` && !t.group) || path === `/apis/${apiVersionOf(t)}`,
  );
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    groupVersion: apiVersionOf(types[0]!),
    resources: types.map((t) => ({
      name: t.plural,
      kind: t.kind,
      namespaced: true,
      verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
    })),
  };
}

/** Starts the stand-in on a free loopback port. */
export async function startKubeStandIn(options: { token?: string } = {}): Promise<KubeStandIn> {
  const store = new ObjectStore();
  const writes: WriteRecord[] = [];
  const requests: RequestRecord[] = [];
  const faults: { rule: FaultRule; seen: number }[] = [];
  const holds: { rule: HoldRule; waiting: (() => void)[] }[] = [];

  function write(
    type: ResourceType,
    namespace: string,
    object: JsonObject,
    previous: JsonObject | undefined,
  ): JsonObject {
    const metadata = (object['metadata'] ?? {}) as JsonObject;
    const prevMeta = (previous?.['metadata'] ?? {}) as JsonObject;
    // Optimistic concurrency: a write that names a resourceVersion applies only to that version of the object.
    if (
      previous &&
      metadata['resourceVersion'] !== undefined &&
      metadata['resourceVersion'] !== prevMeta['resourceVersion']
    )
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualified(type)} "${String(prevMeta['name'])}": the object has been modified; please apply your changes to the latest version and try again`,
        { name: prevMeta['name'] ?? null, group: type.group, kind: type.plural },
      );
    if (previous && metadata['name'] !== prevMeta['name'])
      throw new ApiError(400, 'BadRequest', 'the name of the object does not match the name on the URL');
    const { status: _ignored, ...rest } = object;
    const candidate: JsonObject = { ...rest, apiVersion: apiVersionOf(type), kind: type.kind };
    try {
      type.validate(candidate);
    } catch (e) {
      throw new ApiError(
        422,
        'Invalid',
        `${type.kind}.${type.group || 'core'} "${String(metadata['name'])}" is invalid: ${(e as Error).message}`,
      );
    }
    if (type.kind === 'Deployment' && previous) {
      const before = JSON.stringify((previous['spec'] as JsonObject)['selector']);
      if (before !== JSON.stringify((object['spec'] as JsonObject)['selector']))
        throw new ApiError(
          422,
          'Invalid',
          `Deployment.apps "${String(metadata['name'])}" is invalid: spec.selector: field is immutable`,
        );
    }
    return store.put(type, namespace, candidate, previous);
  }

  /** Waits while a hold rule keeps the request back (see HoldRule). */
  async function holdBack(method: string, path: string): Promise<void> {
    const hold = holds.find((h) => h.rule.method === method && (!h.rule.path || h.rule.path.test(path)));
    if (!hold) return;
    await new Promise<void>((resolve) => {
      hold.waiting.push(resolve);
      if (hold.waiting.length < hold.rule.count) return;
      holds.splice(holds.indexOf(hold), 1);
      for (const release of hold.waiting) release();
    });
  }

  async function handle(req: IncomingMessage, body: Json): Promise<{ status: number; body: Json }> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`)
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    await holdBack(method, url.pathname);
    let lost: ApiError | undefined;
    for (const fault of faults) {
      const { rule } = fault;
      if (rule.method !== method || (rule.path && !rule.path.test(url.pathname))) continue;
      if (rule.body && !rule.body.test(JSON.stringify(body))) continue;
      fault.seen += 1;
      const first = rule.nth ?? 1;
      if (fault.seen < first || fault.seen >= first + (rule.times ?? 1)) continue;
      const failure = new ApiError(rule.status ?? 500, 'InternalError', 'injected failure');
      if (!rule.afterWrite) throw failure;
      lost = failure;
    }
    const answer = await serve(req, url, method, body);
    if (lost) throw lost;
    return answer;
  }

  async function serve(
    req: IncomingMessage,
    url: URL,
    method: string,
    body: Json,
  ): Promise<{ status: number; body: Json }> {
    const found = discovery(url.pathname);
    if (found && method === 'GET') return { status: 200, body: found as Json };
    const match = matchPath(url.pathname);
    if (!match)
      throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`);
    const { type, name } = match;
    const namespace = match.namespace ?? 'default';
    const current = name ? store.get(type, namespace, name) : undefined;
    const notFound = () => new ApiError(404, 'NotFound', `${type.plural}.${type.group || 'core'} "${name}" not found`);
    const view = (o: JsonObject): JsonObject => ({ ...structuredClone(o), apiVersion: apiVersionOf(type) });
    if (method === 'GET' && !name) {
      return {
        status: 200,
        body: {
          kind: `${type.kind}List`,
          apiVersion: apiVersionOf(type),
          metadata: {},
          items: store.list(type, match.namespace).map(view),
        },
      };
    }
    if (method === 'GET') {
      if (!current) throw notFound();
      return { status: 200, body: view(current) };
    }
    if (method === 'POST' && !name) {
      const object = body as JsonObject;
      const objectName = (object?.['metadata'] as JsonObject | undefined)?.['name'];
      if (typeof objectName !== 'string') throw new ApiError(422, 'Invalid', 'metadata.name: Required value');
      if (store.get(type, namespace, objectName))
        throw new ApiError(409, 'AlreadyExists', `${type.plural} "${objectName}" already exists`);
      const { resourceVersion: _rv, ...metadata } = object['metadata'] as JsonObject;
      return { status: 201, body: view(write(type, namespace, { ...object, metadata }, undefined)) };
    }
    if (!name) throw new ApiError(405, 'MethodNotAllowed', `${method} is not allowed on a collection`);
    if (!current) throw notFound();
    if (method === 'PUT') return { status: 200, body: view(write(type, namespace, body as JsonObject, current)) };
    if (method === 'DELETE') {
      store.delete(type, namespace, name);
      return {
        status: 200,
        body: { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, kind: type.plural } },
      };
    }
    if (method === 'PATCH') {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const base = structuredClone(current) as Json;
      let patched: Json;
      try {
        if (contentType === 'application/merge-patch+json') patched = mergePatch(base, body);
        else if (contentType === 'application/strategic-merge-patch+json') patched = strategicMergePatch(base, body);
        else if (contentType === 'application/json-patch+json') patched = jsonPatch(base, body);
        else
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
          );
      } catch (e) {
        if (e instanceof PatchError)
          throw new ApiError(e.status, e.status === 422 ? 'Invalid' : 'BadRequest', e.message);
        throw e;
      }
      return { status: 200, body: view(write(type, namespace, patched as JsonObject, current)) };
    }
    throw new ApiError(405, 'MethodNotAllowed', `${method} is not allowed`);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    let body: Json = null;
    const reply = (status: number, answer: Json) => {
      const record: WriteRecord = {
        method,
        path: (req.url ?? '').split('?')[0]!,
        contentType: String(req.headers['content-type'] ?? ''),
        body,
        status,
      };
      if (method !== 'GET') writes.push(record);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      requests.push({ ...record, client: bearer });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    };
    readBody(req)
      .then((parsed) => {
        body = parsed;
        return handle(req, parsed);
      })
      .then(
        ({ status, body: answer }) => reply(status, answer),
        (e: unknown) => {
          const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', String((e as Error)?.stack ?? e));
          reply(err.status, {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: err.message,
            reason: err.reason,
            ...(err.details ? { details: err.details } : {}),
            code: err.status,
          });
        },
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    store,
    writes,
    requests,
    kubeconfig(namespace = 'default', token = options.token) {
      const user = token ? `    token: ${token}\n` : '    username: standin\n';
      return `apiVersion: v1\nkind: Config\nclusters:\n- name: standin\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: standin\n  context:\n    cluster: standin\n    user: standin\n    namespace: ${namespace}\ncurrent-context: standin\nusers:\n- name: standin\n  user:\n${user}`;
    },
    seed(object) {
      const type = typeOfObject(object);
      const namespace = ((object['metadata'] as JsonObject)['namespace'] as string | undefined) ?? 'default';
      const stored = write(type, namespace, structuredClone(object), undefined);
      store.markReady(type, stored);
    },
    find(kind, name, namespace = 'default') {
      const type = RESOURCE_TYPES.find((t) => t.kind === kind);
      return type && store.get(type, namespace, name);
    },
    failOn(rule) {
      faults.push({ rule, seen: 0 });
    },
    hold(rule) {
      holds.push({ rule, waiting: [] });
    },
    close() {
      store.close();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

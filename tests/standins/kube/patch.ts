/**
 * The three PATCH bodies the Kubernetes API server accepts (besides server-side apply), applied the way the
 * API server applies them: https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A patch the API server would reject: answered with 422 (json-patch `test` failures) or 400. */
export class PatchError extends Error {
  readonly status: number;
  constructor(message: string, status = 422) {
    super(message);
    this.status = status;
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else (arrays too) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

/**
 * Lists whose items the API server merges by a key under strategic merge patch (patchMergeKey in the
 * Kubernetes OpenAPI: containers, env, ports, volumes...). Other lists are replaced, as for merge patch.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};

/** Strategic merge patch for the fields modelgate patches: like merge patch, but keyed lists merge by key. */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    const mergeKey = MERGE_KEYS[key];
    if (value === null) delete out[key];
    else if (mergeKey && Array.isArray(value) && Array.isArray(out[key])) {
      out[key] = mergeList(out[key] as Json[], value, mergeKey);
    } else out[key] = strategicMergePatch(out[key] ?? null, value);
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string): Json[] {
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item) || !(mergeKey in item)) throw new PatchError(`list item without merge key '${mergeKey}'`, 400);
    const index = out.findIndex((c) => isObject(c) && c[mergeKey] === item[mergeKey]);
    if (item['$patch'] === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = strategicMergePatch(out[index] ?? null, item);
    else out.push(item);
  }
  return out;
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer '${pointer}'`, 400);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(doc: Json, tokens: string[], pointer: string): { parent: Json; key: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    const next = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (next === undefined) throw new PatchError(`path '${pointer}' does not exist`);
    node = next;
  }
  return { parent: node, key: tokens[tokens.length - 1] ?? '' };
}

function get(doc: Json, pointer: string): Json {
  let node: Json | undefined = doc;
  for (const token of parsePointer(pointer)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw new PatchError(`path '${pointer}' does not exist`);
  }
  return node;
}

function remove(doc: Json, pointer: string): void {
  const { parent, key } = parentOf(doc, parsePointer(pointer), pointer);
  if (Array.isArray(parent) && Number(key) < parent.length) parent.splice(Number(key), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw new PatchError(`path '${pointer}' does not exist`);
}

function add(doc: Json, pointer: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length || (replace && index >= parent.length))
      throw new PatchError(`path '${pointer}' is out of range`);
    parent.splice(index, replace ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (replace && !(key in parent)) throw new PatchError(`path '${pointer}' does not exist`);
    parent[key] = value;
  } else throw new PatchError(`path '${pointer}' does not exist`);
  return doc;
}

/** RFC 6902 JSON patch: add, remove, replace, move, copy, test; a failed `test` rejects the whole patch. */
export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be an array of operations', 400);
  let doc = structuredClone(target);
  for (const raw of operations as unknown as Operation[]) {
    const value = raw.value === undefined ? null : structuredClone(raw.value);
    switch (raw.op) {
      case 'add':
        doc = add(doc, raw.path, value, false);
        break;
      case 'replace':
        doc = add(doc, raw.path, value, true);
        break;
      case 'remove':
        remove(doc, raw.path);
        break;
      case 'move': {
        const moved = get(doc, raw.from ?? '');
        remove(doc, raw.from ?? '');
        doc = add(doc, raw.path, moved, false);
        break;
      }
      case 'copy':
        doc = add(doc, raw.path, structuredClone(get(doc, raw.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(get(doc, raw.path)) !== JSON.stringify(value))
          throw new PatchError(`test failed at '${raw.path}'`);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation '${String(raw.op)}'`, 400);
    }
  }
  return doc;
}

export type { Json, JsonObject };

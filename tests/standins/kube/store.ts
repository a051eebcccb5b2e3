/**
 * The stand-in's object store: what the API server and its controllers do to an object on each write
 * (resourceVersion, generation on spec changes, uid, creationTimestamp) and the Deployment controller's
 * status, which becomes ready after a delay the test chooses, or never.
 */
import { randomUUID } from 'node:crypto';
import type { ResourceType } from './resources.ts';
import type { JsonObject } from './patch.ts';

/** How long after a spec change an object becomes ready; `never` keeps it unready (readiness timeouts). */
export type Readiness = number | 'never';

export class ObjectStore {
  readonly objects = new Map<string, JsonObject>();
  private resourceVersion = 1000;
  private timers = new Set<NodeJS.Timeout>();
  /** Per object name: the readiness delay; `defaultReadiness` otherwise. */
  readonly readiness = new Map<string, Readiness>();
  defaultReadiness: Readiness = 50;

  key(type: ResourceType, namespace: string, name: string): string {
    return `${type.group}/${type.plural}/${namespace}/${name}`;
  }

  get(type: ResourceType, namespace: string, name: string): JsonObject | undefined {
    return this.objects.get(this.key(type, namespace, name));
  }

  list(type: ResourceType, namespace: string | undefined): JsonObject[] {
    const prefix = `${type.group}/${type.plural}/${namespace === undefined ? '' : `${namespace}/`}`;
    return [...this.objects.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
  }

  /** Stores a created or updated object, doing what the API server does on every write. */
  put(type: ResourceType, namespace: string, object: JsonObject, previous: JsonObject | undefined): JsonObject {
    const metadata: JsonObject = { ...(object['metadata'] as JsonObject), namespace };
    const oldMeta = (previous?.['metadata'] ?? {}) as JsonObject;
    const specChanged = JSON.stringify(previous?.['spec']) !== JSON.stringify(object['spec']);
    metadata['resourceVersion'] = String(++this.resourceVersion);
    metadata['uid'] = oldMeta['uid'] ?? randomUUID();
    metadata['creationTimestamp'] = oldMeta['creationTimestamp'] ?? new Date().toISOString();
    metadata['generation'] = ((oldMeta['generation'] as number | undefined) ?? 0) + (specChanged ? 1 : 0);
    const stored: JsonObject = { ...object, metadata, status: previous?.['status'] ?? {} };
    this.objects.set(this.key(type, namespace, metadata['name'] as string), stored);
    if (specChanged) this.rollOut(type, namespace, stored);
    return stored;
  }

  delete(type: ResourceType, namespace: string, name: string): boolean {
    return this.objects.delete(this.key(type, namespace, name));
  }

  /** The controllers' side: a changed spec is unready until its delay passes. */
  private rollOut(type: ResourceType, namespace: string, object: JsonObject): void {
    const metadata = object['metadata'] as JsonObject;
    const name = metadata['name'] as string;
    const generation = metadata['generation'] as number;
    if (type.kind === 'Deployment') {
      const replicas = ((object['spec'] as JsonObject)['replicas'] as number | undefined) ?? 1;
      object['status'] = {
        observedGeneration: generation,
        replicas,
        updatedReplicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
      };
    } else if (type.kind === 'InferenceService') {
      object['status'] = { observedGeneration: generation, conditions: [{ type: 'Ready', status: 'False' }] };
    } else return;
    const delay = this.readiness.get(name) ?? this.defaultReadiness;
    if (delay === 'never') {
      // Like an image that never starts: the new pods exist (updated) but none becomes available.
      if (type.kind === 'Deployment')
        (object['status'] as JsonObject)['updatedReplicas'] = (object['status'] as JsonObject)['replicas']!;
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const current = this.get(type, namespace, name);
      const currentMeta = current?.['metadata'] as JsonObject | undefined;
      if (!current || currentMeta?.['generation'] !== generation) return;
      const ready = readyStatus(type, current, generation);
      // A controller writes only a changed status (a seeded object is ready already): no write, no new version.
      if (JSON.stringify(current['status']) === JSON.stringify(ready)) return;
      current['status'] = ready;
      currentMeta['resourceVersion'] = String(++this.resourceVersion);
    }, delay);
    this.timers.add(timer);
  }

  /** Makes an object ready at once (objects a test seeds exist before the rollout). */
  markReady(type: ResourceType, object: JsonObject): void {
    const generation = (object['metadata'] as JsonObject)['generation'] as number;
    if (type.kind === 'Deployment' || type.kind === 'InferenceService')
      object['status'] = readyStatus(type, object, generation);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function readyStatus(type: ResourceType, object: JsonObject, generation: number): JsonObject {
  if (type.kind === 'InferenceService') {
    return { observedGeneration: generation, conditions: [{ type: 'Ready', status: 'True' }] };
  }
  const replicas = ((object['spec'] as JsonObject)['replicas'] as number | undefined) ?? 1;
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      { type: 'Available', status: 'True' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  };
}

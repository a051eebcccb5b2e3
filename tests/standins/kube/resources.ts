/**
 * The resource types the stand-in serves, each with the published schema it validates writes against: the
 * `kubernetes-models` packages carry validators generated from the Kubernetes, Gateway API and Istio OpenAPI
 * schemas. KServe publishes no such package, so its InferenceService is checked by hand for the fields
 * deploy-canary writes (see validateInferenceService).
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { VirtualService as VirtualServiceV1 } from '@kubernetes-models/istio/networking.istio.io/v1';
import { VirtualService as VirtualServiceV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import type { JsonObject } from './patch.ts';

export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  plural: string;
  kind: string;
  /** Throws with the schema's message when the object does not match the published schema. */
  validate: (object: JsonObject) => void;
}

type ModelClass = new (data: never) => { validate(): void };

function modelValidator(model: ModelClass): (object: JsonObject) => void {
  return (object) => new model(object as never).validate();
}

/** KServe v1beta1 InferenceService: the fields deploy-canary reads and writes, checked by hand. */
function validateInferenceService(object: JsonObject): void {
  const spec = object['spec'] as JsonObject | undefined;
  const predictor = spec?.['predictor'] as JsonObject | undefined;
  if (!predictor || typeof predictor !== 'object') throw new Error('data/spec must have required property predictor');
  const percent = predictor['canaryTrafficPercent'];
  if (percent !== undefined && (!Number.isInteger(percent) || (percent as number) < 0 || (percent as number) > 100))
    throw new Error('data/spec/predictor/canaryTrafficPercent must be an integer between 0 and 100');
  const containers = predictor['containers'];
  if (containers !== undefined) {
    if (!Array.isArray(containers)) throw new Error('data/spec/predictor/containers must be array');
    for (const [i, c] of containers.entries()) {
      const container = c as JsonObject;
      if (typeof container['name'] !== 'string')
        throw new Error(`data/spec/predictor/containers/${i}/name must be string`);
      if (container['image'] !== undefined && typeof container['image'] !== 'string')
        throw new Error(`data/spec/predictor/containers/${i}/image must be string`);
    }
  }
}

export const RESOURCE_TYPES: ResourceType[] = [
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', validate: modelValidator(Deployment) },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', validate: modelValidator(Service) },
  {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'httproutes',
    kind: 'HTTPRoute',
    validate: modelValidator(HTTPRoute),
  },
  {
    group: 'networking.istio.io',
    version: 'v1beta1',
    plural: 'virtualservices',
    kind: 'VirtualService',
    validate: modelValidator(VirtualServiceV1beta1),
  },
  {
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'virtualservices',
    kind: 'VirtualService',
    validate: modelValidator(VirtualServiceV1),
  },
  {
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
    kind: 'InferenceService',
    validate: validateInferenceService,
  },
];

/** The apiVersion string of a resource type (`apps/v1`, `v1`). */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The resource type a URL path addresses, with the namespace and name it names (if any). */
export function matchPath(
  path: string,
): { type: ResourceType; namespace: string | undefined; name: string | undefined } | undefined {
  const core = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?$/.exec(path);
  const grouped = /^\/apis\/([^/]+)\/([^/]+)\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?$/.exec(path);
  let group: string, version: string, namespace: string | undefined, plural: string, name: string | undefined;
  if (core) [group, version, namespace, plural, name] = ['', 'v1', core[1], core[2] ?? '', core[3]];
  else if (grouped)
    [group, version, namespace, plural, name] = [grouped[1]!, grouped[2]!, grouped[3], grouped[4]!, grouped[5]];
  else return undefined;
  const type = RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
  return type
    ? { type, namespace: namespace && decodeURIComponent(namespace), name: name && decodeURIComponent(name) }
    : undefined;
}

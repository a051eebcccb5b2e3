// The Kubernetes stand-in for tests: a loopback API server for the resources deploy-canary uses, validating every
// write against the published schemas, enforcing resourceVersion preconditions, logging every request, and
// failing or holding requests on demand; with the objects tests seed into it.
export {
  startKubeStandIn,
  type FaultRule,
  type HoldRule,
  type KubeStandIn,
  type RequestRecord,
  type WriteRecord,
} from './server.ts';
export { jsonPatch, mergePatch, strategicMergePatch, type Json, type JsonObject } from './patch.ts';
export type { Readiness } from './store.ts';
export { httpRoute, inferenceService, stableDeployment, stableService, virtualService } from './fixtures.ts';

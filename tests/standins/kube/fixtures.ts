/** Objects the kube tests seed into the stand-in: a stable app `churn` with its Service and routes. */
import type { JsonObject } from './patch.ts';

export function stableDeployment(name = 'churn', image = 'registry.local/churn:1.0', replicas = 4): JsonObject {
  const labels = { app: name, track: 'stable' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: 'model', image, ports: [{ containerPort: 8080 }] },
            { name: 'sidecar', image: 'proxy:1' },
          ],
        },
      },
    },
  };
}

export function stableService(name = 'churn'): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  };
}

export function httpRoute(name = 'churn', service = 'churn'): JsonObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'default' },
    spec: {
      parentRefs: [{ name: 'gateway' }],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/predict' } }], backendRefs: [{ name: service, port: 80 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/other' } }], backendRefs: [{ name: 'other', port: 80 }] },
      ],
    },
  };
}

export function virtualService(name = 'churn', host = 'churn'): JsonObject {
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name, namespace: 'default' },
    spec: { hosts: ['churn.example.com'], http: [{ route: [{ destination: { host, port: { number: 80 } } }] }] },
  };
}

export function inferenceService(name = 'churn', image = 'registry.local/churn:1.0'): JsonObject {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name, namespace: 'default' },
    spec: { predictor: { containers: [{ name: 'kserve-container', image }] } },
  };
}

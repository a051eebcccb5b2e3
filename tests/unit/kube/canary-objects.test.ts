import { describe, expect, it } from 'vitest';
import {
  canaryDeployment,
  canaryLabelValue,
  canaryService,
  newVersionNames,
  selects,
} from '@modelgate/core/kube/canary-objects';
import { splitReplicas } from '@modelgate/core/kube/routers/replicas';
import { readiness } from '@modelgate/core/kube/readiness';
import type { KubeObject } from '@modelgate/core/kube/cluster';
import { stableDeployment, stableService } from '../../standins/kube/index.ts';

const stable = stableDeployment() as unknown as KubeObject;
const service = stableService() as unknown as KubeObject;
const selector = { app: 'churn' };

describe('canary objects', () => {
  it("names blue-green's version <name>-green behind Service <name>-preview, pods track: green", () => {
    const names = newVersionNames('churn', 'blue-green');
    expect(names).toEqual({ deployment: 'churn-green', service: 'churn-preview', track: 'green' });
    const green = canaryDeployment(stable, {
      image: 'churn:2',
      containerIndex: 0,
      serviceSelector: selector,
      relabel: true,
      replicas: 4,
      names,
    });
    expect(green.metadata.name).toBe('churn-green');
    expect(green.metadata.labels).toMatchObject({ track: 'green' });
    expect(green.spec.template.metadata.labels).toEqual({ app: 'churn-green', track: 'green' });
    const preview = canaryService(service, { serviceSelector: selector, relabel: true, names });
    expect(preview.metadata.name).toBe('churn-preview');
    expect(preview.spec.selector).toEqual({ app: 'churn-green', track: 'green' });
    expect(selects(service.spec.selector, green.spec.template.metadata.labels)).toBe(false);
    expect(canaryLabelValue('x'.repeat(70), 'green')).toHaveLength(63);
  });

  it('relabels the canary pods so the stable Service selector does not match them (traffic routers)', () => {
    const canary = canaryDeployment(stable, {
      image: 'churn:2',
      containerIndex: 0,
      serviceSelector: selector,
      relabel: true,
      replicas: 4,
    });
    const labels = canary.spec.template.metadata.labels;
    expect(canary.metadata.name).toBe('churn-canary');
    expect(labels).toEqual({ app: 'churn-canary', track: 'canary' });
    expect(selects(service.spec.selector, labels)).toBe(false);
    expect(selects(canary.spec.selector.matchLabels, labels)).toBe(true);
    expect(canary.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual(['churn:2', 'proxy:1']);
    expect(stable.spec.template.spec.containers[0].image).toBe('registry.local/churn:1.0');
    const svc = canaryService(service, { serviceSelector: selector, relabel: true });
    expect(svc.spec.selector).toEqual({ app: 'churn-canary', track: 'canary' });
    expect(selects(svc.spec.selector, labels)).toBe(true);
  });

  it('keeps the stable Service selector matching the canary pods for the replicas router', () => {
    const canary = canaryDeployment(stable, {
      image: 'churn:2',
      containerIndex: 0,
      serviceSelector: selector,
      relabel: false,
      replicas: 0,
    });
    const labels = canary.spec.template.metadata.labels;
    expect(selects(service.spec.selector, labels)).toBe(true);
    expect(selects(stable.spec.selector.matchLabels, labels)).toBe(false);
  });

  it('keeps a relabelled value within the 63-character limit', () => {
    const value = canaryLabelValue('a'.repeat(63));
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value.endsWith('-canary')).toBe(true);
  });
});

describe('splitReplicas', () => {
  it('splits the stable replica count, keeping one pod on each side until 100%', () => {
    expect(splitReplicas(4, 25)).toEqual({ canary: 1, stable: 3, weight: 25 });
    expect(splitReplicas(4, 10)).toEqual({ canary: 1, stable: 3, weight: 25 });
    expect(splitReplicas(4, 90)).toEqual({ canary: 3, stable: 1, weight: 75 });
    expect(splitReplicas(1, 10)).toEqual({ canary: 1, stable: 1, weight: 50 });
    expect(splitReplicas(4, 100)).toEqual({ canary: 4, stable: 0, weight: 100 });
  });
});

describe('readiness', () => {
  const object = (status: object, generation = 2): KubeObject => ({
    kind: 'Deployment',
    metadata: { name: 'x', generation },
    spec: { replicas: 2 },
    status,
  });
  it('waits for the controller to observe the latest generation and every replica to be updated and available', () => {
    expect(
      readiness(object({ observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2, replicas: 2 })).ready,
    ).toBe(false);
    expect(
      readiness(object({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 2, replicas: 2 })).reason,
    ).toBe('1 of 2 replicas updated');
    expect(
      readiness(object({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 1, replicas: 2 })).reason,
    ).toBe('1 of 2 updated replicas available');
    expect(
      readiness(object({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 2 })).ready,
    ).toBe(true);
  });
  it('fails at once on ProgressDeadlineExceeded', () => {
    const state = readiness(
      object({
        observedGeneration: 2,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      }),
    );
    expect(state).toMatchObject({ ready: false, failed: true });
  });
});

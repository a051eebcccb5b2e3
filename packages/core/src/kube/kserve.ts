/**
 * Rolling out a KServe InferenceService: KServe keeps the canary itself. Changing the predictor with
 * `canaryTrafficPercent` set makes a new revision that gets that share while the last rolled-out revision keeps
 * the rest; removing the field sends all traffic to the latest revision
 * (https://kserve.github.io/website/latest/modelserving/v1beta1/rollout/canary/). deploy-canary sets the image of
 * a custom predictor container. Rollback puts the predictor back as it was.
 */
import { inputError } from '../errors.ts';
import { RESOURCES, type Cluster, type KubeObject } from './cluster.ts';
import { MANAGED_BY } from './canary-objects.ts';
import { RolloutLock } from './lock.ts';
import { waitReady } from './readiness.ts';
import { restoreVerified, RestoreFailed } from './restore.ts';
import type { RollbackResult, RolloutTarget, TargetDescription, TargetNames } from './target.ts';

export interface KServeRollout {
  cluster: Cluster;
  name: string;
  image: string;
  container: string | undefined;
  timeoutMs: number;
  owner: string;
}

export class KServeTarget implements RolloutTarget {
  static describe(n: TargetNames): TargetDescription {
    const service = `InferenceService ${n.namespace}/${n.name}`;
    return {
      lockedObject: service,
      routeObject: `InferenceService ${n.name}`,
      startCanary: `Set the predictor image to ${n.image} at 0% (a new revision); wait until it is ready`,
      setWeight: `set canaryTrafficPercent of ${service} to w`,
      promote: 'After the last step: remove canaryTrafficPercent (the new revision takes all traffic), then unlock.',
    };
  }

  private rolloutLock: RolloutLock | undefined;
  private readonly o: KServeRollout;
  private original: KubeObject | undefined;
  private container = 0;

  constructor(o: KServeRollout) {
    this.o = o;
  }

  private ref() {
    return { resource: RESOURCES.inferenceService, name: this.o.name };
  }

  async preflight(): Promise<boolean> {
    this.original = await this.o.cluster.get(this.ref());
    if (!this.original) return false;
    const where = `InferenceService ${this.o.cluster.namespace}/${this.o.name}`;
    const containers = (this.original.spec?.predictor?.containers ?? []) as { name: string }[];
    if (containers.length === 0)
      throw inputError(
        'router',
        `${where} has no predictor containers: the kserve router sets the image of a custom predictor container (spec.predictor.containers).`,
      );
    const index = this.o.container ? containers.findIndex((c) => c.name === this.o.container) : 0;
    if (index < 0)
      throw inputError(
        'container',
        `${where} has no predictor container '${this.o.container}'; it has: ${containers.map((c) => c.name).join(', ')}.`,
      );
    this.container = index;
    return true;
  }

  async createFirst(): Promise<void> {
    const container = { name: this.o.container || 'kserve-container', image: this.o.image };
    await this.o.cluster.create(RESOURCES.inferenceService, {
      metadata: { name: this.o.name, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } },
      spec: { predictor: { containers: [container] } },
    });
    await waitReady(this.o.cluster, this.ref(), this.o.timeoutMs);
  }

  async lock(): Promise<string | undefined> {
    this.rolloutLock = new RolloutLock(this.o.cluster, this.ref(), this.o.owner, this.o.image, this.o.timeoutMs);
    return this.rolloutLock.acquire();
  }

  async unlock(): Promise<void> {
    await this.rolloutLock?.release();
  }

  async startCanary(): Promise<void> {
    const path = `/spec/predictor/containers/${this.container}`;
    const before = this.original!.spec.predictor.containers[this.container];
    await this.o.cluster.patch(this.ref(), {
      strategy: 'json',
      body: [
        { op: 'test', path: `${path}/name`, value: before.name },
        { op: 'replace', path: `${path}/image`, value: this.o.image },
        { op: 'add', path: '/spec/predictor/canaryTrafficPercent', value: 0 },
      ],
    });
    await waitReady(this.o.cluster, this.ref(), this.o.timeoutMs);
  }

  async setWeight(weight: number): Promise<number> {
    await this.o.cluster.patch(this.ref(), {
      strategy: 'merge',
      body: { spec: { predictor: { canaryTrafficPercent: weight } } },
    });
    await waitReady(this.o.cluster, this.ref(), this.o.timeoutMs);
    return weight;
  }

  async promote(): Promise<void> {
    await this.o.cluster.patch(this.ref(), {
      strategy: 'merge',
      body: { spec: { predictor: { canaryTrafficPercent: null } } },
    });
    await waitReady(this.o.cluster, this.ref(), this.o.timeoutMs);
  }

  /** Puts the predictor back as it was (retried and read back until `timeout`); KServe then drops the canary revision. */
  async rollback(): Promise<RollbackResult> {
    const predictor = this.original!.spec.predictor;
    const wanted = { containers: predictor.containers, canaryTrafficPercent: predictor.canaryTrafficPercent ?? null };
    const where = `InferenceService ${this.o.cluster.namespace}/${this.o.name}`;
    try {
      await restoreVerified(
        {
          what: where,
          write: async () => {
            await this.o.cluster.patch(this.ref(), { strategy: 'merge', body: { spec: { predictor: wanted } } });
          },
          check: async () => {
            const now = (await this.o.cluster.get(this.ref()))?.spec?.predictor;
            if (!now) return 'not found';
            const same =
              JSON.stringify(now.containers) === JSON.stringify(wanted.containers) &&
              (now.canaryTrafficPercent ?? null) === wanted.canaryTrafficPercent;
            return same
              ? undefined
              : `canaryTrafficPercent ${now.canaryTrafficPercent ?? 'unset'}, image ${String(now.containers?.[this.container]?.image)}`;
          },
        },
        Date.now() + this.o.timeoutMs,
      );
      return { restored: true, leftBehind: [] };
    } catch (e) {
      if (!(e instanceof RestoreFailed)) throw e;
      const patch = JSON.stringify({ spec: { predictor: wanted } });
      return {
        restored: false,
        leftBehind: [
          {
            what:
              `${where} is not back as it was (now: ${e.state}; last error: ${e.lastError}): KServe still sends the ` +
              'canary revision its share. To finish the rollback, put the predictor back.',
            commands: [
              `kubectl -n ${this.o.cluster.namespace} patch inferenceservice ${this.o.name} --type=merge -p '${patch}'`,
            ],
          },
        ],
      };
    }
  }
}

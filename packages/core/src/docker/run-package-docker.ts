/**
 * package-docker's work, from typed inputs to outputs: the inputs checked, tags and lineage labels computed, the
 * Dockerfile prepared (yours or generated), and the image built, smoke-tested and pushed (docker/package-image).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ActionResult } from '../action/run.ts';
import { readMetricsFile } from '../contracts/metrics-file.ts';
import { inputError } from '../errors.ts';
import * as log from '../log.ts';
import { inert, withCommandsStopped } from '../log.ts';
import { publishReport } from '../publish/publish-report.ts';
import { getContext } from '../runner/environment.ts';
import { detectBuilder, ensureBaseImage } from './builder.ts';
import { lineageLabels } from './labels.ts';
import { registryLogin, registryLogout } from './login.ts';
import { modelBytes, modelSha256 } from './model-digest.ts';
import { parseParityOutputs, readParityRows } from './parity-data.ts';
import { buildTestPush } from './package-image.ts';
import type { PackageDockerInputs } from './package-docker-inputs.ts';
import { prepareRecipe } from './recipe.ts';
import { parseImageRepository } from './reference.ts';
import { parseTagRules } from './tag-rules.ts';
import { computeTags } from './tags.ts';

/** The inputs that only make sense together, checked before anything is built. */
function checkInputs(inputs: PackageDockerInputs): void {
  if (!existsSync(inputs.model))
    throw inputError('model', `${inputs.model} does not exist; expected the model file or directory to package.`);
  const request = inputs['smoke-request'];
  if (request && !existsSync(request))
    throw inputError('smoke-request', `${request} does not exist; expected a JSON body file.`);
  if (request && !inputs['predict-path'])
    throw inputError(
      'predict-path',
      'is required with smoke-request: the path the request is POSTed to, e.g. /v2/models/churn/infer.',
    );
  if (Boolean(inputs.username) !== Boolean(inputs.password))
    throw inputError(
      inputs.username ? 'password' : 'username',
      'username and password go together: give both or neither.',
    );
}

/**
 * The parity data, read and checked before anything is built: a column that is not there is a named error now,
 * not after a five-minute build.
 */
async function readParity(
  inputs: PackageDockerInputs,
): Promise<Awaited<ReturnType<typeof readParityRows>> | undefined> {
  // A gate with nothing to measure would pass silently: say so instead.
  if (inputs['max-latency-p95'] !== undefined && !inputs['parity-data'])
    throw inputError('max-latency-p95', 'needs parity-data: the latency is measured by the parity replay.');
  if (inputs['max-ready-time'] !== undefined && !inputs['smoke-test'])
    throw inputError('max-ready-time', 'needs smoke-test: the ready time is measured by running the image.');
  if (!inputs['parity-data']) {
    if (inputs['parity-outputs']) throw inputError('parity-data', 'is required with parity-outputs.');
    return undefined;
  }
  if (!inputs['parity-outputs'])
    throw inputError('parity-outputs', 'is required with parity-data, e.g. `score: churn_probability`.');
  if (!inputs['predict-path'])
    throw inputError('predict-path', 'is required with parity-data: the path the rows are POSTed to.');
  if (!inputs['smoke-test'])
    throw inputError('smoke-test', 'is false, but the parity replay runs against the smoke-tested container.');
  const rows = await readParityRows(
    inputs['parity-data'],
    parseParityOutputs(inputs['parity-outputs']),
    inputs['parity-features'],
    inputs['parity-rows'],
  );
  if (rows.rowNumbers.length === 0) throw inputError('parity-data', `${rows.file} has no data rows.`);
  return rows;
}

/** Builds, labels, smoke-tests and (optionally) pushes a serving image for the model. */
export async function runPackageDocker(inputs: PackageDockerInputs): Promise<ActionResult> {
  checkInputs(inputs);
  const parityRows = await readParity(inputs);
  const repo = parseImageRepository(inputs.image);
  const git = getContext();
  const computed = computeTags(parseTagRules(inputs.tags), git);
  if (computed.tags.length === 0)
    throw inputError('tags', `no tag applies to ${git.ref || 'this ref'}; add e.g. type=sha or type=raw,value=latest.`);
  const references = computed.tags.map((t) => `${repo.name}:${t}`);

  const metrics = inputs.metrics
    ? await readMetricsFile(inputs.metrics, { input: 'metrics', file: basename(inputs.metrics) })
    : undefined;
  const modelInfo = metrics?.document?.model;
  const labels = lineageLabels({
    git,
    version: computed.version,
    created: new Date(),
    model: {
      name: modelInfo?.name ?? repo.path.split('/').pop() ?? repo.path,
      version: modelInfo?.version ?? computed.version ?? git.sha.slice(0, 7),
      sha256: await modelSha256(inputs.model),
    },
    metrics: metrics?.metrics,
  });

  const recipe = await prepareRecipe({
    model: inputs.model,
    context: inputs.context,
    dockerfile: inputs.dockerfile,
    baseImage: inputs['base-image'],
    requirements: inputs.requirements,
    files: inputs.files,
    serveCommand: inputs['serve-command'],
    port: inputs.port,
    labels,
  });
  if (recipe.generated) {
    log.info(`Generated ${inert(recipe.dockerfile)}:`);
    const text = await readFile(recipe.dockerfile, 'utf8');
    await withCommandsStopped(async () => log.info(text));
  }

  const builder = await detectBuilder();
  const platforms = inputs.platforms ?? [];
  if (builder === 'classic') {
    log.warning(
      'docker buildx is not available: building with the classic builder (DOCKER_BUILDKIT=0). Install buildx for BuildKit, cache export and attestations.',
    );
    if (platforms.length) throw inputError('platforms', 'needs docker buildx, which is not installed on this runner.');
    if (inputs.provenance || inputs.sbom) log.warning('provenance and sbom need buildx: no attestations are attached.');
  }
  // Log in before building, as docker/login-action runs before build-push-action: bad credentials fail in
  // seconds, and a base image in the same private registry can be pulled.
  const login =
    inputs.push && inputs.username && inputs.password
      ? { username: inputs.username, password: inputs.password }
      : undefined;
  if (login) await registryLogin(repo.registry, login.username, login.password);
  try {
    if (recipe.generated) await ensureBaseImage(inputs['base-image']);
    const result = await buildTestPush({
      repo,
      references,
      labels,
      recipe,
      builder,
      platforms,
      cache: inputs.cache,
      push: inputs.push,
      provenance: inputs.provenance,
      sbom: inputs.sbom,
      ...(inputs['smoke-test']
        ? {
            smoke: {
              port: inputs.port,
              healthPath: inputs['health-path'],
              requestFile: inputs['smoke-request'],
              predictPath: inputs['predict-path'],
              expectStatus: inputs['expect-status'],
              timeoutMs: inputs['smoke-timeout'],
            },
          }
        : {}),
      ...(parityRows
        ? {
            parity: {
              rows: parityRows,
              predictPath: inputs['predict-path'] ?? '',
              batchSize: inputs['parity-batch'],
              concurrency: inputs['load-concurrency'],
              tolerance: inputs['parity-tolerance'],
              minAgreement: inputs['parity-min-agreement'],
            },
          }
        : {}),
      gates: {
        maxReadyMs: inputs['max-ready-time'],
        maxImageBytes: inputs['max-image-size'],
        maxLatencyP95Ms: inputs['max-latency-p95'],
      },
      modelBytes: await modelBytes(inputs.model),
      metrics: metrics?.metrics,
    });
    await publishReport({ action: 'package-docker', comment: false, markdown: result.summary });
    const measured: Record<string, string> = {
      'image-size': String(result.imageSize),
      'model-size': String(await modelBytes(inputs.model)),
      ...(result.readyMs !== undefined ? { 'ready-seconds': (result.readyMs / 1000).toFixed(3) } : {}),
      ...(result.parity ? { parity: JSON.stringify(result.parity) } : {}),
      ...(result.latency ? { latency: JSON.stringify(result.latency) } : {}),
    };
    // A gate that fell short pushed nothing: no tags or digest; the image stays local (image-id) for a look.
    if (result.failure)
      return {
        outputs: {
          dockerfile: recipe.dockerfile,
          'image-id': result.imageId,
          labels: JSON.stringify(labels),
          ...measured,
        },
        report: result.summary,
        failure: result.failure,
      };
    const outputs = {
      dockerfile: recipe.dockerfile,
      image: references[0] ?? '',
      tags: references.join('\n'),
      digest: result.digest ?? '',
      'image-id': result.imageId,
      labels: JSON.stringify(labels),
      ...measured,
    };
    return { outputs, report: result.summary };
  } finally {
    if (login) await registryLogout(repo.registry);
  }
}

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
import { modelSha256 } from './model-digest.ts';
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

/** Builds, labels, smoke-tests and (optionally) pushes a serving image for the model. */
export async function runPackageDocker(inputs: PackageDockerInputs): Promise<ActionResult> {
  checkInputs(inputs);
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
    });
    await publishReport({ action: 'package-docker', comment: false, markdown: result.summary });
    const outputs = {
      dockerfile: recipe.dockerfile,
      image: references[0] ?? '',
      tags: references.join('\n'),
      digest: result.digest ?? '',
      'image-id': result.imageId,
      labels: JSON.stringify(labels),
    };
    return { outputs, report: result.summary };
  } finally {
    if (login) await registryLogout(repo.registry);
  }
}

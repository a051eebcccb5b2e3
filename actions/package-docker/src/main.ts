import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as core from '@actions/core';
import { readInputs, type InputValues } from '@modelgate/core/inputs/read';
import { inputError } from '@modelgate/core/errors';
import { readMetricsFile } from '@modelgate/core/contracts/metrics-file';
import { publishReport } from '@modelgate/core/report/publish';
import { buildAndPush, buildImage, detectBuilder, ensureBaseImage } from '@modelgate/core/docker/builder';
import { readGitContext } from '@modelgate/core/docker/git-context';
import { imageHistory, inspectImage, layerSteps, repoDigestFor } from '@modelgate/core/docker/inspect';
import { lineageLabels } from '@modelgate/core/docker/labels';
import { registryLogin, registryLogout } from '@modelgate/core/docker/login';
import { modelSha256 } from '@modelgate/core/docker/model-digest';
import { pushReference } from '@modelgate/core/docker/push';
import { prepareRecipe } from '@modelgate/core/docker/recipe';
import { parseImageRepository } from '@modelgate/core/docker/reference';
import { packageSummary } from '@modelgate/core/docker/report';
import { smokeTest, type SmokeResult } from '@modelgate/core/docker/smoke';
import { parseTagRules } from '@modelgate/core/docker/tag-rules';
import { computeTags } from '@modelgate/core/docker/tags';
import { inputs } from './inputs.ts';

/** Builds, labels, smoke-tests and (optionally) pushes a serving image for the model (issue #6). */
export async function run(): Promise<void> {
  const i = readInputs(inputs);
  if (!existsSync(i.model))
    throw inputError('model', `${i.model} does not exist; expected the model file or directory to package.`);
  if (i['smoke-request'] && !existsSync(i['smoke-request']))
    throw inputError('smoke-request', `${i['smoke-request']} does not exist; expected a JSON body file.`);
  if (i['smoke-request'] && !i['predict-path'])
    throw inputError(
      'predict-path',
      'is required with smoke-request: the path the request is POSTed to, e.g. /v2/models/churn/infer.',
    );
  if (Boolean(i.username) !== Boolean(i.password))
    throw inputError(i.username ? 'password' : 'username', 'username and password go together: give both or neither.');
  const repo = parseImageRepository(i.image);
  const git = readGitContext();
  const computed = computeTags(parseTagRules(i.tags), git);
  if (computed.tags.length === 0)
    throw inputError('tags', `no tag applies to ${git.ref || 'this ref'}; add e.g. type=sha or type=raw,value=latest.`);
  const references = computed.tags.map((t) => `${repo.name}:${t}`);

  const metrics = i.metrics
    ? await readMetricsFile(i.metrics, { input: 'metrics', file: basename(i.metrics) })
    : undefined;
  const modelInfo = metrics?.document?.model;
  const labels = lineageLabels({
    git,
    version: computed.version,
    created: new Date(),
    model: {
      name: modelInfo?.name ?? repo.path.split('/').pop() ?? repo.path,
      version: modelInfo?.version ?? computed.version ?? git.sha.slice(0, 7),
      sha256: await modelSha256(i.model),
    },
    metrics: metrics?.metrics,
  });

  const recipe = await prepareRecipe({
    model: i.model,
    context: i.context,
    dockerfile: i.dockerfile,
    baseImage: i['base-image'],
    requirements: i.requirements,
    files: i.files,
    serveCommand: i['serve-command'],
    port: i.port,
    labels,
  });
  core.setOutput('dockerfile', recipe.dockerfile);
  if (recipe.generated) core.info(`Generated ${recipe.dockerfile}:\n${await readFile(recipe.dockerfile, 'utf8')}`);

  const builder = await detectBuilder();
  const platforms = i.platforms ?? [];
  if (builder === 'classic') {
    core.warning(
      'docker buildx is not available: building with the classic builder (DOCKER_BUILDKIT=0). Install buildx for BuildKit, cache export and attestations.',
    );
    if (platforms.length) throw inputError('platforms', 'needs docker buildx, which is not installed on this runner.');
    if (i.provenance || i.sbom) core.warning('provenance and sbom need buildx: no attestations are attached.');
  }
  // Log in before building, as docker/login-action runs before build-push-action: bad credentials fail in
  // seconds, and a base image in the same private registry can be pulled.
  const login = i.push && i.username && i.password ? { username: i.username, password: i.password } : undefined;
  if (login) await registryLogin(repo.registry, login.username, login.password);
  try {
    if (recipe.generated) await ensureBaseImage(i['base-image']);
    await buildTestPush(i, { repo, references, labels, recipe, builder, platforms });
  } finally {
    if (login) await registryLogout(repo.registry);
  }
}

interface Plan {
  repo: ReturnType<typeof parseImageRepository>;
  references: string[];
  labels: Record<string, string>;
  recipe: Awaited<ReturnType<typeof prepareRecipe>>;
  builder: Awaited<ReturnType<typeof detectBuilder>>;
  platforms: string[];
}

async function buildTestPush(i: InputValues<typeof inputs>, p: Plan): Promise<void> {
  const { repo, references, labels, recipe, builder, platforms } = p;

  // A generated Dockerfile carries the labels itself (one LABEL step); yours gets them as --label flags.
  const buildRequest = {
    builder,
    context: recipe.context,
    dockerfile: recipe.dockerfile,
    references,
    labels: recipe.generated ? {} : labels,
    cache: i.cache,
  };
  core.startGroup(`docker ${builder === 'buildx' ? 'buildx build' : 'build'} ${references.join(' ')}`);
  const started = Date.now();
  const imageId = await buildImage({
    ...buildRequest,
    ...(platforms.length === 1 ? { platform: platforms[0] } : {}),
    onOutput: (chunk) => process.stdout.write(chunk),
  }).finally(() => core.endGroup());
  core.info(`Built ${imageId} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let smoke: SmokeResult | undefined;
  if (i['smoke-test']) {
    smoke = await smokeTest({
      image: imageId,
      port: i.port,
      healthPath: i['health-path'],
      ...(i['smoke-request']
        ? { request: { path: i['predict-path'] ?? '', body: await readFile(i['smoke-request'], 'utf8') } }
        : {}),
      expectStatus: i['expect-status'],
      timeoutMs: i['smoke-timeout'],
    });
  } else core.warning('smoke-test is false: the image is pushed without being run once.');

  let digest: string | undefined;
  let pushedLayers: number | undefined;
  let reusedLayers: number | undefined;
  if (i.push && builder === 'buildx' && (platforms.length > 1 || i.provenance || i.sbom)) {
    digest = (await buildAndPush({ ...buildRequest, platforms, provenance: i.provenance, sbom: i.sbom })).digest;
  } else if (i.push) {
    for (const reference of references) {
      const pushed = await pushReference(reference, {
        onRetry: (n, ms, why) =>
          core.warning(`push ${reference} attempt ${n} failed (${why}); retrying in ${ms / 1000} s`),
      });
      core.info(
        `Pushed ${reference}: ${pushed.digest} (${pushed.pushedLayers} layers uploaded, ${pushed.reusedLayers} already there)`,
      );
      digest ??= pushed.digest;
      pushedLayers = (pushedLayers ?? 0) + pushed.pushedLayers;
      reusedLayers ??= pushed.reusedLayers;
    }
  }

  const facts = await inspectImage(imageId);
  digest ??= i.push ? repoDigestFor(facts, repo.name) : undefined;
  core.setOutput('image', references[0]);
  core.setOutput('tags', references.join('\n'));
  core.setOutput('digest', digest ?? '');
  core.setOutput('image-id', imageId);
  core.setOutput('labels', JSON.stringify(labels));
  const layers = layerSteps(await imageHistory(imageId));
  await publishReport({
    action: 'package-docker',
    comment: false,
    markdown: packageSummary({
      references,
      digest,
      imageId,
      size: facts.size,
      builder,
      layers,
      labels,
      smoke,
      pushed: i.push,
      pushedLayers,
      reusedLayers,
    }),
  });
}

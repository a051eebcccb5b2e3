import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as core from '@actions/core';
import { readInputs } from '@modelgate/core/inputs/read';
import { inputError } from '@modelgate/core/errors';
import { readMetricsFile } from '@modelgate/core/contracts/metrics-file';
import { publishReport } from '@modelgate/core/publish/publish-report';
import { detectBuilder, ensureBaseImage } from '@modelgate/core/docker/builder';
import { readGitContext } from '@modelgate/core/docker/git-context';
import { lineageLabels } from '@modelgate/core/docker/labels';
import { registryLogin, registryLogout } from '@modelgate/core/docker/login';
import { modelSha256 } from '@modelgate/core/docker/model-digest';
import { buildTestPush } from '@modelgate/core/docker/package-image';
import { prepareRecipe } from '@modelgate/core/docker/recipe';
import { parseImageRepository } from '@modelgate/core/docker/reference';
import { parseTagRules } from '@modelgate/core/docker/tag-rules';
import { computeTags } from '@modelgate/core/docker/tags';
import { inputs } from '../../../packages/core/src/docker/package-docker-inputs.ts';

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
    const result = await buildTestPush({
      repo,
      references,
      labels,
      recipe,
      builder,
      platforms,
      cache: i.cache,
      push: i.push,
      provenance: i.provenance,
      sbom: i.sbom,
      ...(i['smoke-test']
        ? {
            smoke: {
              port: i.port,
              healthPath: i['health-path'],
              requestFile: i['smoke-request'],
              predictPath: i['predict-path'],
              expectStatus: i['expect-status'],
              timeoutMs: i['smoke-timeout'],
            },
          }
        : {}),
    });
    core.setOutput('image', references[0]);
    core.setOutput('tags', references.join('\n'));
    core.setOutput('digest', result.digest ?? '');
    core.setOutput('image-id', result.imageId);
    core.setOutput('labels', JSON.stringify(labels));
    await publishReport({ action: 'package-docker', comment: false, markdown: result.summary });
  } finally {
    if (login) await registryLogout(repo.registry);
  }
}

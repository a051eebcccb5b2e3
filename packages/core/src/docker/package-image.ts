import * as log from '../log.ts';
import { inert, withCommandsStopped } from '../log.ts';
import { readFile } from 'node:fs/promises';
import { buildAndPush, buildImage, type detectBuilder } from './builder.ts';
import { imageHistory, inspectImage, layerSteps, repoDigestFor } from './inspect.ts';
import { pushReference } from './push.ts';
import type { prepareRecipe } from './recipe.ts';
import type { parseImageRepository } from './reference.ts';
import { packageSummary } from './summary.ts';
import { smokeTest, type SmokeResult } from './smoke.ts';
import type { Markdown } from '../report/markdown.ts';

/** What to build and where it goes, decided before anything runs. */
export interface PackagePlan {
  repo: ReturnType<typeof parseImageRepository>;
  references: string[];
  labels: Record<string, string>;
  recipe: Awaited<ReturnType<typeof prepareRecipe>>;
  builder: Awaited<ReturnType<typeof detectBuilder>>;
  platforms: string[];
  cache: boolean;
  push: boolean;
  /** buildx `--provenance` / `--sbom` values (e.g. `mode=max`, `true`); only with buildx. */
  provenance?: string | undefined;
  sbom?: string | undefined;
  /** Run the image and check it serves before anything is pushed; absent: no smoke test. */
  smoke?: {
    port: number;
    healthPath: string;
    /** A JSON body file POSTed to `predictPath`. */
    requestFile?: string | undefined;
    predictPath?: string | undefined;
    expectStatus: number;
    timeoutMs: number;
  };
}

/** What was built and pushed. */
export interface PackageResult {
  imageId: string;
  digest: string | undefined;
  summary: Markdown;
}

/**
 * Builds the image, smoke-tests it, and only then pushes every tag (issue #6): a failed smoke test throws
 * before any push. Returns the image id, the registry digest and the job summary.
 */
export async function buildTestPush(plan: PackagePlan): Promise<PackageResult> {
  const { repo, references, labels, recipe, builder, platforms } = plan;

  // A generated Dockerfile carries the labels itself (one LABEL step); yours gets them as --label flags.
  const buildRequest = {
    builder,
    context: recipe.context,
    dockerfile: recipe.dockerfile,
    references,
    labels: recipe.generated ? {} : labels,
    cache: plan.cache,
  };
  log.startGroup(`docker ${builder === 'buildx' ? 'buildx build' : 'build'} ${references.map(inert).join(' ')}`);
  const started = Date.now();
  // The build prints what the Dockerfile's steps print: never a workflow command.
  const imageId = await withCommandsStopped(() =>
    buildImage({
      ...buildRequest,
      ...(platforms.length === 1 ? { platform: platforms[0] } : {}),
      onOutput: (chunk) => process.stdout.write(chunk),
    }),
  ).finally(() => log.endGroup());
  log.info(`Built ${imageId} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let smoke: SmokeResult | undefined;
  if (plan.smoke) {
    const s = plan.smoke;
    smoke = await smokeTest({
      image: imageId,
      port: s.port,
      healthPath: s.healthPath,
      ...(s.requestFile ? { request: { path: s.predictPath ?? '', body: await readFile(s.requestFile, 'utf8') } } : {}),
      expectStatus: s.expectStatus,
      timeoutMs: s.timeoutMs,
    });
  } else log.warning('smoke-test is false: the image is pushed without being run once.');

  let digest: string | undefined;
  let pushedLayers: number | undefined;
  let reusedLayers: number | undefined;
  if (plan.push && builder === 'buildx' && (platforms.length > 1 || plan.provenance || plan.sbom)) {
    digest = (await buildAndPush({ ...buildRequest, platforms, provenance: plan.provenance, sbom: plan.sbom })).digest;
  } else if (plan.push) {
    for (const reference of references) {
      const pushed = await pushReference(reference, {
        onRetry: (n, ms, why) =>
          log.warning(`push ${inert(reference)} attempt ${n} failed (${inert(why)}); retrying in ${ms / 1000} s`),
      });
      log.info(
        `Pushed ${inert(reference)}: ${pushed.digest} (${pushed.pushedLayers} layers uploaded, ${pushed.reusedLayers} already there)`,
      );
      digest ??= pushed.digest;
      pushedLayers = (pushedLayers ?? 0) + pushed.pushedLayers;
      reusedLayers ??= pushed.reusedLayers;
    }
  }

  const facts = await inspectImage(imageId);
  digest ??= plan.push ? repoDigestFor(facts, repo.name) : undefined;
  const summary = packageSummary({
    references,
    digest,
    imageId,
    size: facts.size,
    builder,
    layers: layerSteps(await imageHistory(imageId)),
    labels,
    smoke,
    pushed: plan.push,
    pushedLayers,
    reusedLayers,
  });
  return { imageId, digest, summary };
}

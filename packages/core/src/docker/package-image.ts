import * as log from '../log.ts';
import { inert, withCommandsStopped } from '../log.ts';
import { readFile } from 'node:fs/promises';
import { buildAndPush, buildImage, type detectBuilder } from './builder.ts';
import { imageHistory, inspectImage, layerSteps, repoDigestFor } from './inspect.ts';
import { pushReference } from './push.ts';
import type { prepareRecipe } from './recipe.ts';
import type { parseImageRepository } from './reference.ts';
import type { ParityRows } from './parity-data.ts';
import { replayParity, type LatencyResult, type ParityResult } from './parity-replay.ts';
import { formatBytes, packageSummary } from './summary.ts';
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
  /** Replay these rows against the running image after the smoke test (serving parity and load). */
  parity?: {
    rows: ParityRows;
    predictPath: string;
    batchSize: number;
    concurrency: number;
    tolerance: number;
    minAgreement: number;
  };
  /** Gates checked before the push: a shortfall pushes nothing and fails the step. */
  gates?: { maxReadyMs?: number | undefined; maxImageBytes?: number | undefined; maxLatencyP95Ms?: number | undefined };
  /** Bytes of the model file or directory (the `model-size` output). */
  modelBytes: number;
  /** The metrics document's metrics, shown beside what the model costs to serve. */
  metrics?: Record<string, number> | undefined;
}

/** What was built and pushed. */
export interface PackageResult {
  imageId: string;
  digest: string | undefined;
  summary: Markdown;
  /** Uncompressed image size in bytes. */
  imageSize: number;
  /** Milliseconds from `docker run` to the first healthy answer (when the smoke test ran). */
  readyMs?: number | undefined;
  parity?: ParityResult | undefined;
  latency?: LatencyResult | undefined;
  /** Set when a gate fell short: nothing was pushed. */
  failure?: string | undefined;
}

/**
 * Builds the image, smoke-tests it, and only then pushes every tag (issue #6): a failed smoke test throws
 * before any push. Returns the image id, the registry digest and the job summary.
 */
export async function buildTestPush(p: PackagePlan): Promise<PackageResult> {
  const { repo, references, labels, recipe, builder, platforms } = p;

  // A generated Dockerfile carries the labels itself (one LABEL step); yours gets them as --label flags.
  const buildRequest = {
    builder,
    context: recipe.context,
    dockerfile: recipe.dockerfile,
    references,
    labels: recipe.generated ? {} : labels,
    cache: p.cache,
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

  const imageSize = (await inspectImage(imageId)).size;
  let replay: Awaited<ReturnType<typeof replayParity>> | undefined;
  let smoke: SmokeResult | undefined;
  if (p.smoke) {
    const s = p.smoke;
    const parity = p.parity;
    smoke = await smokeTest({
      image: imageId,
      port: s.port,
      healthPath: s.healthPath,
      ...(s.requestFile ? { request: { path: s.predictPath ?? '', body: await readFile(s.requestFile, 'utf8') } } : {}),
      expectStatus: s.expectStatus,
      timeoutMs: s.timeoutMs,
      ...(parity
        ? {
            whileServing: async (base: string) => {
              log.info(
                `Parity replay: ${parity.rows.rowNumbers.length} rows of ${parity.rows.totalRows} in batches of ${parity.batchSize}, ${parity.concurrency} requests in flight`,
              );
              replay = await replayParity(parity.rows, {
                base,
                predictPath: parity.predictPath,
                batchSize: parity.batchSize,
                concurrency: parity.concurrency,
                tolerance: parity.tolerance,
                timeoutMs: s.timeoutMs,
              });
            },
          }
        : {}),
    });
  } else log.warning('smoke-test is false: the image is pushed without being run once.');

  const shortfalls = checkGates(p, { imageSize, readyMs: smoke?.readyMs, replay });
  if (replay) logReplay(replay, p.parity?.minAgreement ?? 1);
  const cost = {
    metrics: p.metrics ?? {},
    imageSize,
    modelBytes: p.modelBytes,
    readyMs: smoke?.readyMs,
    latency: replay?.latency,
  };
  if (shortfalls.length) {
    const summary = packageSummary({
      references,
      digest: undefined,
      imageId,
      size: imageSize,
      builder,
      layers: layerSteps(await imageHistory(imageId)),
      labels,
      smoke,
      pushed: false,
      cost,
      parity: replay?.parity,
      shortfalls,
    });
    return {
      imageId,
      digest: undefined,
      summary,
      imageSize,
      readyMs: smoke?.readyMs,
      parity: replay?.parity,
      latency: replay?.latency,
      failure: `nothing was pushed: ${shortfalls.join('; ')}`,
    };
  }

  let digest: string | undefined;
  let pushedLayers: number | undefined;
  let reusedLayers: number | undefined;
  if (p.push && builder === 'buildx' && (platforms.length > 1 || p.provenance || p.sbom)) {
    digest = (await buildAndPush({ ...buildRequest, platforms, provenance: p.provenance, sbom: p.sbom })).digest;
  } else if (p.push) {
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
  digest ??= p.push ? repoDigestFor(facts, repo.name) : undefined;
  const summary = packageSummary({
    references,
    digest,
    imageId,
    size: facts.size,
    builder,
    layers: layerSteps(await imageHistory(imageId)),
    labels,
    smoke,
    pushed: p.push,
    pushedLayers,
    reusedLayers,
    cost,
    parity: replay?.parity,
    shortfalls: [],
  });
  return {
    imageId,
    digest,
    summary,
    imageSize,
    readyMs: smoke?.readyMs,
    parity: replay?.parity,
    latency: replay?.latency,
  };
}

/** Every gate that fell short, in words that say by how much. */
function checkGates(
  p: PackagePlan,
  seen: {
    imageSize: number;
    readyMs: number | undefined;
    replay: Awaited<ReturnType<typeof replayParity>> | undefined;
  },
): string[] {
  const out: string[] = [];
  const g = p.gates ?? {};
  if (g.maxImageBytes !== undefined && seen.imageSize > g.maxImageBytes)
    out.push(`the image is ${formatBytes(seen.imageSize)}, above max-image-size ${formatBytes(g.maxImageBytes)}`);
  if (g.maxReadyMs !== undefined && seen.readyMs !== undefined && seen.readyMs > g.maxReadyMs)
    out.push(
      `the server was ready after ${(seen.readyMs / 1000).toFixed(2)} s, above max-ready-time ${g.maxReadyMs / 1000} s`,
    );
  if (seen.replay && p.parity) {
    const { parity, latency } = seen.replay;
    if (parity.agreement < p.parity.minAgreement)
      out.push(
        `serving parity ${formatShare(parity.agreement)} (${parity.rows - parity.mismatched_rows} of ${parity.rows} rows agree), below parity-min-agreement ${formatShare(p.parity.minAgreement)}`,
      );
    if (g.maxLatencyP95Ms !== undefined && latency.p95_ms > g.maxLatencyP95Ms)
      out.push(`latency p95 ${latency.p95_ms} ms, above max-latency-p95 ${g.maxLatencyP95Ms} ms`);
  }
  return out;
}

function formatShare(v: number): string {
  return `${Number((v * 100).toFixed(2))}%`;
}

/** The replay's figures and its first mismatching rows, in the log (values from the data and the server made inert). */
function logReplay(replay: Awaited<ReturnType<typeof replayParity>>, minAgreement: number): void {
  const { parity, latency } = replay;
  log.info(
    `Parity replay: ${parity.rows - parity.mismatched_rows} of ${parity.rows} rows agree (${formatShare(parity.agreement)}, needed ${formatShare(minAgreement)}); ` +
      `latency p50 ${latency.p50_ms} ms, p95 ${latency.p95_ms} ms, p99 ${latency.p99_ms} ms, ${latency.requests_per_second} requests/s`,
  );
  for (const m of parity.mismatches)
    log.info(
      `  row ${m.row}: sent ${inert(JSON.stringify(m.features))} expected ${inert(JSON.stringify(m.expected))} served ${inert(JSON.stringify(m.served))}`,
    );
}

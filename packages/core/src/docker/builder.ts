import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.ts';
import { docker, tail } from './cli.ts';
import { labelArgs } from './labels.ts';
import { runnerServices, runnerTemp } from '../runner/environment.ts';

/** How images get built: BuildKit through buildx, or the classic builder where buildx is missing. */
export type Builder = 'buildx' | 'classic';

/** buildx when `docker buildx version` works (GitHub's runners); else the classic builder. */
export async function detectBuilder(): Promise<Builder> {
  const result = await docker(['buildx', 'version']);
  return result.code === 0 ? 'buildx' : 'classic';
}

/** What to build. */
export interface BuildRequest {
  builder: Builder;
  context: string;
  dockerfile: string;
  /** Full references, e.g. ghcr.io/acme/churn:sha-1234567. */
  references: string[];
  labels: Record<string, string>;
  /** buildx only: GitHub Actions cache (type=gha) for layers. */
  cache?: boolean;
  /** buildx only: the one platform to build and load (several cannot be loaded into the engine). */
  platform?: string;
  onOutput?: (chunk: string) => void;
}

async function withTempFile<T>(name: string, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(runnerTemp(), 'modelgate-build-'));
  try {
    return await use(join(dir, name));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The GitHub Actions cache backend needs the runner's cache service variables. */
function ghaCacheArgs(): string[] {
  if (!runnerServices().cache) return [];
  return ['--cache-from', 'type=gha', '--cache-to', 'type=gha,mode=max'];
}

/**
 * Builds the image into the local engine (so it can be smoke-tested before anything is pushed)
 * and returns its image id. The classic builder runs with DOCKER_BUILDKIT=0: a Docker 23+ client
 * without the buildx plugin refuses BuildKit builds ("BuildKit is enabled but the buildx component
 * is missing or broken").
 */
export async function buildImage(request: BuildRequest): Promise<string> {
  return withTempFile('iid', async (iidFile) => {
    const common = [
      '--file',
      request.dockerfile,
      '--iidfile',
      iidFile,
      ...request.references.flatMap((r) => ['--tag', r]),
      ...labelArgs(request.labels),
    ];
    const result =
      request.builder === 'buildx'
        ? await docker(
            [
              'buildx',
              'build',
              ...common,
              '--load',
              '--provenance=false',
              ...(request.cache ? ghaCacheArgs() : []),
              request.context,
            ],
            {
              onOutput: request.onOutput,
            },
          )
        : await docker(['build', ...common, request.context], {
            env: { DOCKER_BUILDKIT: '0' },
            onOutput: request.onOutput,
          });
    if (result.code !== 0) {
      throw new UserError(`docker build failed (exit ${result.code}):\n${tail(result.stdout + result.stderr, 30)}`, {
        file: request.dockerfile,
      });
    }
    return (await readFile(iidFile, 'utf8')).trim();
  });
}

/** What a buildx push build gives back. */
export interface MultiPlatformPush {
  digest: string;
}

/**
 * buildx only: builds for several platforms and/or with provenance/SBOM attestations and pushes in
 * one go (such images cannot be loaded into the engine). Runs after the smoke test of the native
 * build, and mostly hits the build cache.
 */
export async function buildAndPush(
  request: BuildRequest & { platforms: string[]; provenance?: string; sbom?: string },
): Promise<MultiPlatformPush> {
  return withTempFile('metadata.json', async (metadataFile) => {
    const args = ['buildx', 'build', '--file', request.dockerfile, '--metadata-file', metadataFile, '--push'];
    if (request.platforms.length) args.push('--platform', request.platforms.join(','));
    if (request.provenance !== undefined) args.push(`--provenance=${request.provenance}`);
    if (request.sbom !== undefined) args.push(`--sbom=${request.sbom}`);
    if (request.cache) args.push(...ghaCacheArgs());
    args.push(...request.references.flatMap((r) => ['--tag', r]), ...labelArgs(request.labels), request.context);
    const result = await docker(args, { onOutput: request.onOutput });
    if (result.code !== 0)
      throw new UserError(
        `docker buildx build --push failed (exit ${result.code}):\n${tail(result.stdout + result.stderr, 30)}`,
      );
    const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
    const digest = metadata['containerimage.digest'];
    if (typeof digest !== 'string') throw new Error('buildx wrote no containerimage.digest to its metadata file');
    return { digest };
  });
}

/**
 * Makes sure the base image is there, pulling it when it is not, so a typo or an unreachable
 * registry is reported as such instead of as a failed build step.
 */
export async function ensureBaseImage(image: string): Promise<void> {
  if ((await docker(['image', 'inspect', '--format', '{{.Id}}', image])).code === 0) return;
  const pulled = await docker(['pull', image]);
  if (pulled.code !== 0) {
    throw new UserError(
      `the base image ${image} is not on this machine and cannot be pulled: ${tail(pulled.stderr || pulled.stdout, 5)}`,
      {
        input: 'base-image',
      },
    );
  }
}

import * as log from '../log.ts';
import { inert } from '../log.ts';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseMetricsText } from '../contracts/metrics-file.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import type { GitHubContext } from '../runner/environment.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { downloadArtifactFiles, runArtifact, successfulRuns } from '../github/workflow-artifacts.ts';
import type { TrendPoint } from './summary-sections.ts';
import { runnerTemp } from '../runner/environment.ts';

export interface HistoryRequest {
  client: GitHubClient;
  context: GitHubContext;
  branch: string;
  artifactName: string;
  /** The metrics file's name inside the artifact. */
  metricsFile: string;
  /** How many earlier runs (at most). */
  limit: number;
}

/**
 * Where downloaded metrics are kept between runs. Artifacts never change once uploaded, so a file per artifact
 * id never goes stale. RUNNER_TOOL_CACHE survives between jobs on self-hosted runners; GitHub-hosted runners
 * start clean, so there the cache only saves downloads within a job.
 */
export function historyCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const root = env.RUNNER_TOOL_CACHE || runnerTemp(env);
  return join(root, 'modelgate-history');
}

async function metricsOfArtifact(r: HistoryRequest, id: number): Promise<Record<string, number> | undefined> {
  const cached = join(historyCacheDir(), r.context.repository.replace(/[^A-Za-z0-9_.-]/g, '_'), `${id}.json`);
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as Record<string, number>;
  } catch {
    // Not cached yet.
  }
  const files = await downloadArtifactFiles(r.client, r.context, id);
  const entry =
    [...files.keys()].find((n) => basename(n) === r.metricsFile) ??
    (files.size === 1 ? [...files.keys()][0] : undefined);
  if (!entry) return undefined;
  const metrics = parseMetricsText(files.get(entry)!.toString('utf8'), { file: `${r.artifactName}/${entry}` }).metrics;
  await mkdir(join(cached, '..'), { recursive: true });
  await writeFileAtomic(cached, JSON.stringify(metrics));
  return metrics;
}

/**
 * The metrics of the last `limit` successful runs of this workflow on the default branch, oldest first, read
 * from the artifacts those runs saved. Never fails the step: a trend is a nicety, so problems are warnings.
 */
export async function loadHistory(request: HistoryRequest): Promise<TrendPoint[]> {
  if (request.limit <= 0) return [];
  try {
    const points: TrendPoint[] = [];
    for (const run of await successfulRuns(request.client, request.context, request.branch, request.limit)) {
      const artifact = await runArtifact(request.client, request.context, run, request.artifactName);
      const metrics = artifact ? await metricsOfArtifact(request, artifact.id) : undefined;
      if (metrics) points.push({ label: `run ${run.runNumber}`, metrics });
    }
    log.info(`Trend: ${points.length} earlier run(s) of ${inert(request.branch)} with metrics.`);
    return points.reverse();
  } catch (error) {
    log.warning(`Could not read the trend of earlier runs: ${inert((error as Error).message)}`);
    return [];
  }
}

import { z } from 'zod';
import { docker, tail } from './cli.ts';

const InspectSchema = z.array(
  z.object({
    Id: z.string(),
    Size: z.number(),
    RepoDigests: z.array(z.string()).nullish(),
    RootFS: z.object({ Layers: z.array(z.string()).nullish() }),
    Config: z.object({ Labels: z.record(z.string(), z.string()).nullish(), User: z.string().nullish() }),
  }),
);

/** What the engine knows about a built image. */
export interface ImageFacts {
  id: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** Layer diff ids, base first. */
  layers: string[];
  labels: Record<string, string>;
  repoDigests: string[];
  user: string;
}

/** `docker image inspect`, validated. */
export async function inspectImage(image: string): Promise<ImageFacts> {
  const result = await docker(['image', 'inspect', image]);
  if (result.code !== 0) throw new Error(`docker image inspect ${image} failed: ${tail(result.stderr, 5)}`);
  const [info] = InspectSchema.parse(JSON.parse(result.stdout));
  if (!info) throw new Error(`docker image inspect ${image} returned nothing`);
  return {
    id: info.Id,
    size: info.Size,
    layers: info.RootFS.Layers ?? [],
    labels: info.Config.Labels ?? {},
    repoDigests: info.RepoDigests ?? [],
    user: info.Config.User ?? '',
  };
}

/** One step of the image's history. */
export interface HistoryStep {
  createdBy: string;
  /** Bytes the step added (0 for metadata-only steps such as ENV or LABEL). */
  size: number;
}

const HistorySchema = z.object({ CreatedBy: z.string(), Size: z.union([z.string(), z.number()]) });

/** `docker history`, oldest step first, with exact byte sizes. */
export async function imageHistory(image: string): Promise<HistoryStep[]> {
  const result = await docker(['history', '--no-trunc', '--human=false', '--format', '{{json .}}', image]);
  if (result.code !== 0) throw new Error(`docker history ${image} failed: ${tail(result.stderr, 5)}`);
  const steps = result.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => HistorySchema.parse(JSON.parse(l)))
    .map((h) => ({
      createdBy: h.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').trim(),
      size: Number(h.Size) || 0,
    }));
  return steps.reverse();
}

/** The steps that wrote files (RUN/COPY/ADD/WORKDIR or any with bytes): the image's layers, with sizes. */
export function layerSteps(history: HistoryStep[]): HistoryStep[] {
  return history
    .filter((h) => h.size > 0 || /^(COPY|ADD|RUN|WORKDIR|\/bin\/sh -c (?!#\(nop\)))/.test(h.createdBy))
    .map((h) => (h.createdBy ? h : { ...h, createdBy: '(base image)' }));
}

/** The registry digest of `repository` from RepoDigests (`repo@sha256:...`), if the engine has one. */
export function repoDigestFor(facts: ImageFacts, repository: string): string | undefined {
  const match = facts.repoDigests.find((d) => d.slice(0, d.lastIndexOf('@')) === repository);
  return match?.slice(match.lastIndexOf('@') + 1);
}

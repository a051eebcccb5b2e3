import { UserError } from '../errors.ts';
import { docker, tail } from './cli.ts';
import { withRetry, type RetryOptions } from './retry.ts';

/** What pushing one reference did. */
export interface PushResult {
  reference: string;
  /** The registry's manifest digest (sha256:...), as the registry reported it. */
  digest: string;
  /** Layers uploaded by this push, and layers the registry already had. */
  pushedLayers: number;
  reusedLayers: number;
}

/** Reads `docker push` output: the per-layer status lines and the final `digest: sha256:... size: N`. */
export function parsePushOutput(output: string): Omit<PushResult, 'reference'> | undefined {
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
  if (!digest) return undefined;
  const lines = output.split(/\r?\n/);
  const pushedLayers = new Set(lines.filter((l) => /^[0-9a-f]{12}: Pushed/.test(l)).map((l) => l.slice(0, 12))).size;
  const reusedLayers = new Set(
    lines.filter((l) => /^[0-9a-f]{12}: (Layer already exists|Mounted from)/.test(l)).map((l) => l.slice(0, 12)),
  ).size;
  return { digest, pushedLayers, reusedLayers };
}

/** Pushes one reference, retrying transient registry errors; a refusal is the user's to fix. */
export async function pushReference(reference: string, retry: RetryOptions = {}): Promise<PushResult> {
  const result = await withRetry(() => docker(['push', reference]), retry);
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0) {
    throw new UserError(`docker push ${reference} failed (exit ${result.code}): ${tail(output, 10)}`, {
      input: 'image',
    });
  }
  const parsed = parsePushOutput(output);
  if (!parsed) throw new Error(`docker push ${reference} succeeded but printed no digest:\n${tail(output, 10)}`);
  return { reference, ...parsed };
}

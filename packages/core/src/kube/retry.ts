/**
 * Writes that must happen (a rollback's): retried with backoff until they succeed or a deadline passes. A failure
 * the API server may get over (no answer, 408, 409, 429, 5xx) is retried; one it will not (400, 403, 404, 422: the
 * request itself is refused) ends the retries at once, since sending it again cannot help.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterError } from './cluster.ts';
import { ReadinessTimeout } from './readiness.ts';

/** The first wait between attempts; it doubles up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 250;
export const MAX_BACKOFF_MS = 4000;

/** May sending the same request again succeed? */
export function isTransient(e: unknown): boolean {
  if (e instanceof ReadinessTimeout) return true;
  if (!(e instanceof ClusterError)) return false;
  return e.code === 0 || e.code === 408 || e.code === 409 || e.code === 429 || e.code >= 500;
}

/** The waits between attempts: 250 ms, 500 ms, 1 s, 2 s, 4 s, 4 s ... */
export function backoff(attempt: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

export interface RetryOptions {
  /** Epoch ms after which no new attempt starts. */
  deadline: number;
  /** Which failures are worth another attempt (default isTransient). */
  retryable?: (e: unknown) => boolean;
  /** Told about each failed attempt that will be retried (for the log). */
  onRetry?: (error: Error, attempt: number, waitMs: number) => void;
}

/**
 * Runs `attempt` until it resolves; a transient failure is retried after a backoff while the deadline allows,
 * anything else (or the last failure) is thrown. `attempt` must be safe to repeat (the writes here are).
 */
export async function retryUntil<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const wait = backoff(n);
      if (!(options.retryable ?? isTransient)(e) || Date.now() + wait > options.deadline) throw e;
      options.onRetry?.(e as Error, n, wait);
      await sleep(wait);
    }
  }
}

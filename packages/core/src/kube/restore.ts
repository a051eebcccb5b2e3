/**
 * Putting traffic back on stable, verified: the write is retried with backoff until it succeeds or the deadline
 * passes, and it counts only once the object is read back as it was before the rollout. Only then may the canary
 * be deleted: deleting it while the route still sends it a share would drop that share of the requests.
 */
import { inert, warning } from '../log.ts';
import { ClusterError } from './cluster.ts';
import { isTransient, retryUntil } from './retry.ts';

/** What puts traffic back on stable: one write (safe to repeat) and a read-back. */
export interface Restoration {
  /** The object restored, for messages: `HTTPRoute default/churn`. */
  readonly what: string;
  /** Writes the object back as it was before the rollout. */
  write(): Promise<void>;
  /**
   * Reads it back: undefined when stable takes all the traffic as before the rollout, else what differs. May wait
   * until `deadline` for what takes time (replicas becoming ready).
   */
  check(deadline: number): Promise<string | undefined>;
}

/** The object was written but does not read back as restored. */
class NotRestored extends Error {}

/** Traffic could not be put back on stable before the deadline: the canary must stay. */
export class RestoreFailed extends ClusterError {
  /** How the object last read back (`could not be read` when it could not). */
  readonly state: string;
  /** The last attempt's error. */
  readonly lastError: string;
  constructor(what: string, lastError: string, code: number, state: string) {
    super(`could not restore ${what}: ${lastError}`, code);
    this.name = 'RestoreFailed';
    this.state = state;
    this.lastError = lastError;
  }
}

/** Writes and reads back until verified; RestoreFailed (with the last error and the state read) at the deadline. */
export async function restoreVerified(restoration: Restoration, deadline: number): Promise<void> {
  const { what } = restoration;
  try {
    await retryUntil(
      async () => {
        await restoration.write();
        const problem = await restoration.check(deadline);
        if (problem) throw new NotRestored(`${what} reads back ${problem}`);
      },
      {
        deadline,
        retryable: (e) => e instanceof NotRestored || isTransient(e),
        onRetry: (e, attempt, waitMs) =>
          warning(
            `Restoring ${what} failed (attempt ${attempt}): ${inert(e.message)}. Trying again in ${waitMs / 1000} s.`,
          ),
      },
    );
  } catch (e) {
    // The write may have taken although its answer was lost: what the object says now decides.
    const state = await restoration.check(Date.now()).catch(() => 'could not be read');
    if (state === undefined) return;
    const code = e instanceof ClusterError ? e.code : 0;
    throw new RestoreFailed(what, (e as Error).message, code, state);
  }
}

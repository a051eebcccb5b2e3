import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Registry failures worth another try: 5xx answers and dropped connections. Auth errors, unknown
 * repositories and "denied" are not: trying again cannot fix them.
 */
export function isTransientRegistryError(output: string): boolean {
  const text = output.toLowerCase();
  if (/\b(unauthorized|denied|authentication required|not found|name unknown|manifest invalid)\b/.test(text))
    return false;
  return (
    /(status|http|code)[: ]+5\d\d\b|\b5\d\d (internal|bad gateway|service unavailable|gateway)/.test(text) ||
    /(connection reset|connection refused|broken pipe|i\/o timeout|tls handshake timeout|unexpected eof|server misbehaving|temporary failure|service unavailable|bad gateway|gateway time-?out|too many requests)/.test(
      text,
    )
  );
}

/** Retry settings: attempts in total, and the first delay (doubled after each failure). */
export interface RetryOptions {
  attempts?: number;
  delayMs?: number;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
}

/**
 * Runs `attempt` until it succeeds, or fails with an error that is not transient, or the attempts
 * run out; waits 1 s, 2 s, 4 s... between tries (exponential backoff, as the Docker CLI's own
 * push retries do).
 */
export async function withRetry<T extends { code: number; stdout: string; stderr: string }>(
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  let delay = options.delayMs ?? 1000;
  for (let i = 1; ; i++) {
    const result = await attempt();
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.code === 0 || i >= attempts || !isTransientRegistryError(output)) return result;
    options.onRetry?.(i, delay, output.trim().split('\n').pop() ?? '');
    await sleep(delay);
    delay *= 2;
  }
}

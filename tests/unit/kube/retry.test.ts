import { describe, expect, it } from 'vitest';
import { ClusterError } from '@modelgate/core/kube/cluster';
import { backoff, isTransient, retryUntil } from '@modelgate/core/kube/retry';

describe('retryUntil: the writes a rollback must make', () => {
  it('backs off 250 ms, doubling up to 4 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(backoff)).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('retries what the API server may get over, not a request it refuses', () => {
    expect([0, 408, 409, 429, 500, 503].map((code) => isTransient(new ClusterError('x', code)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 403, 404, 422].map((code) => isTransient(new ClusterError('x', code)))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isTransient(new Error('a bug'))).toBe(false);
  });

  it('succeeds after transient failures, telling each retry', async () => {
    let calls = 0;
    const retries: string[] = [];
    const value = await retryUntil(
      async () => {
        calls += 1;
        if (calls < 3) throw new ClusterError(`HTTP 500 #${calls}`, 500);
        return 'done';
      },
      { deadline: Date.now() + 5000, onRetry: (e, n, wait) => retries.push(`${n} ${wait} ${e.message}`) },
    );
    expect(value).toBe('done');
    expect(retries).toEqual(['1 250 HTTP 500 #1', '2 500 HTTP 500 #2']);
  });

  it('gives up with the last error once the next wait would pass the deadline', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      retryUntil(
        async () => {
          calls += 1;
          throw new ClusterError(`HTTP 503 #${calls}`, 503);
        },
        { deadline: Date.now() + 1000 },
      ),
    ).rejects.toThrow('HTTP 503 #3');
    // Attempts at 0, 250 and 750 ms; the next (at 1750 ms) would be past the deadline.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry a refused request', async () => {
    let calls = 0;
    await expect(
      retryUntil(
        async () => {
          calls += 1;
          throw new ClusterError('HTTP 422: test failed', 422);
        },
        { deadline: Date.now() + 60_000 },
      ),
    ).rejects.toThrow('HTTP 422');
    expect(calls).toBe(1);
  });
});

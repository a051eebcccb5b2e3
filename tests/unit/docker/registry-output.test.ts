import { describe, expect, it } from 'vitest';
import { parsePushOutput } from '@modelgate/core/docker/push';
import { isTransientRegistryError, withRetry } from '@modelgate/core/docker/retry';

describe('docker push output', () => {
  it('reads the digest and counts pushed and reused layers', () => {
    const out = [
      'The push refers to repository [127.0.0.1:5000/churn]',
      '5f70bf18a086: Preparing',
      'a1b2c3d4e5f6: Preparing',
      '0123456789ab: Preparing',
      'a1b2c3d4e5f6: Layer already exists',
      '0123456789ab: Mounted from other/repo',
      '5f70bf18a086: Pushed',
      `main: digest: sha256:${'e'.repeat(64)} size: 1154`,
    ].join('\n');
    expect(parsePushOutput(out)).toEqual({ digest: `sha256:${'e'.repeat(64)}`, pushedLayers: 1, reusedLayers: 2 });
    expect(parsePushOutput('no digest here')).toBeUndefined();
  });
});

describe('transient registry errors', () => {
  it.each([
    'received unexpected HTTP status: 500 Internal Server Error',
    'error: 503 Service Unavailable',
    'read tcp 127.0.0.1:1->127.0.0.1:5000: read: connection reset by peer',
    'net/http: TLS handshake timeout',
    'Get "https://ghcr.io/v2/": dial tcp: i/o timeout',
  ])('retries %s', (text) => expect(isTransientRegistryError(text)).toBe(true));

  it.each([
    'unauthorized: authentication required',
    'denied: requested access to the resource is denied',
    'name unknown: repository name not known to registry',
    'size: 528',
  ])('does not retry %s', (text) => expect(isTransientRegistryError(text)).toBe(false));

  it('retries with backoff until success, and stops at once on a permanent error', async () => {
    const answers = [
      { code: 1, stdout: '', stderr: 'received unexpected HTTP status: 502 Bad Gateway' },
      { code: 1, stdout: '', stderr: 'connection reset by peer' },
      { code: 0, stdout: 'ok', stderr: '' },
    ];
    const delays: number[] = [];
    const result = await withRetry(async () => answers.shift()!, { delayMs: 1, onRetry: (_i, d) => delays.push(d) });
    expect(result.stdout).toBe('ok');
    expect(delays).toEqual([1, 2]);

    let calls = 0;
    const denied = await withRetry(async () => (calls++, { code: 1, stdout: '', stderr: 'unauthorized' }), {
      delayMs: 1,
    });
    expect(denied.code).toBe(1);
    expect(calls).toBe(1);
  });
});

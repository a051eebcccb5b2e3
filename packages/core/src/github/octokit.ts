import * as log from '../log.ts';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
// the light build, which @octokit/plugin-throttling itself uses (no clustering)
import Bottleneck from 'bottleneck/light.js';
import { MAX_RETRIES, RETRY_BASE_MS } from './retry-policy.ts';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  /**
   * Space requests that write as GitHub asks integrations to (@octokit/plugin-throttling: one write a second, a
   * comment or issue that notifies every 3 seconds). On by default; off only where no request reaches GitHub (the
   * loopback stand-in of the unit tests, which would otherwise spend most of their time waiting).
   */
  spaceWrites?: boolean;
}

/** Limiters that run writes one at a time without waiting between them (`spaceWrites: false`). */
function unspacedWrites(): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  };
}

/**
 * An Octokit for the run's API (GHES too) that retries transient failures (5xx, connection errors, secondary rate
 * limits honouring retry-after), spaces its writes and never prints the token: it is registered as a secret first.
 */
export function githubClient(token: string, apiUrl: string, settings: GitHubClientOptions = {}): GitHubClient {
  log.setSecret(token);
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      userAgent: 'modelgate',
      retry: { retries: MAX_RETRIES, retryAfterBaseValue: RETRY_BASE_MS },
      throttle: {
        ...(settings.spaceWrites === false ? unspacedWrites() : {}),
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          log.warning(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s.`);
          return retryCount < MAX_RETRIES;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          log.warning(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s.`);
          return retryCount < MAX_RETRIES;
        },
      },
    },
    retry,
    throttling,
  );
}

export { httpStatus } from './http-status.ts';

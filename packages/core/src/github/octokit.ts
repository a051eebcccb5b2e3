import * as log from '../log.ts';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { MAX_RETRIES, RETRY_BASE_MS } from './retry-policy.ts';

export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * An Octokit for the run's API (GHES too) that retries transient failures (5xx, connection errors, secondary rate
 * limits honouring retry-after) and never prints the token: it is registered as a secret first.
 */
export function githubClient(token: string, apiUrl: string): GitHubClient {
  log.setSecret(token);
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      userAgent: 'modelgate',
      retry: { retries: MAX_RETRIES, retryAfterBaseValue: RETRY_BASE_MS },
      throttle: {
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

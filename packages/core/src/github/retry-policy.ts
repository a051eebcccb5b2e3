/** How often a rate-limited or failing request is tried again before the error surfaces. */
export const MAX_RETRIES = 3;

/**
 * The base of @octokit/plugin-retry's quadratic backoff: a 5xx or a connection error is tried again after 0.4,
 * 1.6 and 3.6 s, 5.6 s in all. Transient GitHub errors clear within that; an API that cannot be reached is then
 * reported in seconds (the plugin's default base of 1 s made it 14 s per request, 52 s for one artifact lookup).
 */
export const RETRY_BASE_MS = 400;

/**
 * Per-request options for a write that must not be repeated blindly (creating a comment): when its answer is lost
 * after GitHub did the write (a 502), sending it again would do it twice. The caller looks before it retries.
 * Secondary rate limits are still retried by the throttling plugin: GitHub refused those requests outright.
 */
export const NOT_RETRIED = { retries: 0 } as const;

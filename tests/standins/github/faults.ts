import { DOCS, type Reply } from './http.ts';

/** Which requests a fault hits: `METHOD /template` of the description (or `* /template`), a RegExp tested on `METHOD /path`, or a predicate. */
export type FaultMatcher =
  string | RegExp | ((request: { method: string; path: string; operation?: string }) => boolean);

/** The answer a fault gives instead of the route's, `times` times (default once; Infinity for always). */
export interface FaultSpec {
  status: number;
  times?: number;
  /**
   * The route runs first (its effect stays, e.g. the comment is created) and only its answer is replaced: a
   * response lost between GitHub's backend and the client, as a 502 from the front end after the write.
   */
  afterRoute?: boolean;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ArmedFault {
  matcher: FaultMatcher;
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

/** True when the fault applies to this request. */
export function faultMatches(
  matcher: FaultMatcher,
  request: { method: string; path: string; operation?: string },
): boolean {
  if (typeof matcher === 'function') return matcher(request);
  if (matcher instanceof RegExp) return matcher.test(`${request.method} ${request.path}`);
  const [method = '', template = ''] = matcher.split(' ');
  const op = request.operation?.split(' ');
  return (
    (method === '*' || method.toUpperCase() === request.method) && (op?.[1] === template || request.path === template)
  );
}

/** The reply a fault produces. */
export function faultReply(spec: FaultSpec): Reply {
  return {
    status: spec.status,
    headers: spec.headers ?? {},
    body: spec.body ?? { message: 'fault injected by the stand-in' },
  };
}

/** A 502 as GitHub's front end sends it for a transient backend failure. */
export function badGateway(times = 1): FaultSpec {
  return { status: 502, times, body: { message: 'Server Error' } };
}

/** The write happens, but the client gets a 502 instead of its answer (the response was lost on the way). */
export function lostResponse(times = 1): FaultSpec {
  return { status: 502, times, afterRoute: true, body: { message: 'Server Error' } };
}

/**
 * A secondary rate limit exactly as GitHub sends it: 403, `retry-after`, and the message that
 * @octokit/plugin-throttling recognises (`/\bsecondary rate\b/i`), with x-ratelimit-remaining not zero.
 */
export function secondaryRateLimit(times = 1, retryAfterSeconds = 1): FaultSpec {
  return {
    status: 403,
    times,
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '4990' },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0400:2F5A:1B2C3D:4E5F60:66A1B2C3.',
      documentation_url:
        'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

/** The 422 GitHub answers to an issue comment body over 65,536 characters. */
export function bodyTooLong(times = 1): FaultSpec {
  return { status: 422, times, body: commentTooLongBody() };
}

/** GitHub's exact validation body for a too-long comment. */
export function commentTooLongBody(): Record<string, unknown> {
  return {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)',
      },
    ],
    documentation_url: `${DOCS}/issues/comments#create-an-issue-comment`,
    status: '422',
  };
}

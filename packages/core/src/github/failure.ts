import { inputError, type UserError } from '../errors.ts';
import { MAX_RETRIES } from './retry-policy.ts';

/**
 * GitHub failing is not a bug in modelgate: an API that cannot be reached, a 5xx that outlasts the retries, a 422
 * or a refused token are facts about GitHub or the job's setup. These helpers recognise such errors (as Octokit
 * throws them) and say what happened in the user's words, so callers can warn or name the input instead of
 * reporting an internal error.
 */

interface OctokitError {
  name: string;
  message: string;
  status?: number;
  /** Present when GitHub answered; absent when no answer came (connection refused, DNS, reset). */
  response?: unknown;
  request?: unknown;
}

function asOctokitError(error: unknown): OctokitError | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & Partial<OctokitError>;
  // @octokit/request throws an HttpError (RequestError) for HTTP errors and for fetch failures (status 500, no
  // response); @octokit/graphql throws a GraphqlResponseError for a 200 that carries `errors`.
  if (e.name === 'HttpError' && typeof e.status === 'number' && e.request !== undefined) return e;
  if (e.name === 'GraphqlResponseError') return e;
  return undefined;
}

/** True for an error that came from talking to GitHub (as opposed to a bug in our code). */
export function isGitHubFailure(error: unknown): boolean {
  return asOctokitError(error) !== undefined;
}

/**
 * True when the request may have been carried out though it failed: no answer, or a 5xx from GitHub's front end
 * (which can come after the backend did the write). 4xx answers are refusals: nothing was done.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  const e = asOctokitError(error);
  if (!e || e.name !== 'HttpError') return false;
  return e.response === undefined || (e.status ?? 0) >= 500;
}

/**
 * What went wrong, for a warning or an error: `the GitHub API at … could not be reached (…) after 4 tries`.
 * `tries` is how often the request was sent (the client retries 5xx and connection errors MAX_RETRIES times).
 */
export function describeGitHubFailure(error: unknown, apiUrl: string, tries = MAX_RETRIES + 1): string {
  const e = asOctokitError(error);
  // Octokit appends GitHub's documentation link to the message; the status says enough.
  const message = (error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .replace(/\s+-\s+https?:\S+$/, '');
  if (!e) return message;
  if (e.name === 'GraphqlResponseError') return `GitHub's GraphQL API answered with errors (${message})`;
  if (e.response === undefined)
    return `the GitHub API at ${apiUrl} could not be reached (${message})${tries > 1 ? ` after ${tries} tries` : ''}`;
  if ((e.status ?? 0) >= 500)
    return `GitHub answered HTTP ${e.status} (${message})${tries > 1 ? ', also when tried again' : ''}`;
  return `GitHub answered HTTP ${e.status} (${message})`;
}

/** What the user can do about a failure, by kind. */
function remedy(error: unknown): string {
  const e = asOctokitError(error);
  if (!e || e.response === undefined || (e.status ?? 0) >= 500)
    return 'Check that the runner can reach GitHub (GITHUB_API_URL), or re-run the job.';
  if (e.status === 401) return 'The token was refused: check the github-token input.';
  if (e.status === 403)
    return 'The token may not read this: give the job `permissions: actions: read` (or a token that can).';
  if (e.status === 404) return 'GitHub does not know it under this token: check the repository and the token.';
  return 'See GitHub’s message above.';
}

/**
 * A GitHub failure while doing `what` for an input, as a UserError naming the input; anything else is rethrown
 * unchanged (a bug stays a bug).
 */
export function gitHubInputError(input: string, what: string, error: unknown, apiUrl: string): UserError {
  if (!isGitHubFailure(error)) throw error;
  return inputError(input, `${what}: ${describeGitHubFailure(error, apiUrl)}. ${remedy(error)}`);
}

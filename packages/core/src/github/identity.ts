import type { GitHubClient } from './octokit.ts';

/**
 * Who the token acts as. We edit or delete only comments this account wrote: a hidden marker can be quoted by
 * anyone, an author cannot be forged.
 *
 * How it is learned: GraphQL's `viewer`, which answers for every kind of token. A personal access token (classic
 * or fine-grained), an OAuth token or an App's user token acts as a person, and `viewer.login` is that person's
 * login. An installation token (GITHUB_TOKEN is one, for the GitHub Actions App) acts as the App's bot, and
 * `viewer.login` is `<app-slug>[bot]` (`github-actions[bot]` for GITHUB_TOKEN). REST has no equivalent that works
 * for both: `GET /user` answers 403 "Resource not accessible by integration" to installation tokens, and
 * `GET /app` needs the App's private-key JWT, which a workflow step does not have.
 */
export interface TokenIdentity {
  login: string;
  /** An App's bot (login `<app-slug>[bot]`, REST `user.type` `Bot`), not a person. */
  bot: boolean;
}

/** Asks GitHub who the token acts as (one GraphQL request). */
export async function tokenIdentity(client: GitHubClient): Promise<TokenIdentity> {
  const { viewer } = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
  return { login: viewer.login, bot: viewer.login.endsWith('[bot]') };
}

/**
 * True when `author` (a REST `user` object) is the token's account. Logins are compared case-insensitively, as
 * GitHub does; a bot must also be typed `Bot`. `[` and `]` cannot appear in a person's login, so no person can
 * pass for `<app-slug>[bot]`.
 */
export function isAuthoredBy(
  author: { login?: string | null; type?: string | null } | null | undefined,
  me: TokenIdentity,
): boolean {
  if (!author?.login || author.login.toLowerCase() !== me.login.toLowerCase()) return false;
  return me.bot ? author.type === 'Bot' : author.type !== 'Bot';
}

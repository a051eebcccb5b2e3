import { DOCS, type Reply, type RestHandler } from '../http.ts';
import { account } from '../payloads.ts';

/**
 * `GET /user`: the account a personal access token acts as. An installation token (GITHUB_TOKEN, a GitHub App's)
 * acts as the App's bot and gets 403 "Resource not accessible by integration", as on GitHub.
 */
const authenticated: RestHandler = (ctx): Reply => {
  const me = ctx.settings.identity;
  if (me.type === 'Bot') {
    return {
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}/users/users#get-the-authenticated-user`,
        status: '403',
      },
    };
  }
  return { status: 200, body: { ...account(ctx.urls, me), name: me.login, created_at: '2015-01-01T00:00:00Z' } };
};

/** User routes, keyed by the description's operation. */
export const userRoutes: Record<string, RestHandler> = {
  'GET /user': authenticated,
};

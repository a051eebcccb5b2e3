import { commentTooLongBody } from '../faults.ts';
import { intParam, notFound, validationFailed, type RestContext, type RestHandler, type Reply } from '../http.ts';
import { paginate } from '../pagination.ts';
import { comment } from '../payloads.ts';
import { sameRepo, type StoredComment } from '../state.ts';

/** GitHub's issue and pull request comment body limit, counted in characters. */
export const COMMENT_LIMIT = 65_536;

function isPull(ctx: RestContext, c: StoredComment): boolean {
  return ctx.state.pulls.some((p) => sameRepo(p, c.owner, c.repo) && p.number === c.issue);
}

function render(ctx: RestContext, c: StoredComment): Record<string, unknown> {
  return comment(ctx.urls, c, isPull(ctx, c));
}

function tooLong(ctx: RestContext, body: string): Reply | undefined {
  // Ruby's String#length counts code points, so does this.
  let length = 0;
  for (const _ of body) length++;
  if (ctx.settings.enforceCommentLimit && length > COMMENT_LIMIT) return { status: 422, body: commentTooLongBody() };
  return undefined;
}

function find(ctx: RestContext): StoredComment | undefined {
  const id = intParam(ctx, 'comment_id');
  return ctx.state.comments.find((c) => c.id === id && sameRepo(c, ctx.params.owner ?? '', ctx.params.repo ?? ''));
}

const list: RestHandler = (ctx): Reply => {
  const issue = intParam(ctx, 'issue_number');
  const since = ctx.query.get('since');
  const all = ctx.state.comments
    .filter((c) => sameRepo(c, ctx.params.owner ?? '', ctx.params.repo ?? '') && c.issue === issue)
    .filter((c) => !since || c.updated_at >= since)
    .sort((a, b) => a.id - b.id);
  const page = paginate(all, ctx.requestUrl);
  const headers: Record<string, string> = page.link ? { link: page.link } : {};
  return { status: 200, headers, body: page.items.map((c) => render(ctx, c)) };
};

const create: RestHandler = (ctx) => {
  const body = String(ctx.json.body);
  const refused = tooLong(ctx, body);
  if (refused) return refused;
  const at = ctx.state.now();
  const stored: StoredComment = {
    id: ctx.state.id(),
    owner: ctx.params.owner ?? '',
    repo: ctx.params.repo ?? '',
    issue: intParam(ctx, 'issue_number'),
    body,
    user: ctx.settings.identity,
    created_at: at,
    updated_at: at,
  };
  ctx.state.comments.push(stored);
  const payload = render(ctx, stored);
  return { status: 201, headers: { location: String(payload.url) }, body: payload };
};

const get: RestHandler = (ctx) => {
  const found = find(ctx);
  return found ? { status: 200, body: render(ctx, found) } : notFound();
};

const update: RestHandler = (ctx) => {
  const found = find(ctx);
  if (!found) return notFound();
  const body = String(ctx.json.body);
  const refused = tooLong(ctx, body);
  if (refused) return refused;
  if (body.trim() === '') return validationFailed('IssueComment', 'body', 'missing_field');
  found.body = body;
  found.updated_at = ctx.state.now();
  return { status: 200, body: render(ctx, found) };
};

const remove: RestHandler = (ctx) => {
  const found = find(ctx);
  if (!found) return notFound();
  ctx.state.comments = ctx.state.comments.filter((c) => c !== found);
  return { status: 204 };
};

/** Issue comment routes, keyed by the description's operation. */
export const commentRoutes: Record<string, RestHandler> = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': list,
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': create,
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': get,
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': update,
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': remove,
};

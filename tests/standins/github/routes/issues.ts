import { intParam, notFound, validationFailed, type RestContext, type RestHandler, type Reply } from '../http.ts';
import { paginate } from '../pagination.ts';
import { COMMENT_LIMIT } from './comments.ts';
import { issue } from '../payloads.ts';
import { sameRepo, type StoredIssue } from '../state.ts';

// Issues as api.github.com serves them: the list filters by state (open by default) and by labels (an issue must
// carry every label named), sorts newest first by default, includes pull requests (with a `pull_request` field)
// and pages with a Link header; create answers 201 and stores the labels, creating them on the fly as GitHub does
// for a token that may push; update edits title, body, labels and state.

function inRepo(ctx: RestContext): StoredIssue[] {
  return ctx.state.issues.filter((i) => sameRepo(i, ctx.params.owner ?? '', ctx.params.repo ?? ''));
}

function find(ctx: RestContext): StoredIssue | undefined {
  const number = intParam(ctx, 'issue_number');
  return inRepo(ctx).find((i) => i.number === number);
}

/** GitHub limits an issue's body to 65,536 characters (code points), as a comment's. */
function tooLong(ctx: RestContext, body: unknown): Reply | undefined {
  if (typeof body !== 'string' || !ctx.settings.enforceCommentLimit) return undefined;
  let length = 0;
  for (const _ of body) length++;
  return length > COMMENT_LIMIT
    ? validationFailed('Issue', 'body', 'custom', `body is too long (maximum is ${COMMENT_LIMIT} characters)`)
    : undefined;
}

function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''))).filter(Boolean);
}

const list: RestHandler = (ctx): Reply => {
  const state = ctx.query.get('state') ?? 'open';
  const labels = (ctx.query.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const direction = ctx.query.get('direction') ?? 'desc';
  const sort = ctx.query.get('sort') ?? 'created';
  const all = inRepo(ctx)
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
    .sort((a, b) => {
      const key = sort === 'updated' ? 'updated_at' : 'created_at';
      const order = a[key] === b[key] ? a.number - b.number : a[key] < b[key] ? -1 : 1;
      return direction === 'asc' ? order : -order;
    });
  const page = paginate(all, ctx.requestUrl);
  return {
    status: 200,
    ...(page.link ? { headers: { link: page.link } } : {}),
    body: page.items.map((i) => issue(ctx.urls, i)),
  };
};

const create: RestHandler = (ctx) => {
  const title = ctx.json.title;
  if (title === undefined || String(title).trim() === '') return validationFailed('Issue', 'title', 'missing_field');
  const refused = tooLong(ctx, ctx.json.body);
  if (refused) return refused;
  const at = ctx.state.now();
  const owner = ctx.params.owner ?? '';
  const repo = ctx.params.repo ?? '';
  const stored: StoredIssue = {
    id: ctx.state.id(),
    owner,
    repo,
    number: ctx.state.nextNumber(owner, repo),
    title: String(title),
    body: typeof ctx.json.body === 'string' ? ctx.json.body : null,
    state: 'open',
    state_reason: null,
    labels: labelNames(ctx.json.labels),
    user: ctx.settings.identity,
    pull: false,
    created_at: at,
    updated_at: at,
    closed_at: null,
  };
  ctx.state.issues.push(stored);
  const payload = issue(ctx.urls, stored);
  return { status: 201, headers: { location: String(payload.url) }, body: payload };
};

const get: RestHandler = (ctx) => {
  const found = find(ctx);
  return found ? { status: 200, body: issue(ctx.urls, found) } : notFound();
};

const update: RestHandler = (ctx) => {
  const found = find(ctx);
  if (!found) return notFound();
  const j = ctx.json;
  const refused = tooLong(ctx, j.body);
  if (refused) return refused;
  if (typeof j.title === 'string') found.title = j.title;
  if (typeof j.body === 'string' || j.body === null) found.body = j.body;
  if (Array.isArray(j.labels)) found.labels = labelNames(j.labels);
  if (j.state === 'closed' && found.state === 'open') {
    found.state = 'closed';
    found.state_reason = typeof j.state_reason === 'string' ? j.state_reason : 'completed';
    found.closed_at = ctx.state.now();
  } else if (j.state === 'open' && found.state === 'closed') {
    found.state = 'open';
    found.state_reason = 'reopened';
    found.closed_at = null;
  }
  found.updated_at = ctx.state.now();
  return { status: 200, body: issue(ctx.urls, found) };
};

/** Issue routes, keyed by the description's operation. */
export const issueRoutes: Record<string, RestHandler> = {
  'GET /repos/{owner}/{repo}/issues': list,
  'POST /repos/{owner}/{repo}/issues': create,
  'GET /repos/{owner}/{repo}/issues/{issue_number}': get,
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': update,
};

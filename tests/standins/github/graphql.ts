import type { GraphQLSchema, IntrospectionQuery } from 'graphql';
import type { Reply, Settings } from './http.ts';

// GitHub's GraphQL API (POST /graphql, /api/graphql on GHES), checked against GitHub's published schema: the
// introspection of api.github.com that @octokit/graphql-schema ships. A query is validated by graphql-js and run
// against a root value holding what the stand-in knows; GitHub answers 200 with `errors` to a query its schema
// refuses, and so does the stand-in, which also records it as a violation. The schema is 7 MB: it is loaded the
// first time a test sends a query.

let schemaReady: Promise<GraphQLSchema> | undefined;

function githubSchema(): Promise<GraphQLSchema> {
  schemaReady ??= (async () => {
    const [{ schema }, { buildClientSchema }] = await Promise.all([
      import('@octokit/graphql-schema'),
      import('graphql'),
    ]);
    return buildClientSchema(schema.json as IntrospectionQuery);
  })();
  return schemaReady;
}

/** What the stand-in's root fields answer: the token's account as `viewer` (a Bot's login ends in `[bot]`). */
function rootValue(settings: Settings): Record<string, unknown> {
  const me = settings.identity;
  return {
    viewer: {
      login: me.login,
      databaseId: me.id,
      id: Buffer.from(`04:${me.type}${me.id}`).toString('base64'),
      url: `https://github.com/${me.type === 'Bot' ? `apps/${me.login.replace(/\[bot\]$/, '')}` : me.login}`,
    },
  };
}

/** Answers one GraphQL request; `violation` is called with the reason when GitHub's schema refuses it. */
export async function handleGraphql(
  json: unknown,
  settings: Settings,
  violation: (reason: string) => void,
): Promise<Reply> {
  const request = (json ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  const refuse = (message: string): Reply => {
    violation(`GraphQL: ${message}`);
    return { status: 200, body: { errors: [{ message }] } };
  };
  if (typeof request.query !== 'string') return refuse('the body has no `query` string');
  const [schema, { parse, validate, execute }] = await Promise.all([githubSchema(), import('graphql')]);
  let document;
  try {
    document = parse(request.query);
  } catch (error) {
    return refuse((error as Error).message);
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return refuse(errors.map((e) => e.message).join('; '));
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(settings),
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
    operationName: typeof request.operationName === 'string' ? request.operationName : null,
  });
  return {
    status: 200,
    body: { data: result.data ?? null, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) },
  };
}

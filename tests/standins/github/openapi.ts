import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { deref, toJsonSchema, type SchemaNode } from './schema.ts';

// Requests are checked against GitHub's own REST description, as published in @octokit/openapi
// (generated/api.github.com.json, OpenAPI 3.0.3). The file is 13 MB: it is parsed once per process, and a
// validator is compiled only for an operation a test actually calls.

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaNode;
}

interface OperationObject {
  operationId?: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaNode }> } | { $ref: string };
}

/** An operation of the description that a request matched. */
export interface MatchedOperation {
  /** `METHOD /template`, e.g. `POST /repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  key: string;
  operationId: string;
  params: Record<string, string>;
}

/** The verdict on one request: the operation it maps to, or why GitHub's description does not allow it. */
export type RequestCheck =
  { ok: true; operation: MatchedOperation } | { ok: false; reason: string; operation?: MatchedOperation };

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  literals: number;
}

interface Compiled {
  params: Array<{ param: Parameter; validate: ValidateFunction }>;
  body?: { required: boolean; validate?: ValidateFunction };
}

type Description = SchemaNode & { paths: Record<string, Record<string, unknown>> };

let loading: Promise<Description> | undefined;
let description: Description | undefined;
const routes = new Map<string, Route[]>();
const compiled = new Map<string, Compiled>();

// Formats are checked in bodies (GitHub rejects a malformed `started_at`), not in query strings, where GitHub
// accepts more than the description says (e.g. `created=>=2024-01-01` for a date-time parameter).
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const bodyAjv = addFormats(new Ajv({ strict: false, allErrors: true, logger: false }));
const paramAjv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });

/** Parses the description once per process (about 0.2 s); later calls return the cached copy. */
export function loadDescription(): Promise<Description> {
  loading ??= (async () => {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    description = JSON.parse(await readFile(file, 'utf8')) as Description;
    return description;
  })();
  return loading;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function routesFor(doc: Description, method: string): Route[] {
  const cached = routes.get(method);
  if (cached) return cached;
  const list: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!item[method]) continue;
    const names: string[] = [];
    let literals = 0;
    const source = template
      .split('/')
      .map((segment) =>
        segment
          .split(/(\{[^}]+\})/)
          .map((part) => {
            if (part.startsWith('{') && part.endsWith('}')) {
              names.push(part.slice(1, -1));
              return '([^/]+?)';
            }
            literals += part.length;
            return escapeRegExp(part);
          })
          .join(''),
      )
      .join('/');
    list.push({ template, pattern: new RegExp(`^${source}$`), names, literals });
  }
  // Literal text wins over a parameter: /issues/comments/{comment_id} before /issues/{issue_number}/...
  list.sort((a, b) => b.literals - a.literals);
  routes.set(method, list);
  return list;
}

/** Finds the operation for a method and a path (without the API prefix); undefined when GitHub has none. */
export function matchOperation(doc: Description, method: string, path: string): MatchedOperation | undefined {
  const lower = method.toLowerCase();
  for (const route of routesFor(doc, lower)) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1] ?? '');
    });
    const op = doc.paths[route.template]?.[lower] as OperationObject;
    return { key: `${method.toUpperCase()} ${route.template}`, operationId: op.operationId ?? '', params };
  }
  return undefined;
}

function compile(doc: Description, key: string): Compiled {
  const cached = compiled.get(key);
  if (cached) return cached;
  const [method = '', template = ''] = key.split(' ');
  const item = doc.paths[template] as Record<string, unknown> & { parameters?: OperationObject['parameters'] };
  const op = item[method.toLowerCase()] as OperationObject;
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref<Parameter>(doc, p));
  const result: Compiled = {
    params: params
      .filter((p) => p.in === 'path' || p.in === 'query')
      .map((param) => ({ param, validate: paramAjv.compile(toJsonSchema(param.schema ?? {}, doc)) })),
  };
  if (op.requestBody) {
    const body = deref<NonNullable<Exclude<OperationObject['requestBody'], { $ref: string }>>>(doc, op.requestBody);
    const schema = body.content?.['application/json']?.schema;
    result.body = { required: body.required === true };
    if (schema) result.body.validate = bodyAjv.compile(toJsonSchema(schema, doc));
  }
  compiled.set(key, result);
  return result;
}

// Path and query values arrive as text; the description types them. Convert the way GitHub reads them.
function coerce(value: string, schema: SchemaNode | undefined): unknown {
  const type = schema?.type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'array') return value.split(',');
  return value;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
    )
    .join('; ');
}

/** Checks method, path, path and query parameters, and the JSON body against GitHub's description. */
export function checkRequest(
  doc: Description,
  method: string,
  path: string,
  query: URLSearchParams,
  body: { text: string; json: unknown; parseError?: string },
): RequestCheck {
  const operation = matchOperation(doc, method, path);
  if (!operation)
    return { ok: false, reason: `${method} ${path} is not an operation of GitHub's REST API description` };
  const rules = compile(doc, operation.key);
  for (const { param, validate } of rules.params) {
    const raw = param.in === 'path' ? operation.params[param.name] : (query.get(param.name) ?? undefined);
    if (raw === undefined) {
      if (param.required) return { ok: false, operation, reason: `${param.in} parameter "${param.name}" is required` };
      continue;
    }
    if (!validate(coerce(raw, param.schema))) {
      return {
        ok: false,
        operation,
        reason: `${param.in} parameter "${param.name}"=${JSON.stringify(raw)}: ${describeErrors(validate)}`,
      };
    }
  }
  if (body.parseError) return { ok: false, operation, reason: `body is not JSON: ${body.parseError}` };
  const hasBody = body.text.trim() !== '';
  if (rules.body) {
    if (!hasBody && rules.body.required) return { ok: false, operation, reason: 'the operation requires a JSON body' };
    if (hasBody && rules.body.validate && !rules.body.validate(body.json)) {
      return {
        ok: false,
        operation,
        reason: `body does not match the operation's requestBody schema: ${describeErrors(rules.body.validate)}`,
      };
    }
  } else if (hasBody && body.json && typeof body.json === 'object' && Object.keys(body.json).length > 0) {
    return { ok: false, operation, reason: `${operation.key} takes no request body` };
  }
  return { ok: true, operation };
}

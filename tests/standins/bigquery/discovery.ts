/**
 * BigQuery's published API description (the Discovery document `bigquery:v2`, revision 20260429, committed here as
 * bigquery-v2.discovery.json) as a request checker: the stand-in answers only requests that match a method of it,
 * with declared, well-typed path and query parameters, and a body (and its own responses) that fit the schema the
 * method names: no unknown field, the declared types and enums.
 */
import { readFileSync } from 'node:fs';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
}

interface Parameter extends Schema {
  location: 'path' | 'query';
  required?: boolean;
  repeated?: boolean;
}

export interface Method {
  id: string;
  httpMethod: string;
  path: string;
  parameters?: Record<string, Parameter>;
  request?: { $ref: string };
  response?: { $ref: string };
}

interface Discovery {
  basePath: string;
  parameters: Record<string, Parameter>;
  schemas: Record<string, Schema>;
  resources: Record<string, { methods: Record<string, Method> }>;
}

export const discovery = JSON.parse(
  readFileSync(new URL('./bigquery-v2.discovery.json', import.meta.url), 'utf8'),
) as Discovery;

/** The method a request calls, with its path parameters, or null. */
export function findMethod(
  httpMethod: string,
  pathname: string,
): { method: Method; path: Record<string, string> } | null {
  const base = discovery.basePath;
  if (!pathname.startsWith(base)) return null;
  const rest = pathname.slice(base.length);
  for (const resource of Object.values(discovery.resources))
    for (const method of Object.values(resource.methods)) {
      if (method.httpMethod !== httpMethod) continue;
      const names: string[] = [];
      const pattern = method.path
        .split(/(\{\+?\w+\})/)
        .map((part) => {
          const name = /^\{\+?(\w+)\}$/.exec(part)?.[1];
          if (!name) return part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('');
      const m = new RegExp(`^${pattern}$`).exec(rest);
      if (m) return { method, path: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
    }
  return null;
}

function checkValue(schema: Schema, value: unknown, at: string, problems: string[]): void {
  if (schema.$ref) {
    const target = discovery.schemas[schema.$ref];
    if (!target) return void problems.push(`${at}: unknown schema ${schema.$ref}`);
    return checkValue(target, value, at, problems);
  }
  if (value === null || value === undefined) return;
  switch (schema.type) {
    case 'string':
      // proto3 JSON: 64-bit integers are strings, and servers accept them as numbers too
      if (typeof value !== 'string' && !(schema.format?.endsWith('int64') && typeof value === 'number'))
        problems.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
      else if (schema.enum && !schema.enum.includes(value as string))
        problems.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
      return;
    case 'integer':
      if (!Number.isInteger(typeof value === 'string' ? Number(value) : value))
        problems.push(`${at}: expected an integer, got ${JSON.stringify(value)}`);
      return;
    case 'number':
      if (typeof value !== 'number') problems.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${at}: expected a boolean, got ${JSON.stringify(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) return void problems.push(`${at}: expected an array`);
      value.forEach((v, i) => checkValue(schema.items ?? {}, v, `${at}[${i}]`, problems));
      return;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return void problems.push(`${at}: expected an object`);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const property = schema.properties?.[k] ?? schema.additionalProperties;
        if (!property) problems.push(`${at}.${k}: not a field of the API description`);
        else checkValue(property, v, `${at}.${k}`, problems);
      }
      return;
    }
    case 'any':
    case undefined:
      return;
  }
}

/** Problems of a request to `method`: unknown or mistyped parameters, a body that does not fit its schema. */
export function checkRequest(
  method: Method,
  path: Record<string, string>,
  query: URLSearchParams,
  body: unknown,
): string[] {
  const problems: string[] = [];
  const declared = { ...discovery.parameters, ...method.parameters };
  for (const [name, p] of Object.entries(method.parameters ?? {}))
    if (p.required && p.location === 'path' && !path[name]) problems.push(`path parameter ${name} is required`);
  for (const [name, value] of query) {
    const p = declared[name];
    if (!p || p.location !== 'query')
      problems.push(`query parameter ${name} is not in the API description of ${method.id}`);
    else if (p.type === 'boolean' && !['true', 'false'].includes(value))
      problems.push(`${name}: expected true or false`);
    else if (p.type === 'integer' && !/^-?\d+$/.test(value)) problems.push(`${name}: expected an integer`);
    else if (p.enum && !p.enum.includes(value)) problems.push(`${name}: ${value} is not one of ${p.enum.join(', ')}`);
  }
  if (method.request) {
    if (body === undefined) problems.push(`${method.id} takes a ${method.request.$ref} body`);
    else checkValue(method.request, body, method.request.$ref, problems);
  } else if (body !== undefined) problems.push(`${method.id} takes no body`);
  return problems;
}

/** Problems of a response body against the schema `method` returns (the stand-in checks itself too). */
export function checkResponse(method: Method, body: unknown): string[] {
  const problems: string[] = [];
  if (method.response) checkValue(method.response, body, method.response.$ref, problems);
  return problems;
}

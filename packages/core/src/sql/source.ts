/**
 * A `data`, `reference`, `predictions` or `baseline-predictions` value in SQL mode: a table name or a query.
 *
 * - A query starts with SELECT or WITH (after white space, comments and opening parentheses). It is wrapped as a
 *   subquery, `(<query>) AS modelgate_source`, so it can only be a query expression: DDL, DML and a second
 *   statement are syntax errors there, in every engine. One trailing `;` is dropped.
 * - Anything else must be a table name: one to three dot-separated parts (`table`, `schema.table`,
 *   `project.dataset.table`, `database.schema.table`), each a bare identifier (letters, digits, `_`, `$`, and `-`
 *   in a BigQuery project) or a quoted one (`"My Table"`, `` `my-project.dataset.table` ``). The parts are quoted
 *   again by the dialect, never pasted as written.
 */
import { inputError } from '../errors.ts';
import type { Dialect } from './dialect.ts';

export interface SqlSource {
  kind: 'table' | 'query';
  /** The value as the user wrote it (trimmed): what the report's `source.data` shows. */
  text: string;
  /** What can follow FROM: the quoted table name, or the parenthesized query with its alias. */
  relation: string;
  /** A query of every row: `SELECT * FROM <relation>` (for describe). */
  selectAll: string;
}

const QUERY_START = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*(?:select|with)\b/i;
const BARE_PART = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const BIGQUERY_PROJECT_PART = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** True when the value is a query (starts with SELECT or WITH) rather than a table name. */
export function isQuery(text: string): boolean {
  return QUERY_START.test(text);
}

/** The parts of a table name as written: bare or quoted with "…" (`""` inside) or `…` (a BigQuery path). */
function nameParts(text: string): string[] | null {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let part: string;
    if (text[i] === '"') {
      let j = i + 1;
      part = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return null;
        if (text[q + 1] === '"') {
          part += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        part += text.slice(j, q);
        i = q + 1;
        break;
      }
      if (!part) return null;
      parts.push(part);
    } else if (text[i] === '`') {
      const q = text.indexOf('`', i + 1);
      if (q < 0) return null;
      const inner = text.slice(i + 1, q);
      // `project.dataset.table` in one pair of backquotes is BigQuery's usual way of writing a path
      const split = inner.split('.');
      if (split.some((p) => !p)) return null;
      parts.push(...split);
      i = q + 1;
    } else {
      const m = /^[^.]+/.exec(text.slice(i));
      if (!m) return null;
      part = m[0];
      if (!BARE_PART.test(part) && !(parts.length === 0 && BIGQUERY_PROJECT_PART.test(part))) return null;
      parts.push(part);
      i += part.length;
    }
    if (i === text.length) break;
    if (text[i] !== '.') return null;
    i++;
    if (i === text.length) return null;
  }
  return parts.length >= 1 && parts.length <= 3 ? parts : null;
}

/** Drops one trailing `;` (and white space) from a query. */
function withoutTrailingSemicolon(query: string): string {
  return query.replace(/;\s*$/, '');
}

/** Reads `value` as a table name or a query for `dialect`; `input` names the action input in errors. */
export function parseSource(value: string, dialect: Dialect, input: string): SqlSource {
  const text = value.trim();
  if (!text)
    throw inputError(input, 'is empty: expected a table name (schema.table) or a query starting with SELECT or WITH.');
  let relation: string;
  if (isQuery(text)) {
    relation = `(${withoutTrailingSemicolon(text)}\n) AS ${dialect.identifier('modelgate_source')}`;
    return { kind: 'query', text, relation, selectAll: `SELECT * FROM ${relation}` };
  }
  const parts = nameParts(text);
  if (!parts)
    throw inputError(
      input,
      `${JSON.stringify(text)} is neither a table name nor a query: expected a table (table, schema.table, project.dataset.table; quote a part with "…" when it holds other characters) or a query starting with SELECT or WITH.`,
    );
  relation = parts.map((p) => dialect.identifier(p)).join('.');
  return { kind: 'table', text, relation, selectAll: `SELECT * FROM ${relation}` };
}

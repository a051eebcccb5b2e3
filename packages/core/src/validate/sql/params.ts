/**
 * Bound parameters: each user value (bound, allowed value, pattern, length) gets a placeholder token, never a place
 * in the SQL text. Tokens (NUL-delimited: no quoted identifier can hold a NUL) become the dialect's placeholders
 * when a query is bound, numbered over the values that query uses (PostgreSQL refuses a parameter it cannot type,
 * e.g. one the query does not use).
 */
import type { Dialect } from '../../sql/dialect.ts';

// eslint-disable-next-line no-control-regex -- NUL delimits the tokens precisely because no identifier can hold one
const TOKEN = /\u0000(\d+)\u0000/g;

export class Params {
  private readonly values: unknown[] = [];
  private readonly dialect: Dialect;
  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** The placeholder token of `value`. */
  add(value: unknown): string {
    this.values.push(value);
    return `\u0000${this.values.length - 1}\u0000`;
  }

  /** The query with the dialect's placeholders, and the values they bind, in order. */
  bind(sql: string): { sql: string; values: unknown[] } {
    const index = new Map<number, number>();
    const values: unknown[] = [];
    const text = sql.replace(TOKEN, (_m, n: string) => {
      const i = Number(n);
      let j = index.get(i);
      if (j === undefined) {
        j = values.length;
        index.set(i, j);
        values.push(this.values[i]);
      }
      return this.dialect.param(j);
    });
    return { sql: text, values };
  }
}

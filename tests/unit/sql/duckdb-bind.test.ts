/**
 * Numbers bound to DuckDB's queries keep their value (engines/duckdb.ts): @duckdb/node-api binds a whole JS number
 * as INTEGER or BIGINT, so a double beyond int64 (a mean of large values, 1e300) failed and -0 became 0; those bind
 * as doubles, and every other number as before.
 */
import { describe, expect, it } from 'vitest';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';

describe('DuckDB parameters', () => {
  it('binds 1e300, -1e300, 2^63 and -0 as the doubles they are; integers and fractions as before', async () => {
    const engine = await openEngine(parseConnection('duckdb:'));
    try {
      const values = [1e300, -1e300, 2 ** 63, -0, 0, 7, -(2 ** 40), 0.1, 2 ** 62];
      const sql = values.map((_, i) => `CAST($${i + 1} AS DOUBLE) AS v${i}, typeof($${i + 1}) AS t${i}`).join(', ');
      const [row] = await engine.query(`SELECT ${sql}`, values);
      values.forEach((v, i) => expect(Object.is(row![`v${i}`], v), `${v} came back as ${row![`v${i}`]}`).toBe(true));
      expect(values.map((_, i) => row![`t${i}`])).toEqual([
        'DOUBLE',
        'DOUBLE',
        'DOUBLE',
        'DOUBLE',
        'INTEGER',
        'INTEGER',
        'BIGINT',
        'DOUBLE',
        'BIGINT',
      ]);
      // the row stream binds the same way
      const streamed: unknown[][] = [];
      await engine.stream!('SELECT CAST($1 AS DOUBLE) AS a, CAST($2 AS DOUBLE) AS b', [1e300, -0], (r) =>
        streamed.push([...r]),
      );
      expect(Object.is(streamed[0]![0], 1e300) && Object.is(streamed[0]![1], -0)).toBe(true);
    } finally {
      await engine.close();
    }
  });
});

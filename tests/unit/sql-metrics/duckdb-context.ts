// The context the compiled metric queries run in, on an in-memory DuckDB: for the tests that run one query
// builder on a handful of rows given as a VALUES list.
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import type { SqlContext } from '@modelgate/core/sql/metrics/query';
import { metricDialect } from '@modelgate/core/sql/metrics/sql-dialect';

/** Runs `f` with a DuckDB context (and DuckDB's row stream when `streamed`), then closes the engine. */
export async function withDuckdb<T>(f: (ctx: SqlContext) => Promise<T>, { streamed = false } = {}): Promise<T> {
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    return await f({
      dialect: metricDialect(duckdb),
      from: '',
      columns: async () => [],
      query: (q, params) => engine.query(q, params),
      ...(streamed ? { stream: engine.stream!.bind(engine) } : {}),
    });
  } finally {
    await engine.close();
  }
}

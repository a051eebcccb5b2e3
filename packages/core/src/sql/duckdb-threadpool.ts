/**
 * DuckDB through @duckdb/node-api runs each query on a thread of libuv's pool (4 threads unless UV_THREADPOOL_SIZE
 * says otherwise), and every pool thread that has run one keeps its own allocator caches: on 2M rows the action
 * peaked at 235-270 MB with the default pool against 210-225 MB with one thread, over the 250 MB the contract
 * allows. libuv reads UV_THREADPOOL_SIZE once, when the pool starts, at the first asynchronous file, DNS or zlib
 * call; so runAction sets it before the action does anything, when `connection` names DuckDB. DuckDB itself runs
 * on one thread (sql/engines/duckdb.ts THREADS), so nothing queues behind it; a value the user set is kept.
 */

/** Sets UV_THREADPOOL_SIZE to 1 in `env` when INPUT_CONNECTION is a DuckDB connection and it is unset; says if it did. */
export function oneThreadpoolThreadForDuckdb(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['UV_THREADPOOL_SIZE'] !== undefined || !/^\s*duckdb:/i.test(env['INPUT_CONNECTION'] ?? '')) return false;
  env['UV_THREADPOOL_SIZE'] = '1';
  return true;
}

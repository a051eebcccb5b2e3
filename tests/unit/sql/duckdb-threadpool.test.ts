/**
 * libuv's pool is one thread when connection names DuckDB (sql/duckdb-threadpool.ts): each pool thread that runs a
 * DuckDB query keeps its own allocator caches, which put the action over its 250 MB. The child process shows the
 * pool libuv actually started (its threads are named libuv-worker), after runAction's first step and one
 * asynchronous file read.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneThreadpoolThreadForDuckdb } from '@modelgate/core/sql/duckdb-threadpool';

const module = join(import.meta.dirname, '../../../packages/core/src/sql/duckdb-threadpool.ts');

/** The number of libuv pool threads a fresh node process runs with `env`, after the module's call and a read. */
function poolThreads(env: NodeJS.ProcessEnv): number {
  const script = `
    import { readdirSync, readFileSync, promises } from 'node:fs';
    const { oneThreadpoolThreadForDuckdb } = await import(${JSON.stringify(module)});
    oneThreadpoolThreadForDuckdb();
    await promises.readFile(${JSON.stringify(module)});
    const names = readdirSync('/proc/self/task').map((t) => readFileSync('/proc/self/task/' + t + '/comm', 'utf8').trim());
    console.log(names.filter((n) => n === 'libuv-worker').length);`;
  const { UV_THREADPOOL_SIZE: _unset, ...rest } = process.env;
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...rest, ...env },
      encoding: 'utf8',
    }),
  );
}

describe('libuv pool size for DuckDB', () => {
  it('is one thread when connection is duckdb:, and four (libuv’s default) otherwise', () => {
    expect(poolThreads({ INPUT_CONNECTION: 'duckdb:/data/warehouse.duckdb' })).toBe(1);
    expect(poolThreads({ INPUT_CONNECTION: '  DuckDB:' })).toBe(1);
    expect(poolThreads({ INPUT_CONNECTION: 'postgresql://reader@db/x' })).toBe(4);
    expect(poolThreads({})).toBe(4);
  });

  it('keeps a size the user set, and says whether it set one', () => {
    expect(poolThreads({ INPUT_CONNECTION: 'duckdb:', UV_THREADPOOL_SIZE: '3' })).toBe(3);
    const env: NodeJS.ProcessEnv = { INPUT_CONNECTION: 'duckdb:' };
    expect(oneThreadpoolThreadForDuckdb(env)).toBe(true);
    expect(env['UV_THREADPOOL_SIZE']).toBe('1');
    expect(oneThreadpoolThreadForDuckdb(env)).toBe(false);
    expect(oneThreadpoolThreadForDuckdb({ INPUT_CONNECTION: 'bigquery://project' })).toBe(false);
  });
});

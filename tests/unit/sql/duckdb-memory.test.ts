/**
 * DuckDB in process under the action's memory cap (engines/duckdb.ts): the instance runs with a 64 MB buffer pool on
 * one thread and spills into a directory of its own under RUNNER_TEMP, removed on close; a query that cannot fit
 * (four read_csv scans in one UNION ALL reserve 30.5 MB of buffer each) runs again with larger pools (256 MB, then 2 GB) instead of
 * failing, and the next query has the cap again. The metric queries under the cap equal the file mode's
 * (engine-vs-file.test.ts; DeLong in tests/integration/evaluate-model/sql-paired.test.ts and
 * sql-duckdb-memory.test.ts).
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import { duckdbSettings, MEMORY_LIMIT, THREADS } from '@modelgate/core/sql/engines/duckdb';

let runnerTemp: string;
let saved: string | undefined;
beforeEach(() => {
  saved = process.env['RUNNER_TEMP'];
  runnerTemp = mkdtempSync(join(tmpdir(), 'duckdb-memory-'));
  process.env['RUNNER_TEMP'] = runnerTemp;
});
afterEach(() => {
  if (saved === undefined) delete process.env['RUNNER_TEMP'];
  else process.env['RUNNER_TEMP'] = saved;
});

const settings =
  `SELECT current_setting('memory_limit') AS memory_limit, current_setting('threads') AS threads, current_setting('temp_directory') AS temp_directory, ` +
  `current_setting('allocator_flush_threshold') AS flush, current_setting('allocator_bulk_deallocation_flush_threshold') AS bulk_flush`;

describe('DuckDB under the memory cap', () => {
  it('runs with a 64 MB pool on one thread, spilling under RUNNER_TEMP into a directory removed on close', async () => {
    expect(MEMORY_LIMIT).toBe('64MB');
    expect(THREADS).toBe('1');
    const engine = await openEngine(parseConnection('duckdb:'));
    let spill: string;
    try {
      const [row] = await engine.query(settings);
      // DuckDB reports 64,000,000 bytes in MiB
      expect(row).toMatchObject({ memory_limit: '61.0 MiB', threads: 1 });
      // freed memory goes back to the system as it is freed, a large free at once too (not kept for reuse)
      expect(row).toMatchObject({ flush: '3.8 MiB', bulk_flush: '3.8 MiB' });
      spill = String(row!['temp_directory']);
      expect(spill.startsWith(join(runnerTemp, 'modelgate-duckdb-'))).toBe(true);
      expect(existsSync(spill)).toBe(true);
    } finally {
      await engine.close();
    }
    expect(existsSync(spill)).toBe(false);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('runs a query that cannot fit the pool again with a larger one instead of failing, then has the cap again', async () => {
    const csv = join(runnerTemp, 'p.csv');
    const lines = ['label,prediction,score,region'];
    for (let i = 0; i < 3000; i++) lines.push(`${i % 2},${i % 3 ? 1 : 0},${i / 3000},${['eu', 'us'][i % 2]}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const scan = (c: string) => `SELECT '${c}' AS c, COUNT(DISTINCT ${c}) AS n FROM read_csv('${csv}', nullstr = '')`;
    const sql = ['label', 'prediction', 'score', 'region'].map(scan).join(' UNION ALL ');
    // the query does not fit the cap: an instance with the engine's settings and no retry refuses it
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const bare = await DuckDBInstance.create(':memory:', duckdbSettings(mkdtempSync(join(runnerTemp, 'bare-'))));
    const conn = await bare.connect();
    await expect(conn.runAndReadAll(sql)).rejects.toThrow(/Out of Memory Error/);
    conn.closeSync();
    bare.closeSync();
    const engine = await openEngine(parseConnection('duckdb:'));
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    try {
      const rows = await engine.query(sql);
      vi.restoreAllMocks();
      // the user learns that this query went past the cap, and by how much
      expect(stdout.join('')).toMatch(
        /::warning::DuckDB: one query did not fit the 64MB buffer pool and ran with (256MB|2GB), so the action's memory went past its usual ~250 MB for it/,
      );
      expect(Object.fromEntries(rows.map((r) => [r['c'], Number(r['n'])]))).toEqual({
        label: 2,
        prediction: 2,
        score: 3000,
        region: 2,
      });
      expect((await engine.query(settings))[0]).toMatchObject({ memory_limit: '61.0 MiB' });
    } finally {
      vi.restoreAllMocks();
      await engine.close();
    }
  });
});

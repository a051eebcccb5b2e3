/**
 * evaluate-model on a DuckDB file under the engine's memory cap (a 64 MB pool on one thread, spilling; see
 * packages/core/src/sql/engines/duckdb.ts): 200,000 predictions with distinct float64 scores (17 significant
 * digits), so the whole table's ranking and DeLong's placements run over 200,000 thresholds in the streamed form
 * (sorted rows, running sums with an empty OVER). The metrics document and the paired comparison's DeLong and
 * McNemar entries equal the file mode's on the same CSVs to 1e-9.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededUniform } from '@modelgate/core/metrics/random';
import { evaluateModel, workspace } from './harness.ts';
import { duckdbFile } from './sql-tables.ts';
import { differences } from '../../helpers/differences.ts';

const ROWS = 200_000;
type Doc = Record<string, unknown>;

/** The document without what names its source and without the comparison (compared entry by entry). */
function comparable(doc: Doc): Doc {
  const { source: _source, comparison: _comparison, ...rest } = doc;
  return rest;
}

let dir: string;
let duck: Awaited<ReturnType<typeof duckdbFile>>;

beforeAll(async () => {
  const rand = seededUniform(14);
  const current = ['id,label,prediction,score,region'];
  const baseline = ['id,label,prediction,score'];
  for (let i = 0; i < ROWS; i++) {
    const label = rand() < 0.3 ? 1 : 0;
    const s1 = 1 / (1 + Math.exp(-(3 * (rand() - 0.5) + 1.6 * label - 0.8)));
    const s2 = 1 / (1 + Math.exp(-(3 * (rand() - 0.5) + 1.2 * label - 0.6)));
    current.push(`c-${i},${label},${s1 >= 0.5 ? 1 : 0},${s1},${['eu', 'us', 'apac'][i % 3]}`);
    baseline.push(`c-${i},${label},${s2 >= 0.5 ? 1 : 0},${s2}`);
  }
  dir = workspace();
  writeFileSync(join(dir, 'current.csv'), `${current.join('\n')}\n`);
  writeFileSync(join(dir, 'baseline.csv'), `${baseline.join('\n')}\n`);
  duck = await duckdbFile({ current: join(dir, 'current.csv'), baseline: join(dir, 'baseline.csv') });
}, 240_000);

describe('evaluate-model on a DuckDB file under the memory cap', () => {
  it('gives the file mode’s metrics, curves, slices and paired DeLong and McNemar entries on 200,000 distinct scores', async () => {
    const inputs = { task: 'binary', 'score-column': 'score', 'slice-columns': 'region', 'key-column': 'id' };
    const file = await evaluateModel(dir, {
      predictions: 'current.csv',
      'baseline-predictions': 'baseline.csv',
      ...inputs,
    });
    expect(file.exitCode, file.stdout).toBe(0);
    const sql = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'current',
      'baseline-predictions': 'baseline',
      ...inputs,
    });
    expect(sql.exitCode, sql.stdout).toBe(0);
    // every query fits the pool, DeLong's stages too: none was run again with a larger one
    expect(sql.stdout).not.toContain('did not fit');
    expect(differences(comparable(sql.doc as Doc), comparable(file.doc as Doc))).toEqual([]);
    type Paired = Record<string, Record<string, number | string>>;
    const got = (sql.doc!.comparison as { paired: Paired }).paired;
    const want = (file.doc!.comparison as { paired: Paired }).paired;
    expect(got['roc_auc']!['test']).toBe('delong');
    for (const k of ['baseline', 'current', 'difference', 'low', 'high', 'p_value', 'statistic'])
      expect(differences(got['roc_auc']![k], want['roc_auc']![k], {}, `roc_auc.${k}`)).toEqual([]);
    expect(got['accuracy']!['test']).toBe('mcnemar');
    expect(differences(got['accuracy']!['p_value'], want['accuracy']!['p_value'], {}, 'accuracy.p_value')).toEqual([]);
  }, 300_000);
});

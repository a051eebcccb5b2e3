import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import { readColumns } from '@modelgate/core/data/columns';
import { readAll } from './helpers.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/data');
const columns = ['label', 'prediction', 'score', 'region'];
const regions = ['eu', 'us', 'eu', 'apac', null, 'us', 'eu', 'apac', 'us', 'eu, north'];
const scores = [0.91, 0.12, 0.45, 0.88, 0.05, 0.61, 0.77, 0.3, 0.99, 0.49];

describe('every format reads the same predictions table', () => {
  const files = [
    'predictions.csv',
    'predictions.tsv',
    'predictions.jsonl',
    'predictions.parquet',
    'predictions.csv.gz',
    'predictions.tsv.gz',
    'predictions.jsonl.gz',
    'predictions.parquet.gz',
  ];
  for (const file of files) {
    it(`reads ${file}`, async () => {
      const table = await openTable(join(fixtures, file), { batchSize: 4 });
      expect(table.columns).toEqual(columns);
      const { rows } = await readAll(table);
      expect(rows).toHaveLength(10);
      expect(rows.map((r) => r[3])).toEqual(regions);
      expect(rows.map((r) => Number(r[2]))).toEqual(scores);
    });

    it(`reads typed columns of ${file}`, async () => {
      const table = await openTable(join(fixtures, file));
      const typed = await readColumns(table, ['label', 'score', 'region'], ['category', 'number', 'category-or-null']);
      expect(Array.from(typed.number('score'))).toEqual(scores);
      const label = typed.category('label');
      expect(Array.from(label.codes, (c) => label.values[c])).toEqual([
        '1',
        '0',
        '1',
        '1',
        '0',
        '0',
        '1',
        '0',
        '1',
        '1',
      ]);
      const region = typed.category('region');
      expect(Array.from(region.codes, (c) => (c < 0 ? null : region.values[c]))).toEqual(regions);
    });
  }
});

describe('Parquet', () => {
  it('converts INT64, DATE, TIMESTAMP, BOOLEAN and JSON columns and nulls, over several row groups', async () => {
    const table = await openTable(join(fixtures, 'types.parquet'), { batchSize: 100 });
    expect(table.columns).toEqual(['id', 'day', 'at', 'flag', 'meta']);
    const { rows, batchLengths } = await readAll(table);
    expect(batchLengths).toEqual([2, 1]);
    expect(rows).toEqual([
      [1, '1970-01-01', '2024-01-02T03:04:05.006Z', true, '{"a":1}'],
      [2, '2022-01-08', null, false, '[1,2]'],
      ['9007199254740993', null, '1970-01-01T00:00:00.000Z', null, null],
    ]);
  });

  it('streams a row group in batches no larger than the batch size', async () => {
    const table = await openTable(join(fixtures, 'predictions.parquet'), { batchSize: 3 });
    const { batchLengths, starts } = await readAll(table);
    expect(batchLengths).toEqual([3, 1, 3, 1, 2]);
    expect(starts).toEqual([0, 3, 4, 7, 8]);
  });

  it('normalises Parquet numbers and booleans to category text', async () => {
    const typed = await readColumns(
      await openTable(join(fixtures, 'types.parquet')),
      ['id', 'flag'],
      ['category', 'category-or-null'],
    );
    expect(typed.category('id').values).toEqual(['1', '2', '9007199254740993']);
    expect(typed.category('flag').values).toEqual(['true', 'false']);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataSchema } from '@modelgate/core/contracts/schema';
import { openTable } from '@modelgate/core/data/open';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import type { DriftOptions } from '@modelgate/core/drift/column-drift';
import { validateData } from '@modelgate/core/validate/validate-data';

const dir = mkdtempSync(join(tmpdir(), 'id-quantiles-'));
const schema = parseDataSchema(
  parseDocumentText('columns:\n  id: { type: integer, unique: true }\n  x: { type: number }\n', { file: 'schema.yml' }),
);

/** 30,000 rows: ids `id(i)` (more than the 10,000 exactly counted values), x a spread of decimals. */
function csv(name: string, id: (i: number) => number, shift: number): string {
  const lines = ['id,x'];
  for (let i = 0; i < 30_000; i++) lines.push(`${id(i)},${((i * 7919) % 30_011) / 100 + shift}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(
  data: string,
  ref: string,
  skipIdQuantiles: boolean,
  driftMethods: Record<string, DriftOptions> = {},
) {
  return validateData({
    data: await openTable(data),
    schema,
    reference: { table: await openTable(ref) },
    driftMethods,
    driftShare: 0.5,
    failOn: 'never',
    failOnDrift: false,
    guessAll: false,
    skipIdQuantiles,
  });
}

describe('quantile sketches of declared-unique numeric columns', () => {
  const ref = csv('ref.csv', (i) => (i * 13) % 25_000, 0);

  it('are left out for an identifier-like column whose drift is skipped, with the same report', async () => {
    const data = csv('ids.csv', (i) => 5_000 + i, 1);
    const skipped = await run(data, ref, true);
    expect(skipped.scan.columns[0]!.summary.quantilesSkipped).toBe(true);
    expect(skipped.report).toEqual((await run(data, ref, false)).report);
  });

  it('come from a second pass, equal to the first pass sketch, when the column has many duplicates', async () => {
    const data = csv('dups.csv', (i) => (i * 7) % 20_000, 1);
    const skipped = await run(data, ref, true);
    const full = await run(data, ref, false);
    expect(skipped.scan.columns[0]!.summary.quantilesSkipped).toBe(false);
    expect(skipped.scan.columns[0]!.summary.quantiles!.toJSON()).toEqual(
      full.scan.columns[0]!.summary.quantiles!.toJSON(),
    );
    expect(skipped.drift!.columns.find((c) => c.column === 'id')).toBeDefined();
    expect(skipped.report).toEqual(full.report);
  });

  it('come from a second pass when drift-methods forces a test on an identifier-like column', async () => {
    const data = csv('ids2.csv', (i) => 5_000 + i, 1);
    const methods = { id: { method: 'ks' as const } };
    const skipped = await run(data, ref, true, methods);
    const full = await run(data, ref, false, methods);
    expect(skipped.drift!.columns.find((c) => c.column === 'id')!.method).toBe('ks');
    expect(skipped.report).toEqual(full.report);
  });
});

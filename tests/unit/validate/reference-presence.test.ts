import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import type { DriftOptions } from '@modelgate/core/drift/column-drift';
import { validateData } from '@modelgate/core/validate/validate-data';

const dir = mkdtempSync(join(tmpdir(), 'reference-presence-'));

function csv(name: string, rows: number, id: (i: number) => string): string {
  const lines = ['id,plan'];
  for (let i = 0; i < rows; i++) lines.push(`${id(i)},${['a', 'b', 'c'][i % 3]}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function drift(reference: string, driftMethods: Record<string, DriftOptions> = {}) {
  const data = await openTable(csv('data.csv', 200, (i) => String(1000 + i)));
  const v = await validateData({
    data,
    reference: { table: await openTable(reference) },
    driftMethods,
    driftShare: 0.5,
    failOn: 'never',
    failOnDrift: false,
    guessAll: false,
  });
  return v.drift!;
}

describe('reference columns whose drift is skipped whatever they hold', () => {
  it('skips a column identifier-like in the current data as identifier-like', async () => {
    const d = await drift(csv('ref-ids.csv', 300, (i) => String(i % 7)));
    expect(d.skipped).toEqual([{ column: 'id', reason: expect.stringContaining('identifier-like') }]);
    expect(d.columns.map((c) => c.column)).toEqual(['plan']);
  });

  it('still says the reference has no values when its column is empty after the first batch too', async () => {
    const d = await drift(csv('ref-empty.csv', 70_000, () => ''));
    expect(d.skipped).toEqual([{ column: 'id', reason: 'no non-null values in the reference' }]);
  });

  it('tests an identifier-like column on the whole reference when drift-methods names a method', async () => {
    const ref = csv('ref-low.csv', 300, (i) => String(i % 7));
    const d = await drift(ref, { id: { method: 'ks' } });
    const id = d.columns.find((c) => c.column === 'id')!;
    // every current id (1000..1199) lies above every reference id (0..6): KS statistic 1 needs all 300 rows
    expect(id.statistic).toBe(1);
    expect(id.drifted).toBe(true);
  });
});

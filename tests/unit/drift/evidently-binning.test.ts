import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ColumnDrift, columnDrift } from '@modelgate/core/drift/column-drift';
import { ColumnSummary } from '@modelgate/core/sketch/column-summary';
import { sturgesEdges } from '@modelgate/core/drift/statistics';
import { type NumericSpec, levelSample, numericSample } from './fixture-data.ts';

type Spec = NumericSpec | { seed: number; n: number; levels: number; step: number; shift: number };
interface Case {
  name: string;
  reference: Spec;
  current: Spec;
  reference_distinct: number;
  binning: 'histogram' | 'per_value';
  reference_shares: number[];
  current_shares: number[];
  edges?: number[];
  values?: number[];
  psi: number;
  jensen_shannon: number;
}
const oracle = JSON.parse(
  readFileSync(new URL('../../fixtures/drift/evidently-binning.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const values = (spec: Spec): number[] => ('levels' in spec ? levelSample(spec) : numericSample(spec));

function summary(xs: number[]): ColumnSummary {
  const s = new ColumnSummary();
  for (const x of xs) s.addNumber(x);
  return s;
}

function close(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-15);
}

function drift(c: Case, method: 'psi' | 'jensen_shannon'): ColumnDrift {
  const r = columnDrift('x', summary(values(c.reference)), summary(values(c.current)), { method });
  if ('reason' in r) throw new Error(`skipped: ${r.reason}`);
  return r;
}

describe("PSI and Jensen-Shannon bin numbers as Evidently's get_binned_data (NumPy oracle)", () => {
  for (const c of oracle.cases) {
    it(`${c.name}: ${c.reference_distinct} distinct reference values -> ${c.binning} bins`, () => {
      const psi = drift(c, 'psi');
      const js = drift(c, 'jensen_shannon');
      close(psi.statistic, c.psi);
      close(js.statistic, c.jensen_shannon);
      if (c.binning === 'histogram') {
        expect(js.bins.reference).toHaveLength(c.edges!.length - 1);
        js.bins.reference.forEach((v, i) => close(v, c.reference_shares[i]!));
        js.bins.current.forEach((v, i) => close(v, c.current_shares[i]!));
      } else {
        // one bin per value seen on either side (any order): compare value -> share
        const ours = new Map(js.bins.labels.map((l, i) => [Number(l), [js.bins.reference[i], js.bins.current[i]]]));
        expect(ours.size).toBe(c.values!.length);
        c.values!.forEach((v, i) => expect(ours.get(v)).toEqual([c.reference_shares[i], c.current_shares[i]]));
      }
    });
  }

  it("edges equal numpy's histogram_bin_edges(..., 'sturges') bit for bit", () => {
    for (const c of oracle.cases.filter((x) => x.edges)) {
      const all = [...values(c.reference), ...values(c.current)];
      const lo = Math.min(...all);
      const hi = Math.max(...all);
      expect(sturgesEdges(lo, hi, all.length)).toEqual(c.edges);
    }
  });

  it('switches from one bin per value to histogram bins above 20 distinct reference values', () => {
    const at = oracle.cases.find((c) => c.reference_distinct === 20)!;
    const above = oracle.cases.find((c) => c.reference_distinct === 21)!;
    expect(at.binning).toBe('per_value');
    expect(above.binning).toBe('histogram');
    expect(drift(at, 'psi').bins.labels).toHaveLength(at.values!.length);
    expect(drift(above, 'psi').bins.labels).toHaveLength(above.edges!.length - 1);
  });

  it('a constant column on both sides is one bin (numpy widens the range by 0.5 on each side)', () => {
    expect(sturgesEdges(7, 7, 900)).toEqual([6.5, 7.5]);
  });
});

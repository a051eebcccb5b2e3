import { describe, expect, it } from 'vitest';
import { delong } from '@modelgate/core/metrics/paired/delong';
import { discordantPairs, mcnemar } from '@modelgate/core/metrics/paired/mcnemar';
import { closeTo, pairedFixtures } from './fixtures.ts';

const fixtures = pairedFixtures();

describe('McNemar equals statsmodels 0.13 mcnemar(table, exact=b + c < 25, correction=True)', () => {
  it('covers both branches: fewer than 25 discordant pairs (exact) and at least 25 (chi-squared)', () => {
    expect(fixtures.some((f) => f.mcnemar.exact)).toBe(true);
    expect(fixtures.some((f) => !f.mcnemar.exact)).toBe(true);
    expect(fixtures.some((f) => f.mcnemar.task === 'multiclass')).toBe(true);
  });

  for (const f of fixtures) {
    it(`${f.name}: the discordant counts, the statistic and the p-value within 1e-9 relative`, () => {
      const { label, current_prediction: cur, baseline_prediction: base } = f.columns as Record<string, string[]>;
      const { b, c } = discordantPairs(
        (i) => base![i] === label![i],
        (i) => cur![i] === label![i],
        label!.length,
      );
      expect([b, c]).toEqual([f.mcnemar.b, f.mcnemar.c]);
      const r = mcnemar(b, c);
      expect(r.exact).toBe(f.mcnemar.exact);
      expect(closeTo(r.statistic, f.mcnemar.statistic), `statistic ${r.statistic} vs ${f.mcnemar.statistic}`).toBe(
        true,
      );
      expect(closeTo(r.p_value, f.mcnemar.p_value), `p ${r.p_value} vs ${f.mcnemar.p_value}`).toBe(true);
    });
  }

  it('is symmetric in b and c, and 1 with no discordant pair', () => {
    expect(mcnemar(3, 40)).toEqual(mcnemar(40, 3));
    expect(mcnemar(0, 0).p_value).toBe(1);
    // the 24/25 boundary: exact binomial below, corrected chi-squared from 25 on
    expect(mcnemar(4, 20).exact).toBe(true);
    expect(mcnemar(5, 20).exact).toBe(false);
  });
});

describe('DeLong equals pROC 1.18 roc.test(current, baseline, method = "delong", paired = TRUE)', () => {
  const binary = fixtures.filter((f) => f.delong);
  it('has binary fixtures with ties, full-precision scores and identical models', () => {
    expect(binary.map((f) => f.name)).toEqual(
      expect.arrayContaining(['binary_ties', 'binary_full_precision', 'binary_identical', 'binary_correlated']),
    );
  });

  for (const f of binary) {
    it(`${f.name}: both AUCs, Z, the p-value and the 95% interval within 1e-9 relative`, () => {
      const positive = Uint8Array.from(f.columns.label!, (l) => (l === '1' ? 1 : 0));
      const r = delong(
        positive,
        Float64Array.from(f.columns.current_score!, Number),
        Float64Array.from(f.columns.baseline_score!, Number),
      )!;
      const want = f.delong!;
      const pairs: [string, number, number][] = [
        ['auc current', r.current, want.auc_current],
        ['auc baseline', r.baseline, want.auc_baseline],
        ['Z', r.statistic, want.statistic],
        ['p', r.p_value, want.p_value],
        ['low', r.low, want.low],
        ['high', r.high, want.high],
      ];
      for (const [what, got, expected] of pairs)
        expect(closeTo(got, expected), `${what}: ${got} vs pROC ${expected}`).toBe(true);
      expect(r.difference).toBe(r.current - r.baseline);
    });
  }

  it('is Z > 0 when the current model ranks better, and swaps sign with the models', () => {
    const f = binary.find((x) => x.name === 'binary_full_precision')!;
    const positive = Uint8Array.from(f.columns.label!, (l) => (l === '1' ? 1 : 0));
    const cur = Float64Array.from(f.columns.current_score!, Number),
      base = Float64Array.from(f.columns.baseline_score!, Number);
    const forward = delong(positive, cur, base)!,
      back = delong(positive, base, cur)!;
    expect(forward.statistic).toBeGreaterThan(0);
    expect(back.statistic).toBeCloseTo(-forward.statistic, 12);
    expect(back.p_value).toBeCloseTo(forward.p_value, 15);
  });

  it('is undefined with fewer than two rows of a class', () => {
    expect(
      delong(Uint8Array.of(1, 0, 0), Float64Array.of(0.9, 0.2, 0.1), Float64Array.of(0.5, 0.6, 0.1)),
    ).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { widenedRange } from '@modelgate/core/validate/infer-schema';
import { closest } from '@modelgate/core/compare/config';

describe('infer-schema ranges', () => {
  it('widen the observed range by a tenth on each side and round outward', () => {
    expect(widenedRange(6.981, 27.42, false)).toEqual({ min: 4, max: 30 });
    expect(widenedRange(0.1566, 0.6638, false)).toEqual({ min: 0.1, max: 0.72 });
    expect(widenedRange(-3.2, -1.1, false)).toEqual({ min: -3.5, max: -0.8 });
  });

  it('keep integers integral and non-negative columns non-negative', () => {
    expect(widenedRange(25, 346, true)).toEqual({ min: 0, max: 380 });
    expect(widenedRange(0, 3, true)).toEqual({ min: 0, max: 4 });
    expect(widenedRange(143.5, 2501, false)).toEqual({ min: 0, max: 2800 });
  });

  it('give a constant column some room', () => {
    expect(widenedRange(5, 5, true)).toEqual({ min: 4, max: 6 });
    expect(widenedRange(0.5, 0.5, false)).toEqual({ min: 0.45, max: 0.55 });
  });
});

describe('did you mean', () => {
  it('suggests the metric a short name is a word of (auc: roc_auc), else the nearest spelling', () => {
    const binary = ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'mcc', 'roc_auc', 'log_loss'];
    expect(closest('auc', binary)).toBe('roc_auc');
    expect(closest('acuracy', binary)).toBe('accuracy');
    expect(closest('loss', binary)).toBe('log_loss');
    expect(closest('throughput', binary)).toBeUndefined();
  });
});

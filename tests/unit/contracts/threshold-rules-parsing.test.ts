// How a thresholds document is read, one behaviour each: what an empty one means, which documents are refused
// and with what words, the limits a rule may take (zero allowances are valid), and which metric names are
// "lower is better".
import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../../helpers/user-error.ts';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import { directionOf, parseThresholds } from '@modelgate/core/contracts/thresholds';

const parse = (text: string) => parseThresholds(parseDocumentText(text, { input: 'thresholds', file: 'gates.yml' }));
const refusal = (text: string) => userErrorOf(() => parse(text));

describe('thresholds document', () => {
  it('an empty document, or null, is no thresholds', () => {
    expect(parse('')).toEqual({});
    expect(parse('# only a comment\n')).toEqual({});
    expect(parse('~')).toEqual({});
    expect(parse('null')).toEqual({});
  });

  it('a number, a string or a list is refused with an example of the expected mapping', () => {
    for (const text of ['0.85', 'accuracy', '[accuracy, f1]']) {
      expect(refusal(text).message, text).toContain('thresholds must be a mapping of metric name to rules');
    }
  });

  it('a min above max is refused, naming both and the metric with its line', () => {
    const e = refusal('accuracy: { min: 0.5 }\nf1: { min: 0.9, max: 0.8 }\n');
    expect(e.message).toContain('min (0.9) is greater than max (0.8)');
    expect(e.location).toMatchObject({ file: 'gates.yml', line: 2, field: 'f1' });
  });

  it('min equal to max, or only one of them, is accepted', () => {
    expect(parse('f1: { min: 0.8, max: 0.8 }\nauc: { min: 0.9 }\nlog_loss: { max: 0.1 }')).toEqual({
      f1: { min: 0.8, max: 0.8 },
      auc: { min: 0.9 },
      log_loss: { max: 0.1 },
    });
  });

  it('zero allowances (no worsening at all) are valid; negative ones are refused, each with its reason', () => {
    expect(parse('f1: { max-regression: 0, max-regression-pct: 0 }')).toEqual({
      f1: { 'max-regression': 0, 'max-regression-pct': 0 },
    });
    expect(refusal('f1: { max-regression: -0.01 }').message).toContain('max-regression must be zero or positive');
    expect(refusal('f1: { max-regression-pct: -1 }').message).toContain(
      'max-regression-pct must be zero or positive (a percentage of |baseline|)',
    );
  });

  it('direction takes higher or lower', () => {
    expect(parse('auc: { direction: higher }\nlatency: { direction: lower }')).toEqual({
      auc: { direction: 'higher' },
      latency: { direction: 'lower' },
    });
  });

  it('a bound that is not finite, or a direction other than higher/lower, is refused in words', () => {
    const inf = refusal('f1: { min: .inf }');
    expect(inf.message).toContain('received Infinity (in thresholds)');
    expect(inf.location.field).toBe('f1.min');
    expect(refusal('f1: { direction: up }').message).toContain("direction must be 'higher' or 'lower'");
  });
});

describe('direction inferred from the metric name', () => {
  it.each(['loss', 'error', 'mae', 'mse', 'rmse', 'mape', 'brier', 'latency', 'duration', 'time', 'memory', 'size'])(
    '%s is lower-is-better, alone and as a word of a longer name',
    (word) => {
      expect(directionOf(word)).toBe('lower');
      expect(directionOf(`val_${word}`)).toBe('lower');
    },
  );

  it('other names, and names that only contain such a word inside another, are higher-is-better', () => {
    expect(directionOf('accuracy')).toBe('higher');
    expect(directionOf('sizeable_gain')).toBe('higher');
    expect(directionOf('')).toBe('higher');
  });
});

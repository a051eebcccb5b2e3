import { describe, expect, it } from 'vitest';
import { inferDirection, parseAnalysis } from '@modelgate/core/canary/analysis';
import { parseDocumentText } from '@modelgate/core/inputs/document';

const doc = (text: string) => parseDocumentText(text, { input: 'analysis' });

describe('parseAnalysis', () => {
  it('reads checks with defaults for on-no-data, failure-limit and the inferred direction', () => {
    const checks = parseAnalysis(
      doc(`
- name: error-rate
  query: sum(rate(errors{track="{{track}}"}[1m]))
  max: 0.05
  max-regression-pct: 10
- name: accuracy
  query: avg(acc{track="{{track}}"})
  min: 0.8
  on-no-data: pass
  failure-limit: 2
`),
    );
    expect(checks).toEqual([
      expect.objectContaining({
        name: 'error-rate',
        max: 0.05,
        'max-regression-pct': 10,
        'on-no-data': 'fail',
        'failure-limit': 0,
        direction: 'lower',
      }),
      expect.objectContaining({
        name: 'accuracy',
        min: 0.8,
        'on-no-data': 'pass',
        'failure-limit': 2,
        direction: 'higher',
      }),
    ]);
  });

  it('fails on a check with no rule, pointing at its line', () => {
    expect(() => parseAnalysis(doc('- name: latency\n  query: up\n'))).toThrow(
      /check 'latency': a check needs at least one rule/,
    );
    try {
      parseAnalysis(doc('- name: ok\n  query: up\n  max: 1\n- name: latency\n  query: up\n'));
    } catch (e) {
      expect((e as { location: { line?: number } }).location.line).toBe(4);
    }
  });

  it('fails on an unknown field, a misspelt on-no-data, a duplicate name and an unknown placeholder', () => {
    expect(() => parseAnalysis(doc('- name: a\n  query: up\n  maxx: 1\n'))).toThrow(/check 'a'.*maxx/);
    expect(() => parseAnalysis(doc('- name: a\n  query: up\n  max: 1\n  on-no-data: skip\n'))).toThrow(/on-no-data/);
    expect(() => parseAnalysis(doc('- name: a\n  query: up\n  max: 1\n- name: a\n  query: up\n  max: 2\n'))).toThrow(
      /used twice/,
    );
    expect(() => parseAnalysis(doc('- name: a\n  query: up{pod="{{pod}}"}\n  max: 1\n'))).toThrow(
      /unknown placeholder \{\{pod\}\}/,
    );
  });

  it('fails when the document is not a list', () => {
    expect(() => parseAnalysis(doc('name: a\nquery: up\n'))).toThrow(/expected a YAML list of checks/);
  });

  it('infers lower-is-better from error and latency words', () => {
    expect(inferDirection('p99_latency')).toBe('lower');
    expect(inferDirection('error-rate')).toBe('lower');
    expect(inferDirection('success-rate')).toBe('higher');
  });
});

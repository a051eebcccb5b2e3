import { describe, expect, it } from 'vitest';
import { parseMetricsText } from '@modelgate/core/contracts/metrics-file';
import { parseThresholds } from '@modelgate/core/contracts/thresholds';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import { userErrorOf } from '../../helpers/user-error.ts';

// Issue #10 point 9: documents parse in time linear in their keys (100,000 thresholds took 444 s, 80% of it in
// the YAML library's pairwise duplicate-key check). The bounds leave room for a loaded 2-core machine.
function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

const jsonThresholds = (n: number) =>
  `{\n${Array.from({ length: n }, (_, i) => `  "metric_${i}": { "min": 0.5, "max-regression": 0.01 }`).join(',\n')}\n}\n`;
const yamlThresholds = (n: number) =>
  Array.from({ length: n }, (_, i) => `metric_${i}: { min: 0.5, max-regression: 0.01 }\n`).join('');
const jsonMetrics = (n: number) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`metric_${i}`, 0.1 + i / 1e6])), null, 2);

describe('large documents parse in linear time', () => {
  it('100,000 thresholds written as JSON parse in well under 2 s', () => {
    const text = jsonThresholds(100_000);
    const parsed = timed(() => parseDocumentText(text, { input: 'thresholds' }));
    expect(parsed.ms).toBeLessThan(2_000);
    // Validating 100,000 rules with zod adds about 1 s on a loaded 2-core machine.
    const { value, ms } = timed(() => parseThresholds(parsed.value));
    expect(Object.keys(value)).toHaveLength(100_000);
    expect(value['metric_99999']).toEqual({ min: 0.5, 'max-regression': 0.01 });
    expect(parsed.ms + ms).toBeLessThan(5_000);
  }, 30_000);

  it('a 30,000-key metrics file parses in well under 2 s', () => {
    const { value, ms } = timed(() => parseMetricsText(jsonMetrics(30_000), { file: 'metrics.json' }));
    expect(Object.keys(value.metrics)).toHaveLength(30_000);
    expect(ms).toBeLessThan(2_000);
  }, 30_000);

  it('40,000 thresholds written as YAML parse in seconds, not minutes (20,000 took 12 s before)', () => {
    // The pairwise check made 40,000 keys take about 48 s; linear parsing takes 1-3 s here.
    const { value, ms } = timed(() => parseThresholds(parseDocumentText(yamlThresholds(40_000), {})));
    expect(Object.keys(value)).toHaveLength(40_000);
    expect(ms).toBeLessThan(20_000);
  }, 90_000);

  it('still names the line of a repeated key, in YAML and in JSON', () => {
    const yaml = userErrorOf(() =>
      parseDocumentText('a: { min: 1 }\nb: { min: 2 }\na: { min: 3 }\n', { file: 't.yml' }),
    );
    expect(yaml.message).toContain('Map keys must be unique');
    expect(yaml.location).toMatchObject({ file: 't.yml', line: 3 });
    const json = userErrorOf(() =>
      parseDocumentText('{\n  "a": 1,\n  "b": {"c": 1, "c": 2},\n  "d": "x\\":"\n}\n', { file: 'm.json' }),
    );
    expect(json.message).toContain('Map keys must be unique');
    expect(json.location).toMatchObject({ file: 'm.json', line: 3 });
  });

  it('a JSON document keeps pointing errors at their line', () => {
    const doc = parseDocumentText('{\n  "accuracy": { "min": 0.8 },\n  "f1": { "mni": 0.7 }\n}\n', { file: 't.json' });
    const e = userErrorOf(() => parseThresholds(doc));
    expect(e.location).toMatchObject({ file: 't.json', line: 3 });
  });
});

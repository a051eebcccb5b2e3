// dispatch-inputs: checked before any work, rendered with the run's facts as one inert line per value.
import { describe, expect, it } from 'vitest';
import {
  oneLine,
  parseDispatchInputs,
  parseDispatchWorkflow,
  renderDispatchInputs,
  shortReason,
} from '@modelgate/core/github/dispatch';
import { parseDocumentText } from '@modelgate/core/inputs/document';

const doc = (text: string) => parseDocumentText(text, { input: 'dispatch-inputs' });
const facts = {
  reason: 'validate-data: dataset drift',
  'run-url': 'https://github.com/a/b/actions/runs/1',
  'drifted-columns': ['age', 'plan'],
};

describe('dispatch-inputs', () => {
  it('fills {{reason}}, {{run-url}} and {{drifted-columns}} (spaces inside the braces allowed) and keeps other text', () => {
    const templates = parseDispatchInputs(
      doc('reason: "Retrain: {{ reason }}"\nrun: "{{run-url}}"\ncolumns: "{{drifted-columns}}"\nepochs: 3\nfast: true'),
    );
    expect(renderDispatchInputs(templates, facts)).toEqual({
      reason: 'Retrain: validate-data: dataset drift',
      run: 'https://github.com/a/b/actions/runs/1',
      columns: 'age,plan',
      epochs: '3',
      fast: 'true',
    });
  });

  it('refuses an unknown placeholder, naming it, the input and the line', () => {
    expect(() => parseDispatchInputs(doc('a: x\nreason: "{{why}}"'))).toThrow(
      /unknown placeholder \{\{why\}\}; the placeholders are \{\{reason\}\}, \{\{run-url\}\}, \{\{drifted-columns\}\}/,
    );
    try {
      parseDispatchInputs(doc('a: x\nreason: "{{why}}"'));
    } catch (error) {
      expect((error as { describe(): string }).describe()).toMatch(/^input 'dispatch-inputs', line 2, field 'reason'/);
    }
  });

  it('refuses a list, a nested mapping and more than 25 inputs', () => {
    expect(() => parseDispatchInputs(doc('- a'))).toThrow(/expected a mapping/);
    expect(() => parseDispatchInputs(doc('a: { b: 1 }'))).toThrow(/a dispatched input is a single value/);
    const many = Array.from({ length: 26 }, (_, i) => `k${i}: v`).join('\n');
    expect(() => parseDispatchInputs(doc(many))).toThrow(/has 26 inputs; GitHub accepts at most 25/);
  });

  it('makes values from data one inert line: no line breaks, no workflow command, no expression', () => {
    expect(oneLine('a\nb\r\n::error::x ${{ secrets.T }}\u2028c')).toBe(
      'a b :\u200b:error:\u200b:x $\u200b{{ secrets.T }} c',
    );
    const rendered = renderDispatchInputs(parseDispatchInputs(doc('c: "{{drifted-columns}}"')), {
      ...facts,
      'drifted-columns': ['a,b', '::warning::x\ny'],
    });
    expect(rendered.c).toBe('a\\,b,:\u200b:warning:\u200b:x y');
  });
});

describe('{{reason}}', () => {
  it('is cut at a space to at most 500 characters, with an ellipsis', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `metric_${i}`).join(', ');
    const reason = renderDispatchInputs({ r: '{{reason}}' }, { ...facts, reason: `3000 rule(s) failed: ${names}.` }).r!;
    expect(reason.length).toBeLessThanOrEqual(500);
    expect(reason).toMatch(/^3000 rule\(s\) failed: metric_0, metric_1, .*metric_\d+…$/);
    expect(shortReason('short')).toBe('short');
  });
});

describe('dispatch-workflow', () => {
  it('takes a file name or an id, and drops .github/workflows/ in front', () => {
    expect(parseDispatchWorkflow('retrain.yml')).toBe('retrain.yml');
    expect(parseDispatchWorkflow('.github/workflows/retrain.yaml')).toBe('retrain.yaml');
    expect(parseDispatchWorkflow('161335')).toBe('161335');
    expect(() => parseDispatchWorkflow('../x.yml')).toThrow(/input 'dispatch-workflow'|expected a workflow file name/);
    expect(() => parseDispatchWorkflow('retrain')).toThrow(/expected a workflow file name in \.github\/workflows/);
  });
});

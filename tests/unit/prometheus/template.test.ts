import { describe, expect, it } from 'vitest';
import { renderQuery, unknownPlaceholders } from '@modelgate/core/prometheus/template';
import { parseHeaders } from '@modelgate/core/prometheus/headers';

describe('renderQuery', () => {
  it('fills track, name and namespace, spaces allowed inside the braces', () => {
    expect(
      renderQuery('sum(rate(http_errors{app="{{name}}",namespace="{{ namespace }}",track="{{track}}"}[1m]))', {
        track: 'canary',
        name: 'churn',
        namespace: 'ml',
      }),
    ).toBe('sum(rate(http_errors{app="churn",namespace="ml",track="canary"}[1m]))');
  });

  it('escapes quotes and backslashes so a value stays inside its label string', () => {
    expect(renderQuery('x{a="{{name}}"}', { track: 'stable', name: 'a"b\\c', namespace: 'n' })).toBe(
      'x{a="a\\"b\\\\c"}',
    );
  });

  it('lists placeholders it does not know', () => {
    expect(unknownPlaceholders('{{track}} {{pod}} {{ name }}')).toEqual(['pod']);
  });
});

describe('parseHeaders', () => {
  it('reads Name: value lines, skipping blanks and comments', () => {
    expect(parseHeaders('Authorization: Bearer abc:def\n\n# tenant\nX-Scope-OrgID: team-a\n')).toEqual({
      Authorization: 'Bearer abc:def',
      'X-Scope-OrgID': 'team-a',
    });
  });

  it('fails on a line that is not a header, naming the line', () => {
    expect(() => parseHeaders('Authorization: Bearer x\nnot a header')).toThrow(/line 2 is not 'Name: value'/);
  });
});

import { describe, expect, it } from 'vitest';
import { inert } from '@modelgate/core/log';

describe('inert', () => {
  it('leaves ordinary text as it is', () => {
    expect(inert('churn.csv: 1,000 rows, accuracy 0.91 (tab\there)')).toBe(
      'churn.csv: 1,000 rows, accuracy 0.91 (tab\there)',
    );
  });

  it('never lets the text open a line with a colon, even after white space', () => {
    expect(inert('::error::x')).toBe('\\::error::x');
    expect(inert('  \u00a0::add-mask::y')).toBe('  \u00a0\\::add-mask::y');
    expect(inert(':')).toBe('\\:');
  });

  it('writes line breaks and other control characters as visible escapes', () => {
    expect(inert('a\n::stop-commands::zz\r\n::error::x')).toBe('a\\n::stop-commands::zz\\r\\n::error::x');
    expect(inert('\u001b[8mhidden\u2028x')).toBe('\\u001b[8mhidden\\u2028x');
  });

  it('breaks the legacy ##[command] form anywhere in the text', () => {
    expect(inert('value ##[add-mask]secret')).toBe('value ##\\[add-mask]secret');
  });
});

import { describe, expect, it } from 'vitest';
import { detach } from '@modelgate/core/data/detach';

describe('detach', () => {
  it('returns an equal string, short or long, lone surrogates included', () => {
    const parent = 'prefix-' + 'x'.repeat(100) + '-\uD800-suffix';
    for (const text of ['', 'short', parent.slice(3, 90), parent]) expect(detach(text)).toBe(text);
  });
});

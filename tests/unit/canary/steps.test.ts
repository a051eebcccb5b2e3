import { describe, expect, it } from 'vitest';
import { parseSteps } from '@modelgate/core/canary/steps';

describe('parseSteps', () => {
  it('reads increasing percentages, with or without a % sign', () => {
    expect(parseSteps(['10', '25%', '50', '100'])).toEqual([10, 25, 50, 100]);
  });

  it('fails on a step that does not increase, naming the item', () => {
    expect(() => parseSteps(['10', '50', '50'])).toThrow(/item 3 \(50\) does not increase on the one before it \(50\)/);
    expect(() => parseSteps(['50', '25'])).toThrow(/item 2 \(25\) does not increase/);
  });

  it('fails on a weight past 100, zero, or not a whole number', () => {
    expect(() => parseSteps(['10', '150'])).toThrow(/item 2 is "150": expected a whole percentage from 1 to 100/);
    expect(() => parseSteps(['0', '10'])).toThrow(/item 1 is "0"/);
    expect(() => parseSteps(['12.5'])).toThrow(/item 1 is "12.5"/);
  });

  it('fails on an empty list', () => {
    expect(() => parseSteps([])).toThrow(/is empty/);
  });
});

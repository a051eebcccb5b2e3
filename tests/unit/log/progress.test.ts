// log.progress prints a label that may come from data (validate-data names the columns of its quantile pass): every
// line it prints is inert, whatever the label or unit holds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progress } from '@modelgate/core/log';

const printed: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  printed.length = 0;
});

describe('progress', () => {
  it('prints a label and unit from data as inert text on both its lines', () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const bar = progress('::error::x\n::add-mask::y', 'rows\n::warning::z', 0);
    bar.tick(1_500);
    bar.done(2_000_000);
    const lines = printed.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.startsWith('\\::error::x\\n::add-mask::y: ')).toBe(true);
      expect(line).toContain('rows\\n::warning::z');
    }
    expect(lines[0]).toMatch(/: 1,500 rows\\n::warning::z \(/);
    expect(lines[1]).toMatch(/: 2,000,000 rows\\n::warning::z in \d+\.\d\d s/);
  });
});

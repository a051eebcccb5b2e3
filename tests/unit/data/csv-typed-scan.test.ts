// readColumns' one-pass CSV path (data/csv-typed-scan): every number exactly Number(text), and every row it cannot
// take (quotes, blank lines, CR, ragged rows, bad cells) read or refused exactly as the general tokenizer does.
import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import { readColumns } from '@modelgate/core/data/columns';
import { tempDir, userError, writeData } from './helpers.ts';

const dir = tempDir();

/** A fixed xorshift generator: the same values on every run. */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

/** Python's repr of a float (what pandas' to_csv writes): shortest digits, exponent below 1e-4 and from 1e16 on. */
function pythonRepr(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [digits, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${digits}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  // in this range JavaScript writes the same shortest digits without an exponent
  const text = String(x);
  return text.includes('.') ? text : `${text}.0`;
}

/** `count` doubles of every kind a model exports, each written in its shortest round-trip form. */
function randomDoubles(count: number): string[] {
  const next = generator(12);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    let x: number;
    switch (i % 6) {
      case 0: // a probability with all 53 bits random
        x = ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
        break;
      case 1: // any bit pattern: subnormals, huge and tiny exponents
        words[0] = next();
        words[1] = next();
        x = bits[0]!;
        break;
      case 2: // a regression target: a few hundred with 17 digits
        x = (next() / 2 ** 32 - 0.3) * 10 ** ((next() % 12) - 3);
        break;
      case 3: // small probabilities that pandas writes with an exponent
        x = (next() / 2 ** 32) * 10 ** -((next() % 12) + 3);
        break;
      case 4: // subnormals
        words[0] = next();
        words[1] = next() & 0x800fffff;
        x = bits[0]!;
        break;
      default: // integers and short decimals
        x = (next() % 2_000_001) / 10 ** (next() % 5) - 100;
    }
    if (!Number.isFinite(x)) continue;
    out.push(i % 2 === 0 ? pythonRepr(x) : String(x));
  }
  return out;
}

describe('readColumns one-pass CSV path', () => {
  it('parses random doubles exactly as Number() does, skipping the columns nobody reads', async () => {
    // 300,000 by default; DOUBLES=5000000 for the long run
    const values = randomDoubles(Number(process.env.DOUBLES ?? 300_000));
    const lines = values.map((v, i) => `${1e17 + i},${v},${i % 3},feature${i % 7}`);
    const path = writeData(dir, 'random.csv', `id,x,label,f\n${lines.join('\n')}\n`);
    const columns = await readColumns(await openTable(path), ['x', 'label'], ['number', 'category']);
    const parsed = columns.number('x');
    let mismatches = 0;
    for (let i = 0; i < values.length; i++) if (!Object.is(parsed[i], Number(values[i]))) mismatches++;
    expect(mismatches).toBe(0);
    expect(columns.rows).toBe(values.length);
    const label = columns.category('label');
    expect(label.values).toEqual(['0', '1', '2']);
    expect(Array.from(label.codes.subarray(0, 5))).toEqual([0, 1, 2, 0, 1]);
  });

  it('parses the edge cases exactly as Number() does', async () => {
    const values = [
      '0',
      '-0',
      '0.0',
      '-0.0',
      '.5',
      '5.',
      '-.5',
      '+1.5',
      '00012.50',
      '1E5',
      '1e+16',
      '1e-05',
      '1.5e-05',
      '2.5E-300',
      '4.9e-324',
      '5e-324',
      '2.4703282292062328e-324',
      '2.2250738585072014e-308',
      '2.225073858507201e-308',
      '1.7976931348623157e+308',
      '9007199254740992',
      '9007199254740993',
      '18446744073709551616',
      '123456789012345678901234567890',
      '0.1',
      '0.30000000000000004',
      '0.49999999999999994',
      '0.9999999999999999',
      '1.0000000000000002',
      '0.000000000000000000000000000001',
      '1e22',
      '1e23',
      '9.999999999999999e22',
      '0.13436424411240122',
      '-0.8474337369372327',
      '1.2345678901234567e-7',
      '12345678901234567e-20',
      '1e-0',
    ];
    const path = writeData(dir, 'edges.csv', `x,y\n${values.map((v) => `${v},a`).join('\n')}\n`);
    const parsed = (await readColumns(await openTable(path), ['x'], ['number'])).number('x');
    expect(Array.from(parsed, (v, i) => [values[i], v])).toEqual(values.map((v) => [v, Number(v)]));
  });

  it('reads four bytes at a time exactly: every dot position, field lengths around four, skipped fields of any bytes, the last row', async () => {
    const values: string[] = [];
    const digits = '12345678901234567890';
    for (let length = 1; length <= 20; length++)
      for (let dot = 0; dot <= length; dot++) {
        const d = digits.slice(0, length);
        values.push(dot === length ? d : `${d.slice(0, dot)}.${d.slice(dot)}`);
        values.push(`-0.000${d.slice(0, dot)}`, `0.${'0'.repeat(dot)}${d}`, `${d}e-${dot}`);
      }
    const skipped = (i: number) => ['', '7', '12', '1.5', '-3.25e-05', 'a,b'.slice(0, 1), 'xyzw', '123456789'][i % 8];
    const lines = values.map((v, i) => `${skipped(i)},${v},${skipped(i + 3)}`);
    // the last row ends the file without a line break: its four-byte reads would run past the end
    for (const [name, text] of [
      ['steps.csv', `s,x,t\n${lines.join('\n')}`],
      ['steps.tsv', `s\tx\tt\n${lines.map((l) => l.replaceAll(',', '\t')).join('\n')}\n`],
    ] as const) {
      const parsed = (await readColumns(await openTable(writeData(dir, name, text)), ['x'], ['number'])).number('x');
      expect(Array.from(parsed, (v, i) => [values[i], v])).toEqual(values.map((v) => [v, Number(v)]));
    }
  });

  it('steps over skipped fields holding tabs and other control bytes (below 14) at every offset of a four-byte read', async () => {
    // the word test flags any byte below 14 as a possible line end: each false alarm must fall back to byte steps
    const controls = ['\t', '\x01', '\x0b', '\x0c', '\x00', '\x0e', '\x1f'];
    const lines: string[] = [];
    const want: [number, string][] = [];
    for (let i = 0; i < 600; i++) {
      const c = controls[i % controls.length]!;
      const at = i % 9;
      const skipped = `${'abcdefghij'.slice(0, at)}${c}${'klmnopq'.slice(0, i % 7)}`;
      const x = (i * 0.37) / 3;
      lines.push(`${skipped},${x},${i % 3 ? 'yes' : 'no'},${c}${skipped}`);
      want.push([x, i % 3 ? 'yes' : 'no']);
    }
    const path = writeData(dir, 'controls.csv', `s,x,c,t\n${lines.join('\n')}\n`);
    const read = await readColumns(await openTable(path), ['x', 'c'], ['number', 'category']);
    expect(read.rows).toBe(600);
    const c = read.category('c');
    expect(Array.from(read.number('x'), (x, i) => [x, c.values[c.codes[i]!]])).toEqual(want);
  });

  it("refuses the non-finite spellings pandas writes ('nan', 'inf', '-inf') naming the row and line", async () => {
    for (const [spelling, row] of [
      ['nan', 2],
      ['NaN', 2],
      ['inf', 2],
      ['-inf', 2],
      ['Infinity', 2],
      ['1e400', 2],
    ] as const) {
      const path = writeData(dir, `nonfinite-${row}.csv`, `id,x\n1,0.5\n2,${spelling}\n3,0.25\n`);
      for (const kind of ['number', 'number-or-null'] as const) {
        const error = await userError(async () => readColumns(await openTable(path), ['x'], [kind]));
        expect(error.message).toBe(
          `column 'x', data row ${row} (line ${row + 1}): expected a finite number, found ${JSON.stringify(spelling)}`,
        );
      }
    }
    const empty = writeData(dir, 'null-x.csv', 'id,x\n1,0.5\n2,\n3,0.25\n');
    const nullable = await readColumns(await openTable(empty), ['x'], ['number-or-null']);
    expect(Array.from(nullable.number('x'))).toEqual([0.5, NaN, 0.25]);
  });

  it('hands quoted, blank, CRLF and lone-CR rows to the tokenizer and carries on, keeping line numbers', async () => {
    const rows = ['0.5,a', '"0.25",b', '', '0.125,"c,d"', '1.5,e\r', '2.5,f\r3.5,g', '4.5,h'];
    const plain = Array.from({ length: 20_000 }, (_, i) => `${i / 8},p`);
    const text = `x,label\n${plain.join('\n')}\n${rows.join('\n')}\n${plain.join('\n')}\n9.5,"multi\nline"\n7,oops\n`;
    const path = writeData(dir, 'mixed.csv', text);
    const columns = await readColumns(await openTable(path), ['x', 'label'], ['number', 'category']);
    const xs = [...plain.map((l) => Number(l.split(',')[0])), 0.5, 0.25, 0.125, 1.5, 2.5, 3.5, 4.5];
    xs.push(...plain.map((l) => Number(l.split(',')[0])), 9.5, 7);
    expect(Array.from(columns.number('x'))).toEqual(xs);
    const label = columns.category('label');
    const labels = Array.from(label.codes, (c) => label.values[c]);
    expect(labels.slice(20_000, 20_007)).toEqual(['a', 'b', 'c,d', 'e', 'f', 'g', 'h']);
    expect(labels.slice(-2)).toEqual(['multi\nline', 'oops']);

    const bad = writeData(dir, 'mixed-bad.csv', `${text}x8,z\n`);
    const error = await userError(async () => readColumns(await openTable(bad), ['x'], ['number']));
    const line = text.split(/\r\n|\r|\n/).length; // the header is line 1; the bad row follows the last line break
    expect(error.message).toBe(
      `column 'x', data row ${xs.length + 1} (line ${line}): expected a finite number, found "x8"`,
    );
  });

  it('names ragged rows and empty required cells found among plain rows', async () => {
    const plain = Array.from({ length: 5_000 }, (_, i) => `${i},${i % 2},q`).join('\n');
    const ragged = writeData(dir, 'ragged.csv', `id,label,r\n${plain}\n5000,1\n`);
    const raggedError = await userError(async () => readColumns(await openTable(ragged), ['label'], ['category']));
    expect(raggedError.message).toBe(
      'line 5002 has 2 fields, expected 3 like the header (a delimiter inside a value must be quoted)',
    );
    const extra = writeData(dir, 'extra.csv', `id,label,r\n${plain}\n5000,1,q,z\n`);
    expect((await userError(async () => readColumns(await openTable(extra), ['id'], ['number']))).message).toContain(
      'line 5002 has 4 fields',
    );
    const emptyLabel = writeData(dir, 'empty-label-plain.csv', `id,label,r\n${plain}\n5000,,q\n`);
    const emptyError = await userError(async () => readColumns(await openTable(emptyLabel), ['label'], ['category']));
    expect(emptyError.message).toBe(`column 'label', data row 5001 (line 5002): expected a value, found an empty cell`);
  });

  it('reads TSV and gzipped CSV through the same path', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => [i, (i * 0.1).toFixed(17), i % 2 ? 'yes' : 'no']);
    const expected = rows.map((r) => Number(r[1]));
    const tsv = writeData(dir, 'scores.tsv', `id\tscore\tlabel\n${rows.map((r) => r.join('\t')).join('\n')}\n`);
    const gz = writeData(dir, 'scores.csv.gz', `id,score,label\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    for (const path of [tsv, gz]) {
      const columns = await readColumns(await openTable(path), ['score', 'label'], ['number', 'category']);
      expect(Array.from(columns.number('score'))).toEqual(expected);
      expect(columns.category('label').values).toEqual(['no', 'yes']);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  binarySubset,
  multiclassSubset,
  regressionSubset,
  sliceGroups,
  SubsetBuffers,
} from '@modelgate/core/metrics/slices';

const rowsOf = (groups: ReturnType<typeof sliceGroups>) => groups.map((g) => [g.key, g.value, Array.from(g.rows)]);

describe('slice groups and subsets', () => {
  it('orders numeric values as numbers, puts missing values last as null and drops values without rows', () => {
    const groups = sliceGroups({
      name: 'age',
      values: ['10', '9', '-1', '7'],
      codes: Int32Array.from([0, -1, 1, 2, 0, 1, -1]),
    });
    expect(rowsOf(groups)).toEqual([
      ['age=-1', '-1', [3]],
      ['age=9', '9', [2, 5]],
      ['age=10', '10', [0, 4]],
      ['age=null', 'null', [1, 6]],
    ]);
  });

  it('orders text values by code unit (as pandas sorts strings), a blank value making the column text', () => {
    const groups = sliceGroups({
      name: 'r',
      values: ['b', ' ', 'B', 'a', '2'],
      codes: Int32Array.from([0, 1, 2, 3, 4, 3]),
    });
    expect(rowsOf(groups)).toEqual([
      ['r= ', ' ', [1]],
      ['r=2', '2', [4]],
      ['r=B', 'B', [2]],
      ['r=a', 'a', [3, 5]],
      ['r=b', 'b', [0]],
    ]);
    // Number(' ') is 0: a blank value must not make the column numeric
    expect(
      sliceGroups({ name: 'n', values: ['10', ' ', '2'], codes: Int32Array.from([0, 1, 2]) }).map((g) => g.value),
    ).toEqual([' ', '10', '2']);
    expect(
      sliceGroups({ name: 'r', values: ['d', 'c', 'b', 'a', 'e'], codes: Int32Array.from([0, 1, 2, 3, 4]) }).map(
        (g) => g.value,
      ),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sliceGroups({ name: 'r', values: ['x'], codes: Int32Array.from([0, 0]) }).map((g) => g.key)).toEqual([
      'r=x',
    ]);
  });

  it('hands out the same memory subset after subset (no allocation per slice), growing only when too small', () => {
    const buffers = new SubsetBuffers();
    const a = buffers.reset().int(3);
    const f = buffers.float(3);
    const b = buffers.reset().int(3);
    expect(b.buffer).toBe(a.buffer);
    expect(buffers.float(2).buffer).toBe(f.buffer);
    expect(buffers.reset().float(3).buffer).toBe(f.buffer);
    expect(buffers.reset().int(4).buffer).not.toBe(a.buffer);
    expect(buffers.float(4).buffer).not.toBe(f.buffer);
  });

  it('gathers the rows of each task, in reused buffers that grow when a subset is larger', () => {
    const buffers = new SubsetBuffers();
    const binary = {
      labels: ['0', '1'],
      positive: 1,
      truth: Int32Array.from([0, 1, 1, 0]),
      predicted: Int32Array.from([1, 1, 0, 0]),
      score: Float64Array.from([0.1, 0.2, 0.3, 0.4]),
    };
    const small = binarySubset(binary, Uint32Array.from([3, 1]), buffers);
    expect([Array.from(small.truth), Array.from(small.predicted), Array.from(small.score!)]).toEqual([
      [0, 1],
      [0, 1],
      [0.4, 0.2],
    ]);
    expect(small.positive).toBe(1);
    const large = binarySubset(binary, Uint32Array.from([2, 0, 1]), buffers);
    expect([Array.from(large.truth), Array.from(large.predicted), Array.from(large.score!)]).toEqual([
      [1, 0, 1],
      [0, 1, 1],
      [0.3, 0.1, 0.2],
    ]);
    expect(binarySubset({ ...binary, score: undefined }, Uint32Array.from([0])).score).toBeUndefined();

    const multi = multiclassSubset(
      {
        labels: ['a', 'b'],
        truth: Int32Array.from([0, 1, 1]),
        predicted: Int32Array.from([1, 1, 0]),
        proba: [Float64Array.from([0.9, 0.2, 0.6]), Float64Array.from([0.1, 0.8, 0.4])],
      },
      Uint32Array.from([2, 1]),
      buffers,
    );
    expect([Array.from(multi.truth), Array.from(multi.predicted), multi.proba!.map((p) => Array.from(p))]).toEqual([
      [1, 1],
      [0, 1],
      [
        [0.6, 0.2],
        [0.4, 0.8],
      ],
    ]);
    const bare = multiclassSubset(
      { labels: ['a', 'b'], truth: Int32Array.from([0, 1]), predicted: Int32Array.from([1, 1]) },
      Uint32Array.from([1]),
    );
    expect([Array.from(bare.truth), bare.proba]).toEqual([[1], undefined]);
    const unbuffered = regressionSubset(
      { truth: Float64Array.from([1, 2]), predicted: Float64Array.from([3, 4]) },
      Uint32Array.from([1]),
    );
    expect(Array.from(unbuffered.predicted)).toEqual([4]);
    const reg = regressionSubset(
      { truth: Float64Array.from([1, 2, 3]), predicted: Float64Array.from([1.5, 2.5, 3.5]) },
      Uint32Array.from([2, 0]),
      buffers,
    );
    expect([Array.from(reg.truth), Array.from(reg.predicted)]).toEqual([
      [3, 1],
      [3.5, 1.5],
    ]);
  });
});

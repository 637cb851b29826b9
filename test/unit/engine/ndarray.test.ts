// NDArray storage, nested conversion and numpy broadcasting of shapes.
import { strict as assert } from 'assert';
import { ArgumentError, broadcastShapes, NDArray, ShapeError } from '../../../engine';

describe('engine: NDArray', () => {
  it('round-trips nested arrays in row-major order', () => {
    const a = NDArray.from([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(a.shape, [2, 3]);
    assert.equal(a.ndim, 2);
    assert.equal(a.size, 6);
    assert.deepEqual(Array.from(a.data), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(a.toNested(), [[1, 2, 3], [4, 5, 6]]);
    assert.equal(a.get(1, 0), 4);
    assert.equal(a.get(-1, -1), 6);
  });

  it('0-d scalars: shape (), item, toNested gives a number', () => {
    const s = NDArray.scalar(2.5);
    assert.deepEqual(s.shape, []);
    assert.equal(s.ndim, 0);
    assert.equal(s.item(), 2.5);
    assert.equal(s.toNested(), 2.5);
    assert.equal(NDArray.from(7).item(), 7);
  });

  it('zeros, ones, full', () => {
    assert.deepEqual(NDArray.zeros([2, 2]).toNested(), [[0, 0], [0, 0]]);
    assert.deepEqual(NDArray.ones([3]).toNested(), [1, 1, 1]);
    assert.deepEqual(NDArray.full([1, 2], -3).toNested(), [[-3, -3]]);
    assert.deepEqual(NDArray.zeros([0, 3]).toNested(), []);
  });

  it('ragged input, a wrong data length, item of many and bad indices are typed errors naming shapes', () => {
    assert.throws(() => NDArray.from([[1, 2], [3]]), (e: Error) => e instanceof ShapeError && /ragged.*root\[1\].*expected length 2, got length 1/.test(e.message));
    assert.throws(() => NDArray.from([[1, 2], 3] as never), ShapeError);
    assert.throws(() => new NDArray(new Float64Array(5), [2, 3]), /5 values do not fill shape \(2,3\)/);
    assert.throws(() => NDArray.from([1, 2]).item(), /shape \(2,\) has 2 values/);
    assert.throws(() => NDArray.from([1, 2]).get(2), (e: Error) => e instanceof ArgumentError && /index 2 out of range .* \(2,\) \(valid: -2\.\.1\)/.test(e.message));
  });
});

describe('engine: broadcastShapes', () => {
  const cases: Array<[number[], number[], number[]]> = [
    [[2, 1, 3], [4, 1], [2, 4, 3]], [[], [3, 2], [3, 2]], [[5], [1], [5]], [[1, 4], [3, 1], [3, 4]], [[0], [1], [0]],
  ];
  for (const [a, b, out] of cases) {
    it(`(${a}) with (${b}) -> (${out})`, () => {
      assert.deepEqual(broadcastShapes(a, b), out);
      assert.deepEqual(broadcastShapes(b, a), out);
    });
  }
  it('incompatible shapes throw a ShapeError naming both', () => {
    assert.throws(() => broadcastShapes([2, 3], [4]), (e: Error) => e instanceof ShapeError && e.message.includes('(2,3)') && e.message.includes('(4,)'));
  });
});

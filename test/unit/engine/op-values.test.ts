// Forward values of the ops against independent, hand-written expectations (numpy semantics).
import { strict as assert } from 'assert';
import * as E from '../../../engine';
import { NDArray, Tensor } from '../../../engine';
import { assertAllClose, randomArray, rng } from './helpers';

const values = (t: Tensor) => t.value.toNested();

describe('engine: op values', () => {
  it('elementwise arithmetic broadcasts and accepts numbers', () => {
    const a = E.constant([[1, 2, 3], [4, 5, 6]]);
    const b = E.constant([10, 20, 30]);
    assert.deepEqual(values(E.add(a, b)), [[11, 22, 33], [14, 25, 36]]);
    assert.deepEqual(values(E.sub(2, a)), [[1, 0, -1], [-2, -3, -4]]);
    assert.deepEqual(values(E.mul(a, E.constant([[2], [-1]]))), [[2, 4, 6], [-4, -5, -6]]);
    assert.deepEqual(values(E.div(b, 10)), [1, 2, 3]);
    assert.deepEqual(values(E.pow(b, 2)), [100, 400, 900]);
    assert.deepEqual(values(E.pow(E.constant([2, 3]), E.constant([3, 2]))), [8, 9]);
    assert.deepEqual(values(E.neg(b)), [-10, -20, -30]);
  });

  it('unary math, stable sigmoid, relu/abs, maximum/minimum/where', () => {
    const x = E.constant([-800, -1, 0, 2, 800]);
    assert.deepEqual(values(E.sigmoid(x)), [0, 1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2)), 1]);
    assert.deepEqual(values(E.relu(x)), [0, 0, 0, 2, 800]);
    assert.deepEqual(values(E.abs(x)), [800, 1, 0, 2, 800]);
    assert.deepEqual(values(E.maximum(x, 0.5)), [0.5, 0.5, 0.5, 2, 800]);
    assert.deepEqual(values(E.minimum(x, 0.5)), [-800, -1, 0, 0.5, 0.5]);
    assert.deepEqual(values(E.where(E.constant([1, 0, 1, 0, 1]), x, -7)), [-800, -7, 0, -7, 800]);
    assert.ok(Number.isNaN(E.log(-1).value.item()), 'log(-1) is NaN as in numpy, not an exception');
    assert.equal(E.tanh(E.constant(0.5)).value.item(), Math.tanh(0.5));
  });

  it('reductions over axes with keepdims and negative axes', () => {
    const a = E.constant([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]); // (2,3,2)
    assert.deepEqual(values(E.sum(a)), 78);
    assert.deepEqual(values(E.sum(a, 1)), [[9, 12], [27, 30]]);
    assert.deepEqual(values(E.sum(a, [0, -1], true)), [[[18], [26], [34]]]);
    assert.deepEqual(values(E.mean(a, -1)), [[1.5, 3.5, 5.5], [7.5, 9.5, 11.5]]);
    assert.deepEqual(values(E.max(a, [0, 1])), [11, 12]);
    assert.deepEqual(E.max(a, 2, true).shape, [2, 3, 1]);
  });

  it('logsumexp, softmax and logSoftmax are numerically stable', () => {
    assert.equal(E.logsumexp(E.constant([1000, 1000])).value.item(), 1000 + Math.LN2);
    assert.equal(E.logsumexp(E.constant([-Infinity, -Infinity])).value.item(), -Infinity);
    assertAllClose(E.softmax(E.constant([1000, 1000, 1000])).value.data, [1 / 3, 1 / 3, 1 / 3], 1e-15, 0, 'softmax');
    assertAllClose(E.logSoftmax(E.constant([0, -1000])).value.data, [0, -1000], 1e-12, 0, 'logSoftmax');
    const rows = E.softmax(E.constant([[1, 2, 3], [0, 0, 0]]), 1).value;
    assertAllClose(rows.data, [...[1, 2, 3].map((v) => Math.exp(v) / (Math.E + Math.E ** 2 + Math.E ** 3)), 1 / 3, 1 / 3, 1 / 3], 1e-15, 1e-15, 'rows');
    const cols = E.softmax(E.constant([[1, 2], [1, 2]]), 0).value;
    assertAllClose(cols.data, [0.5, 0.5, 0.5, 0.5], 1e-15, 0, 'columns');
    assert.equal(E.softmax(3).value.item(), 1);
  });

  it('matmul by numpy rules (1-D promotion, batch broadcasting)', () => {
    const A = E.constant([[1, 2], [3, 4]]);
    const v = E.constant([5, 6]);
    assert.deepEqual(values(E.matmul(A, A)), [[7, 10], [15, 22]]);
    assert.deepEqual(values(E.matmul(A, v)), [17, 39]);
    assert.deepEqual(values(E.matmul(v, A)), [23, 34]);
    assert.equal(E.matmul(v, v).value.item(), 61);
    assert.deepEqual(E.matmul(E.constant(NDArray.zeros([5, 2, 3])), E.constant(NDArray.zeros([3]))).shape, [5, 2]);
    assert.deepEqual(E.matmul(E.constant(NDArray.zeros([3])), E.constant(NDArray.zeros([2, 3, 4]))).shape, [2, 4]);
    // Batched with broadcasting equals matrix products batch by batch.
    const next = rng(9);
    const B = randomArray([2, 1, 2, 3], next);
    const C = randomArray([4, 3, 2], next);
    const out = E.matmul(E.constant(B), E.constant(C)).value;
    assert.deepEqual(out.shape, [2, 4, 2, 2]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 4; j++) for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += B.get(i, 0, r, k) * C.get(j, k, c);
      assert.ok(Math.abs(out.get(i, j, r, c) - s) < 1e-12);
    }
  });

  it('transpose (default reverses), reshape with -1, broadcastTo', () => {
    const a = E.constant(randomArray([2, 3, 4], rng(1)));
    const t = E.transpose(a).value;
    assert.deepEqual(t.shape, [4, 3, 2]);
    assert.equal(t.get(3, 1, 0), a.value.get(0, 1, 3));
    const p = E.transpose(a, [1, 2, 0]).value;
    assert.deepEqual(p.shape, [3, 4, 2]);
    assert.equal(p.get(2, 3, 1), a.value.get(1, 2, 3));
    assert.deepEqual(E.reshape(a, [4, -1]).shape, [4, 6]);
    assert.deepEqual(values(E.broadcastTo(E.constant([1, 2]), [2, 2])), [[1, 2], [1, 2]]);
  });

  it('index, slice (Python semantics) and gather', () => {
    const x = E.constant([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const s = (spec: E.SliceSpec) => values(E.slice(x, [spec]));
    assert.deepEqual(s({ start: 2, stop: 7, step: 2 }), [2, 4, 6]);
    assert.deepEqual(s({ step: -1 }), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    assert.deepEqual(s({ start: -3 }), [7, 8, 9]);
    assert.deepEqual(s({ start: 8, stop: 2, step: -3 }), [8, 5]);
    assert.deepEqual(s({ start: 5, stop: 100 }), [5, 6, 7, 8, 9]);
    assert.deepEqual(s({ stop: -12 }), []);
    assert.deepEqual(s(-2), 8);
    const m = E.constant([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(values(E.index(m, 1)), [4, 5, 6]);
    assert.deepEqual(values(E.index(m, -1, 1)), [3, 6]);
    assert.deepEqual(values(E.slice(m, [{}, { start: 1 }])), [[2, 3], [5, 6]]);
    assert.deepEqual(values(E.gather(m, [2, 0, 2], 1)), [[3, 1, 3], [6, 4, 6]]);
  });

  it('stack and concat', () => {
    const a = E.constant([1, 2]);
    const b = E.constant([3, 4]);
    assert.deepEqual(values(E.stack([a, b])), [[1, 2], [3, 4]]);
    assert.deepEqual(values(E.stack([a, b], -1)), [[1, 3], [2, 4]]);
    assert.deepEqual(values(E.concat([a, b, a])), [1, 2, 3, 4, 1, 2]);
    assert.deepEqual(values(E.concat([E.constant([[1], [2]]), E.constant([[3, 4], [5, 6]])], 1)), [[1, 3, 4], [2, 5, 6]]);
  });

  it('graph bookkeeping: ids increase, requiresGrad flows from variables only, numbers become constants', () => {
    const x = E.variable(1, 'x_1');
    const c = E.constant(2);
    const y = E.mul(x, 3);
    const z = E.mul(c, 3);
    assert.ok(x.id < c.id && c.id < y.id);
    assert.equal(x.label, 'x_1');
    assert.equal(y.requiresGrad, true);
    assert.equal(z.requiresGrad, false);
    assert.equal(y.op?.name, 'mul');
    assert.equal(y.inputs[1].op, null);
    assert.equal(y.inputs[1].value.item(), 3);
    assert.deepEqual(E.pow(x, 3).op?.attrs, { exponent: 3 });
  });
});

describe('engine: error messages name the shapes', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['matmul inner dims', () => E.matmul(E.constant(NDArray.zeros([2, 3])), E.constant([1, 2, 3, 4])), /^matmul: \(2,3\) @ \(4,\): inner dimensions 3 and 4 differ$/],
    ['matmul batch dims', () => E.matmul(E.constant(NDArray.zeros([2, 2, 3])), E.constant(NDArray.zeros([3, 3, 1]))), /matmul: \(2,2,3\) @ \(3,3,1\): batch dimensions \(2,\) and \(3,\) do not broadcast/],
    ['matmul 0-d', () => E.matmul(2, E.constant([1])), /matmul: \(\) @ \(1,\)/],
    ['add broadcast', () => E.add(E.constant(NDArray.zeros([2, 3])), E.constant(NDArray.zeros([2]))), /add: shapes \(2,3\) and \(2,\) do not broadcast/],
    ['reshape size', () => E.reshape(E.constant(NDArray.zeros([2, 3])), [4, -1]), /reshape: cannot reshape \(2,3\) \(6 values\) into \(4,-1\)/],
    ['broadcastTo', () => E.broadcastTo(E.constant(NDArray.zeros([3])), [2, 4]), /broadcastTo: cannot broadcast \(3,\) to \(2,4\)/],
    ['sum axis', () => E.sum(E.constant(NDArray.zeros([2, 3])), 2), /sum: axis 2 is out of range for 2-d array \(valid: -2\.\.1\)/],
    ['transpose axes', () => E.transpose(E.constant(NDArray.zeros([2, 3])), [0, 0]), /transpose: axes \[0, 0\] are not a permutation of the 2 axes of \(2,3\)/],
    ['index range', () => E.index(E.constant([1, 2, 3]), 3), /index: \(3,\) along axis 0: index 3 is out of range for length 3 \(valid: -3\.\.2\)/],
    ['gather range', () => E.gather(E.constant([1, 2, 3]), [0, -4]), /gather: \(3,\).*index -4 is out of range/],
    ['slice step', () => E.slice(E.constant([1, 2, 3]), [{ step: 0 }]), /slice: \(3,\) axis 0: slice step must be a non-zero integer/],
    ['concat', () => E.concat([E.constant(NDArray.zeros([2, 3])), E.constant(NDArray.zeros([3, 2]))], 1), /concat: shapes \(2,3\), \(3,2\) differ outside axis 1/],
    ['stack', () => E.stack([E.constant([1, 2]), E.constant([1, 2, 3])]), /stack: all shapes must be equal, got \(2,\), \(3,\)/],
    ['where', () => E.where(E.constant([1, 0]), E.constant([1, 2, 3]), 0), /where: shapes \(2,\) and \(3,\) do not broadcast/],
    ['pow exponent', () => E.pow(E.constant([1]), Infinity), /pow: exponent Infinity is not a finite number/],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => assert.throws(make, (e: Error) => (e instanceof E.ShapeError || e instanceof E.ArgumentError) && message.test(e.message)));
  }
});

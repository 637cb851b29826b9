// BatchedGraph (engine/batched.ts): Σ output at many values of a leaf at once must equal evaluating the
// graph again at each value. The product W @ x of a constant matrix with the batched leaf goes through
// W · Xᵀ (the points as columns) for a few points and X · Wᵀ for many, so a non-square W and batch sizes
// around the switch and the kernels' cases (one point: matrix-vector loop; several: GEMM) are what could go wrong.
import { strict as assert } from 'assert';
import * as E from '../../../engine';
import { NDArray, Tensor } from '../../../engine';
import { BatchedGraph } from '../../../engine/batched';
import { randomArray, rng } from './helpers';

/** Σ f at each point, evaluating f's graph anew per point (the path without batches). */
function pointByPoint(f: (t: Tensor) => Tensor, points: Float64Array, count: number, size: number): number[] {
  return Array.from({ length: count }, (_, b) => {
    const x = new NDArray(points.slice(b * size, (b + 1) * size), [size]);
    return f(E.constant(x)).value.data.reduce((s, v) => s + v, 0);
  });
}

describe('engine: BatchedGraph', () => {
  const next = rng(47);
  const k = 23;
  for (const m of [1, 9, 31]) {
    const W = E.constant(randomArray([m, k], next));
    const f = (t: Tensor): Tensor => E.sum(E.tanh(E.matmul(W, t)));
    for (const count of [1, 2, 7, 16]) {
      it(`W @ x with W ${m}×${k}, ${count} point${count === 1 ? '' : 's'}: equals f point by point`, () => {
        const leaf = E.variable(randomArray([k], next));
        const graph = new BatchedGraph(f(leaf), leaf);
        const points = randomArray([count * k], next).data;
        const batched = graph.objectives(points, count);
        const expected = pointByPoint(f, points, count, k);
        for (let b = 0; b < count; b++) {
          assert.ok(Math.abs(batched[b] - expected[b]) <= 1e-12 * Math.max(1, Math.abs(expected[b])), `point ${b}: ${batched[b]} vs ${expected[b]}`);
        }
      });
    }
  }
});

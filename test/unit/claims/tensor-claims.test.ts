// Claims about tensor gradients: softmax cross-entropy and least squares.
import * as assert from 'node:assert/strict';
import { claimOf, display, onlyBlock } from './helpers';

function closeArray(actual: unknown, expected: number[], rtol = 1e-9): void {
  assert.ok(Array.isArray(actual), `${JSON.stringify(actual)} is not an array`);
  const a = (actual as unknown[]).flat(Infinity as 1) as number[];
  assert.equal(a.length, expected.length);
  a.forEach((x, i) => assert.ok(Math.abs(x - expected[i]) <= rtol * Math.max(1, Math.abs(expected[i])), `[${i}] ${x} vs ${expected[i]}`));
}

// The one-hot e_y is data: bound in the annotation. The loss does not depend on it, so it is not
// re-sampled between points (only the inputs of the differentiated expression are).
const SOFTMAX_DATA = 'h = [1, 2, 0.5], e_y = [0, 1, 0]';
const LOSS = '\\ell = -h_2 + \\log \\sum_{j=1}^{3} \\exp(h_j)';

function softmax(h: number[]): number[] {
  const e = h.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('tensor gradient claims', () => {
  it('∇_h ℓ = softmax(h) − e_y holds for the cross-entropy loss', () => {
    const a = onlyBlock(display([LOSS, '\\nabla_h \\ell = \\mathrm{softmax}(h) - e_y'], SOFTMAX_DATA));
    assert.equal(a.status, 'ok', a.message ?? '');
    const c = claimOf(a, '\\nabla_h \\ell');
    assert.equal(c.holds, true);
    assert.equal(c.points, 5);
    const p = softmax([1, 2, 0.5]);
    closeArray(c.autodiff, [p[0], p[1] - 1, p[2]]);
  });

  it('∇_h ℓ = softmax(h) fails (the one-hot is missing) with the bound h as where', () => {
    const c = claimOf(onlyBlock(display([LOSS, '\\nabla_h \\ell = \\mathrm{softmax}(h)'], SOFTMAX_DATA)), '\\nabla_h \\ell');
    assert.equal(c.holds, false);
    assert.deepEqual(c.where, { h: [1, 2, 0.5] });
    assert.ok(Math.abs(c.maxError - 1) < 1e-9, `maxError ${c.maxError}`);
  });

  const LSQ_DATA = 'A = [[1, 2], [3, 4], [5, 6]], b = [1, 0, 2], x = [0.5, -1]';
  const A = [[1, 2], [3, 4], [5, 6]];
  const b = [1, 0, 2];
  const x = [0.5, -1];
  const r = A.map((row, i) => row[0] * x[0] + row[1] * x[1] - b[i]);
  const expected = [0, 1].map((j) => 2 * A.reduce((s, row, i) => s + row[j] * r[i], 0));

  it('least squares: ∇_x ‖Ax − b‖² = 2Aᵀ(Ax − b) holds', () => {
    const a = onlyBlock(display(['\\nabla_x \\|Ax - b\\|_2^2 = 2A^T(Ax - b)'], LSQ_DATA));
    assert.equal(a.status, 'ok', a.message ?? '');
    const c = claimOf(a, '\\nabla_x \\|Ax - b\\|_2^2');
    assert.equal(c.holds, true);
    closeArray(c.autodiff, expected);
  });

  it('least squares without the factor 2 fails by half the gradient', () => {
    const c = claimOf(onlyBlock(display(['\\nabla_x \\|Ax - b\\|_2^2 = A^T(Ax - b)'], LSQ_DATA)), '\\nabla_x \\|Ax - b\\|_2^2');
    assert.equal(c.holds, false);
    closeArray(c.yours, expected.map((v) => v / 2));
    assert.ok(c.where && Array.isArray(c.where.A), 'where names the tensors');
  });

  it('a formula of the wrong shape fails with a message naming both shapes', () => {
    const a = onlyBlock(display(['\\nabla_x \\|Ax - b\\|_2^2 = A^T A'], LSQ_DATA));
    const c = claimOf(a, '\\nabla_x \\|Ax - b\\|_2^2');
    assert.equal(c.holds, false);
    const warning = a.problems.find((p) => p.severity === 'warning');
    assert.match(warning?.message ?? '', /yours is a 2×2 matrix, autodiff a vector of 2 entries/);
  });
});

// gradcheck per SPEC §5: passes on correct ops, catches and blames a wrong gradient, explains kinks,
// switches to random directions past maxCoordinates, reports progress and honours cancellation.
import { strict as assert } from 'assert';
import * as E from '../../../engine';
import { NDArray, Op, Tensor } from '../../../engine';
import { randomArray, rng } from './helpers';

/** A test-only op x ↦ x² whose gradient is deliberately wrong (3x instead of 2x). */
const wrongSquare: Op = {
  name: 'wrongSquare',
  compute: ([a]) => new NDArray(a.data.map((x) => x * x), a.shape),
  gradient: (g, node) => [E.mul(g, E.mul(3, node.inputs[0]))],
};

describe('engine: gradcheck', () => {
  it('passes on a composite of correct ops and reports per-input errors', () => {
    const next = rng(3);
    const W = randomArray([3, 4], next);
    const x = randomArray([4], next);
    const report = E.gradcheckSync((w, v) => E.logsumexp(E.tanh(E.matmul(w, v))), [W, x], { names: ['W', 'x'] });
    assert.equal(report.passed, true);
    assert.equal(report.cancelled, false);
    assert.deepEqual(report.inputs.map((i) => [i.name, i.mode, i.checked, i.passed]), [['W', 'coordinates', 12, true], ['x', 'coordinates', 4, true]]);
    assert.ok(report.maxAbsError < 1e-8, `max abs error ${report.maxAbsError}`);
    assert.equal(report.blame, undefined);
  });

  it('catches a wrong gradient in a custom op and blames that node', () => {
    let culprit: Tensor | undefined;
    const f = (x: Tensor): Tensor => {
      culprit = E.makeOp(wrongSquare, [E.sin(x)]);
      return E.sum(E.exp(culprit));
    };
    const report = E.gradcheckSync(f, [NDArray.from([0.3, -0.7, 1.1])], { names: ['x'] });
    assert.equal(report.passed, false);
    assert.equal(report.inputs[0].passed, false);
    assert.ok(report.maxAbsError > 0.1);
    assert.ok(report.blame, 'a node is blamed');
    assert.equal(report.blame!.op, 'wrongSquare');
    assert.equal(report.blame!.node.op, culprit!.op, 'the wrong op node (rebuilt by gradcheck) is named');
    assert.equal(report.blame!.reason, undefined);
  });

  it('blameNodes names the earliest disagreeing node of a given graph', () => {
    const x = E.variable([0.5, 2]);
    const first = E.makeOp(wrongSquare, [x]);
    const second = E.makeOp(wrongSquare, [first]);
    const blame = E.blameNodes(E.sum(second));
    assert.equal(blame?.node, first);
    assert.equal(E.blameNodes(E.sum(E.mul(E.exp(x), x))), undefined);
  });

  it('explains a failure at a relu kink (input exactly 0)', () => {
    const report = E.gradcheckSync((x) => E.sum(E.relu(x)), [NDArray.from([1, 0, -1])]);
    assert.equal(report.passed, false);
    assert.equal(report.blame?.op, 'relu');
    assert.equal(report.blame?.reason, 'relu kink at 0');
  });

  it('explains abs next to 0, max ties and the domain edge of sqrt', () => {
    // Exactly at 0 central differences give 0 = sign(0), so the check passes; within eps of 0 it cannot.
    assert.equal(E.gradcheckSync((x) => E.abs(x), [NDArray.from([0, 2])]).passed, true);
    assert.equal(E.gradcheckSync((x) => E.abs(x), [NDArray.from([1e-7, 2])]).blame?.reason, 'abs kink at 0');
    // A two-way tie splits the gradient (1/2 each), which central differences agree with; three ways do not.
    assert.equal(E.gradcheckSync((x) => E.max(x), [NDArray.from([3, 1, 3])]).passed, true);
    assert.equal(E.gradcheckSync((x) => E.max(x), [NDArray.from([3, 3, 3])]).blame?.reason, 'max tie');
    const nearTie = E.gradcheckSync((x, y) => E.maximum(x, y), [NDArray.from([1, 2]), NDArray.from([1 + 1e-7, 0])]);
    assert.equal(nearTie.blame?.reason, 'max tie');
    assert.equal(E.gradcheckSync((x) => E.sqrt(x), [NDArray.from([0, 4])]).blame?.reason, 'domain edge of sqrt at 0');
    assert.equal(E.gradcheckSync((x) => E.log(x), [NDArray.from([1, 0])]).blame?.reason, 'domain edge of log at 0');
    assert.equal(E.gradcheckSync((x, y) => E.div(x, y), [NDArray.from([1]), NDArray.from([1e-7])]).blame?.reason, 'domain edge of div at 0 (denominator)');
  });

  it('uses random directions above maxCoordinates, and still catches a wrong gradient there', () => {
    const next = rng(4);
    const x = randomArray([30], next);
    const ok = E.gradcheckSync((t) => E.sum(E.sin(t)), [x], { maxCoordinates: 10, directions: 5 });
    assert.deepEqual(ok.inputs.map((i) => [i.mode, i.checked, i.passed]), [['directions', 5, true]]);
    const bad = E.gradcheckSync((t) => E.sum(E.makeOp(wrongSquare, [t])), [x], { maxCoordinates: 10, directions: 5 });
    assert.equal(bad.passed, false);
    assert.equal(bad.inputs[0].mode, 'directions');
    assert.equal(bad.blame?.op, 'wrongSquare');
  });

  it('does not modify the caller’s arrays', () => {
    const x = NDArray.from([1, 2, 3]);
    E.gradcheckSync((t) => E.sum(E.mul(t, t)), [x]);
    assert.deepEqual(Array.from(x.data), [1, 2, 3]);
  });

  it('async: reports progress up to the total and gives the same verdict', async () => {
    const x = randomArray([6], rng(5));
    const seen: Array<[number, number]> = [];
    const report = await E.gradcheck((t) => E.sum(E.tanh(t)), [x], { onProgress: (d, t) => seen.push([d, t]) });
    assert.equal(report.passed, true);
    assert.equal(seen.length, 6);
    assert.deepEqual(seen[seen.length - 1], [6, 6]);
    assert.ok(seen.every(([d], i) => d === i + 1));
  });

  it('async: cancellation stops the check and says so', async () => {
    const signal = { cancelled: false };
    let calls = 0;
    const x = randomArray([50], rng(6));
    const report = await E.gradcheck((t) => E.sum(E.exp(t)), [x], {
      signal,
      onProgress: (done) => {
        calls = done;
        if (done === 3) signal.cancelled = true;
      },
    });
    assert.equal(report.cancelled, true);
    assert.equal(report.passed, false);
    assert.equal(calls, 3, 'no evaluation after cancelling');
  });

  describe('rounding in big sums (issue 17)', () => {
    const normal = (n: number, seed: number) => {
      const next = rng(seed);
      // Box–Muller from the test's own generator
      return new NDArray(Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())), [n]);
    };

    it('y = sum(x * x) over 100,000 normal numbers passes, with a step larger than eps, said in the report', () => {
      // Before: step 1e-6 along a unit direction, so the sum's rounding (~1e-8) over 2e-6 was reported
      // as a wrong gradient (max rel err 3e-3).
      const report = E.gradcheckSync((t) => E.sum(E.mul(t, t)), [normal(100_000, 21)]);
      assert.equal(report.inputs[0].mode, 'directions');
      assert.equal(report.passed, true, `max rel err ${report.maxRelError}, step ${report.inputs[0].step}`);
      assert.ok(report.inputs[0].step > 1e-6, `step ${report.inputs[0].step}`);
    });

    it('small, well-conditioned checks keep the step eps', () => {
      const report = E.gradcheckSync((t) => E.sum(E.tanh(t)), [randomArray([20], rng(22))]);
      assert.deepEqual(report.inputs.map((i) => i.step), [1e-6]);
    });

    it('a wrong gradient in a big sum is still reported wrong', () => {
      const f = (x: Tensor): Tensor => E.sum(E.makeOp(wrongSquare, [x]));
      const report = E.gradcheckSync(f, [normal(100_000, 23)]);
      assert.equal(report.passed, false);
      assert.ok(report.maxRelError > 0.1, `max rel err ${report.maxRelError}`);
    });
  });

  describe('fixed graphs evaluated in batches (batched.ts)', () => {
    const next = rng(31);
    const W = randomArray([40, 30], next);
    const V = randomArray([30, 7], next);
    const x = randomArray([30], next);
    const b = randomArray([40], next);
    // W @ x (a constant matrix times the batched input), x @ V (the batched input times a constant),
    // elementwise ops with broadcasting, sum over an axis, mean, and softmax (evaluated point by point).
    const f = (t: Tensor): Tensor => {
      const h = E.tanh(E.add(E.matmul(E.constant(W), t), E.constant(b)));
      const u = E.matmul(E.reshape(t, [1, 30]), E.constant(V));
      return E.add(E.sum(E.mul(h, h)), E.add(E.mean(E.softmax(E.sum(E.mul(u, u), 0))), E.sum(u, 1)));
    };

    for (const maxCoordinates of [1000, 10]) {
      it(`agree with evaluating f point by point (${maxCoordinates === 10 ? 'directions' : 'coordinates'})`, () => {
        const byPoint = E.gradcheckSync(f, [x], { maxCoordinates });
        const batched = E.gradcheckSync(f, [x], { maxCoordinates, fixedGraph: true });
        assert.equal(batched.passed, true);
        assert.equal(batched.inputs[0].checked, byPoint.inputs[0].checked);
        assert.ok(Math.abs(batched.maxAbsError - byPoint.maxAbsError) <= 1e-8, `${batched.maxAbsError} vs ${byPoint.maxAbsError}`);
      });
    }

    // A few points go through W @ x as W · Xᵀ (W as stored), many as X · Wᵀ (W transposed once): both agree.
    for (const directions of [2, 40]) {
      it(`agree with evaluating f point by point for W @ x with ${directions} directions`, () => {
        const g = (t: Tensor): Tensor => E.sum(E.tanh(E.matmul(E.constant(W), t)));
        const byPoint = E.gradcheckSync(g, [x], { maxCoordinates: 10, directions });
        const batched = E.gradcheckSync(g, [x], { maxCoordinates: 10, directions, fixedGraph: true });
        assert.equal(batched.passed, true);
        assert.equal(batched.inputs[0].checked, directions);
        assert.ok(Math.abs(batched.maxAbsError - byPoint.maxAbsError) <= 1e-8, `${batched.maxAbsError} vs ${byPoint.maxAbsError}`);
      });
    }

    it('catch a wrong gradient and blame its node', () => {
      const g = (t: Tensor): Tensor => E.sum(E.makeOp(wrongSquare, [E.matmul(E.constant(W), t)]));
      const report = E.gradcheckSync(g, [x], { fixedGraph: true });
      assert.equal(report.passed, false);
      assert.equal(report.blame?.op, 'wrongSquare');
    });
  });
});

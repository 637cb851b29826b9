// Property tests (fast-check, fixed seed): forward and reverse mode agree (⟨J u, v⟩ = ⟨u, Jᵀ v⟩),
// grad is linear (grad(f + g) = grad f + grad g), forward tangents match central differences.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as E from '../../../engine';
import { NDArray, Op, Tensor } from '../../../engine';
import { assertAllClose, broadcastPairArb, randomArray, rng } from './helpers';

const RUNS = { seed: 4242, numRuns: 30 };

const dot = (a: NDArray, b: NDArray): number => a.data.reduce((s, x, i) => s + x * b.data[i], 0);

/** Binary functions mixing broadcasting, reductions kept non-scalar, and nonlinearity. */
const functions: Array<[string, (a: Tensor, b: Tensor) => Tensor]> = [
  ['tanh(a·b) + a', (a, b) => E.add(E.tanh(E.mul(a, b)), a)],
  ['exp(a − b)/(1 + b²)', (a, b) => E.div(E.exp(E.sub(a, b)), E.add(1, E.mul(b, b)))],
  ['softmax(a + sin b)', (a, b) => E.softmax(E.add(a, E.sin(b)))],
  ['sigmoid(a)·cos(b) − logSoftmax(a·b)', (a, b) => E.sub(E.mul(E.sigmoid(a), E.cos(b)), E.logSoftmax(E.mul(a, b)))],
];

describe('engine: properties', () => {
  for (const [name, f] of functions) {
    it(`⟨jvp along u, v⟩ = ⟨u, vjp of v⟩ for ${name}`, () => {
      fc.assert(fc.property(broadcastPairArb, fc.integer(), ([sa, sb], seed) => {
        const next = rng(seed);
        const a = randomArray(sa, next);
        const b = randomArray(sb, next);
        const ua = randomArray(sa, next);
        const ub = randomArray(sb, next);
        const { value, tangent } = E.jvp(f, [a, b], [ua, ub]);
        const v = randomArray(value.shape, next);
        const xa = E.variable(a);
        const xb = E.variable(b);
        const [ga, gb] = E.grad(f(xa, xb), [xa, xb], E.constant(v));
        const lhs = dot(tangent, v);
        const rhs = dot(ua, ga.value) + dot(ub, gb.value);
        assert.ok(Math.abs(lhs - rhs) <= 1e-10 * (1 + Math.abs(lhs)), `${lhs} vs ${rhs}`);
      }), RUNS);
    });
  }

  it('grad(f + g) = grad f + grad g', () => {
    fc.assert(fc.property(broadcastPairArb, fc.integer(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), ([sa, sb], seed, i, j) => {
      const next = rng(seed);
      const a = E.variable(randomArray(sa, next));
      const b = E.variable(randomArray(sb, next));
      const f = functions[i][1];
      const g = functions[j][1];
      const [sumA, sumB] = E.grad(E.add(E.sum(f(a, b)), E.sum(g(a, b))), [a, b]);
      const [fa, fb] = E.grad(E.sum(f(a, b)), [a, b]);
      const [gA, gB] = E.grad(E.sum(g(a, b)), [a, b]);
      assertAllClose(sumA.value.data, fa.value.data.map((x, k) => x + gA.value.data[k]), 1e-12, 1e-12, 'wrt a');
      assertAllClose(sumB.value.data, fb.value.data.map((x, k) => x + gB.value.data[k]), 1e-12, 1e-12, 'wrt b');
    }), RUNS);
  });

  it('forward-mode tangents equal central differences along the direction', () => {
    fc.assert(fc.property(broadcastPairArb, fc.integer(), ([sa, sb], seed) => {
      const next = rng(seed);
      const a = randomArray(sa, next);
      const b = randomArray(sb, next);
      const u = randomArray(sa, next);
      const f = functions[0][1];
      const { tangent } = E.jvp(f, [a, b], [u, NDArray.zeros(sb)]);
      const eps = 1e-6;
      const at = (s: number): Float64Array =>
        f(E.constant(new NDArray(a.data.map((x, k) => x + s * u.data[k]), sa)), E.constant(b)).value.data;
      const plus = at(eps);
      const minus = at(-eps);
      assertAllClose(tangent.data, plus.map((p, k) => (p - minus[k]) / (2 * eps)), 1e-7, 1e-6, 'tangent');
    }), RUNS);
  });

  it('forwardTangents gives v̇ of every node of the lecture example (the forward trace)', () => {
    const x1 = E.variable(2);
    const x2 = E.variable(5);
    const v3 = E.log(x1);
    const v4 = E.mul(x1, x2);
    const v5 = E.sin(x2);
    const y = E.sub(E.add(v3, v4), v5);
    const dot1 = E.forwardTangents(y, x1);
    assert.deepEqual([x1, x2, v3, v4, v5, y].map((t) => dot1.get(t)!.item()), [1, 0, 0.5, 5, 0, 5.5]);
    const dot2 = E.forwardTangents(y, x2);
    assert.equal(dot2.get(y)!.item(), 2 - Math.cos(5));
    assert.equal(dot2.get(v5)!.item(), Math.cos(5));
  });

  // Every op's own forward rule, against central differences and against its reverse rule.
  const everyOp: Array<[string, number[][], (...xs: Tensor[]) => Tensor]> = [
    ['pow tensor', [[3], [3]], (a, b) => E.pow(E.add(E.mul(a, a), 1), b)],
    ['pow scalar, sqrt, abs, relu', [[4]], (a) => E.add(E.pow(E.add(E.mul(a, a), 1), 1.5), E.mul(E.sqrt(E.add(E.mul(a, a), 1)), E.add(E.abs(a), E.relu(a))))],
    ['exp, log, tan, neg', [[4]], (a) => E.neg(E.add(E.log(E.add(E.exp(a), 1)), E.tan(E.mul(a, 0.3))))],
    ['maximum, minimum', [[2, 3], [3]], (a, b) => E.add(E.maximum(a, b), E.minimum(E.mul(a, 2), b))],
    ['where', [[2, 3], [3]], (a, b) => E.where(E.constant([1, 0, 1]), a, E.mul(b, b))],
    ['sum, mean, max, logsumexp', [[2, 3, 2]], (a) => E.add(E.add(E.reshape(E.sum(a, [0, 2]), [1, 3, 1]), E.mean(a, -2, true)), E.add(E.max(a, 1, true), E.logsumexp(a, [0], true)))],
    ['matmul forms', [[2, 3], [3, 4], [3]], (a, b, v) => E.add(E.matmul(E.matmul(a, b), E.transpose(E.matmul(v, b))), E.matmul(a, v))],
    ['batched matmul', [[2, 2, 3], [3, 2]], (a, b) => E.matmul(a, b)],
    ['transpose, reshape, broadcastTo', [[2, 3]], (a) => E.add(E.reshape(E.transpose(a), [2, 3]), E.broadcastTo(E.sum(a, 0), [2, 3]))],
    ['index, slice, gather', [[3, 4]], (a) => E.concat([E.index(a, 1), E.slice(a, [-1, { step: -2 }]), E.reshape(E.gather(a, [2, 0, 2], 1), [-1])], 0)],
    ['stack', [[3], [3]], (a, b) => E.stack([a, b, E.mul(a, b)], 1)],
  ];
  for (const [name, shapes, f] of everyOp) {
    it(`forward rule of ${name}: jvp matches differences and ⟨J u, v⟩ = ⟨u, Jᵀ v⟩`, () => {
      const next = rng(shapes.length * 7 + name.length);
      const xs = shapes.map((s) => randomArray(s, next));
      const us = shapes.map((s) => randomArray(s, next));
      const { value, tangent } = E.jvp(f, xs, us);
      const eps = 1e-6;
      const at = (s: number): Float64Array =>
        f(...xs.map((x, i) => E.constant(new NDArray(x.data.map((v, k) => v + s * us[i].data[k]), x.shape)))).value.data;
      const plus = at(eps);
      const minus = at(-eps);
      assertAllClose(tangent.data, plus.map((p, k) => (p - minus[k]) / (2 * eps)), 1e-7, 1e-6, `${name} tangent`);
      const v = randomArray(value.shape, next);
      const vars = xs.map((x) => E.variable(x));
      const grads = E.grad(f(...vars), vars, E.constant(v));
      const rhs = grads.reduce((s, g, i) => s + dot(us[i], g.value), 0);
      assertAllClose([dot(tangent, v)], [rhs], 1e-10, 1e-10, `${name} duality`);
    });
  }

  it('forward mode through an op without a jvp rule falls back to its gradient', () => {
    const cube: Op = {
      name: 'cube',
      compute: ([a]) => new NDArray(a.data.map((x) => x ** 3), a.shape),
      gradient: (g, node) => [E.mul(g, E.mul(3, E.mul(node.inputs[0], node.inputs[0])))],
    };
    const { tangent } = E.jvp((x) => E.makeOp(cube, [x]), [NDArray.from([1, -2, 0.5])], [NDArray.from([1, 2, -1])]);
    assert.deepEqual(Array.from(tangent.data), [3, 24, -0.75]);
  });
});

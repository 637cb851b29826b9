// gradValues (values-only reverse mode) against grad (the graph-building one): for every op, on random
// shapes with broadcasting (fast-check, fixed seed) and random seeds, and on the goldens' composite
// functions. Also checks that ops with a numeric vjp make no graph nodes during the backward pass.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import * as E from '../../../engine';
import { NDArray, Tensor } from '../../../engine';
import { buildProgram, ProgramCase } from '../goldens/program';
import { assertAllClose, awayFromZero, broadcastPairArb, randomArray, rng, shapeArb } from './helpers';

const RUNS = { seed: 20261128, numRuns: 15 };

/** Tensors made so far (ids are handed out in creation order): a probe for "no graph nodes were built". */
function tensorsMadeDuring(run: () => void): number {
  const before = E.constant(0).id;
  run();
  return E.constant(0).id - before - 1;
}

/**
 * gradValues(f(xs), xs, seed) equals the values of grad(f(xs), xs, seed) with a random seed, and
 * (every op here has a vjp) builds no Tensor on the way.
 */
function checkValues(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], what: string, seedNumber = 7): void {
  const vars = inputs.map((x) => E.variable(x));
  const out = f(...vars);
  const seed = randomArray(out.shape, rng(seedNumber), -1, 1);
  const expected = E.grad(out, vars, E.constant(seed)).map((g) => g.value);
  let actual: NDArray[] = [];
  const made = tensorsMadeDuring(() => (actual = E.gradValues(out, vars, seed)));
  assert.equal(made, 0, `${what}: gradValues built ${made} graph nodes`);
  assert.equal(actual.length, inputs.length);
  actual.forEach((g, i) => {
    assert.deepEqual(g.shape, inputs[i].shape, `${what}: shape of ∂/∂input ${i}`);
    assertAllClose(g.data, expected[i].data, 1e-12, 1e-10, `${what}: ∂/∂input ${i}`);
  });
}

type Sampler = (shape: readonly number[], next: () => number) => NDArray;
const anyValue: Sampler = (s, n) => randomArray(s, n, -2, 2);
const positive: Sampler = (s, n) => randomArray(s, n, 0.3, 2);
const small: Sampler = (s, n) => randomArray(s, n, -1, 1);

describe('engine: gradValues equals the values of grad', () => {
  const unary: Array<[string, (x: Tensor) => Tensor, Sampler]> = [
    ['neg', E.neg, anyValue], ['exp', E.exp, anyValue], ['log', E.log, positive], ['sin', E.sin, anyValue],
    ['cos', E.cos, anyValue], ['tan', E.tan, small], ['tanh', E.tanh, anyValue], ['sigmoid', E.sigmoid, anyValue],
    ['relu', E.relu, awayFromZero], ['abs', E.abs, awayFromZero], ['sqrt', E.sqrt, positive],
    ['step', E.step, anyValue], ['sign', E.sign, anyValue],
    ['pow x^3', (x) => E.pow(x, 3), anyValue], ['pow x^-1.5', (x) => E.pow(x, -1.5), positive],
  ];
  for (const [name, f, sample] of unary) {
    it(`${name} on random shapes`, () => {
      fc.assert(fc.property(shapeArb, fc.integer(), (shape, seed) => {
        checkValues(f, [sample(shape, rng(seed))], `${name} ${JSON.stringify(shape)}`, seed);
      }), RUNS);
    });
  }

  const binary: Array<[string, (a: Tensor, b: Tensor) => Tensor, Sampler, Sampler]> = [
    ['add', E.add, anyValue, anyValue], ['sub', E.sub, anyValue, anyValue], ['mul', E.mul, anyValue, anyValue],
    ['div', E.div, anyValue, awayFromZero], ['pow (tensor exponent)', E.pow, positive, anyValue],
    ['maximum', E.maximum, anyValue, anyValue], ['minimum', E.minimum, anyValue, anyValue],
  ];
  for (const [name, f, sampleA, sampleB] of binary) {
    it(`${name} with broadcasting`, () => {
      fc.assert(fc.property(broadcastPairArb, fc.integer(), ([sa, sb], seed) => {
        const next = rng(seed);
        checkValues(f, [sampleA(sa, next), sampleB(sb, next)], `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`, seed);
      }), RUNS);
    });
  }

  it('maximum and minimum with ties (the gradient is split)', () => {
    const a = NDArray.from([1, 2, 3]);
    const b = NDArray.from([1, 5, 3]);
    checkValues(E.maximum, [a, b], 'maximum ties');
    checkValues(E.minimum, [a, b], 'minimum ties');
  });

  it('where with broadcasting, the condition differentiated too', () => {
    fc.assert(fc.property(broadcastPairArb, fc.integer(), ([sa, sb], seed) => {
      const next = rng(seed);
      const cond = randomArray(sa, next, 0, 1);
      for (let i = 0; i < cond.size; i++) cond.data[i] = cond.data[i] < 0.5 ? 0 : 1;
      checkValues(E.where, [cond, anyValue(sa, next), anyValue(sb, next)], `where ${JSON.stringify(sa)} ${JSON.stringify(sb)}`, seed);
    }), RUNS);
  });

  const reductions: Array<[string, (a: Tensor, axes: number[] | undefined, keep: boolean) => Tensor]> = [
    ['sum', E.sum], ['mean', E.mean], ['max', E.max], ['logsumexp', E.logsumexp],
  ];
  for (const [name, f] of reductions) {
    it(`${name} over random axes, with and without keepdims`, () => {
      fc.assert(fc.property(shapeArb, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.boolean(), fc.integer(),
        (shape, pick, keep, seed) => {
          const axes = shape.map((_, d) => d).filter((d) => pick[d]);
          const all = axes.length === 0 && pick[0];
          checkValues((a) => f(a, all ? undefined : axes, keep), [anyValue(shape, rng(seed))], `${name} ${JSON.stringify(shape)} axes ${axes}`, seed);
        }), RUNS);
    });
  }

  it('max with tied maxima', () => {
    checkValues((a) => E.max(a, 1), [NDArray.from([[1, 3, 3], [2, 2, 2]])], 'max ties');
  });

  for (const [name, f] of [['softmax', E.softmax], ['logSoftmax', E.logSoftmax]] as const) {
    it(`${name} along a random axis (0-d included)`, () => {
      fc.assert(fc.property(shapeArb, fc.integer({ min: 0, max: 5 }), fc.integer(), (shape, k, seed) => {
        const axis = shape.length === 0 ? -1 : k % shape.length;
        checkValues((a) => f(a, axis), [anyValue(shape, rng(seed))], `${name} ${JSON.stringify(shape)} axis ${axis}`, seed);
      }), RUNS);
    });
  }

  it('transpose, reshape and broadcastTo', () => {
    fc.assert(fc.property(shapeArb, fc.integer(), (shape, seed) => {
      const next = rng(seed);
      const perm = shape.map((_, d) => d).sort(() => next() - 0.5);
      checkValues((a) => E.transpose(a, perm), [anyValue(shape, next)], `transpose ${JSON.stringify(shape)} ${perm}`, seed);
      checkValues((a) => E.reshape(a, [-1]), [anyValue(shape, next)], `reshape ${JSON.stringify(shape)} to (-1)`, seed);
      checkValues((a) => E.broadcastTo(a, [2, ...shape.map((d, i) => (i === 0 ? 3 : d))]), [anyValue(shape.map((d, i) => (i === 0 ? 1 : d)), next)],
        `broadcastTo from ${JSON.stringify(shape)}`, seed);
    }), RUNS);
  });

  const matmulShapes: Array<[number[], number[]]> = [
    [[3], [3]], [[2, 3], [3]], [[3], [3, 4]], [[2, 3], [3, 4]], [[5, 2, 3], [3, 4]], [[2, 3], [5, 3, 4]],
    [[2, 1, 2, 3], [4, 3, 2]], [[3], [2, 3, 4]], [[2, 2, 3], [3]],
  ];
  for (const [sa, sb] of matmulShapes) {
    it(`matmul ${JSON.stringify(sa)} @ ${JSON.stringify(sb)}`, () => {
      const next = rng(sa.length * 10 + sb.length);
      checkValues(E.matmul, [anyValue(sa, next), anyValue(sb, next)], `matmul ${sa} @ ${sb}`);
    });
  }

  it('matmul with a constant operand (whose adjoint gradValues skips) on either side', () => {
    const next = rng(9);
    const data = E.constant(anyValue([4, 3], next));
    checkValues((w) => E.matmul(data, w), [anyValue([3, 2], next)], 'constant @ W');
    checkValues((w) => E.matmul(w, E.transpose(data)), [anyValue([5, 3], next)], 'W @ constantᵀ');
  });

  it('index, slice, gather, and their scatter adjoints (grad of a selection)', () => {
    const x = anyValue([3, 4, 2], rng(5));
    checkValues((a) => E.index(a, -1, 1), [x], 'index -1 axis 1');
    checkValues((a) => E.slice(a, [{ start: 2, stop: 0, step: -1 }, 1]), [x], 'slice [2:0:-1, 1]');
    checkValues((a) => E.gather(a, [0, 2, 2, 0], 0), [x], 'gather with repeats');
    // The gradient of a gather is a scatter node; differentiating through it exercises scatter's vjp.
    checkValues((a) => E.grad(E.sum(E.mul(E.gather(a, [1, 1, 0], 2 - 3), a.value.data[0])), [a])[0], [x], 'scatter');
  });

  it('stack and concat', () => {
    const next = rng(6);
    const [a, b] = [anyValue([2, 3], next), anyValue([2, 3], next)];
    for (const axis of [0, 1, 2, -1]) checkValues((x, y) => E.stack([x, y, E.mul(x, y)], axis), [a, b], `stack axis ${axis}`);
    checkValues((x, y) => E.concat([x, y, x], 1), [a, anyValue([2, 5], next)], 'concat axis 1');
  });

  it('a shared subexpression accumulates adjoints from all its consumers', () => {
    checkValues((x) => { const s = E.sin(x); return E.add(E.mul(s, s), E.exp(s)); }, [anyValue([2, 2], rng(8))], 'shared sin');
  });

  it('a sum over the entries of a vector (θ_i twice per term, θ also whole) accumulates every selection in place', () => {
    // Selections add straight into θ's adjoint (Op.vjpInto), mixed with whole-array contributions,
    // and the first contribution (which may share storage with a value) is never written.
    const n = 60;
    const theta = anyValue([n], rng(9));
    const before = Float64Array.from(theta.data);
    const f = (t: Tensor): Tensor => {
      let total: Tensor = E.sum(E.mul(t, 0.5));
      for (let i = 0; i < n; i++) total = E.add(total, E.mul(E.sin(E.index(t, i)), E.index(t, i)));
      return E.add(total, E.sum(t));
    };
    checkValues(f, [theta], 'Σ sin(θ_i) θ_i + 1.5 Σ θ');
    const v = E.variable(theta);
    const [g] = E.gradValues(f(v), [v]);
    const expected = Array.from(theta.data, (x) => Math.cos(x) * x + Math.sin(x) + 1.5);
    assertAllClose(g.data, Float64Array.from(expected), 1e-12, 1e-12, 'the analytic gradient');
    assert.deepEqual(theta.data, before, 'the input is unchanged');
  });
});

describe('engine: gradValues on the goldens\' composite functions', () => {
  const goldens: { cases: ProgramCase[] } = JSON.parse(readFileSync(path.join(__dirname, '../../goldens/engine.json'), 'utf8'));
  for (const c of goldens.cases) {
    it(`${c.id}`, () => {
      const { output, inputs } = buildProgram(c);
      const wrt = Object.keys(c.inputs).map((n) => inputs[n]);
      const expected = E.grad(output, wrt).map((g) => g.value);
      E.gradValues(output, wrt).forEach((g, i) => assertAllClose(g.data, expected[i].data, 1e-12, 1e-10, `${c.id} input ${i}`));
    });
  }
});

describe('engine: gradValues edge cases', () => {
  it('a wrt tensor the output does not depend on gets zeros of its shape', () => {
    const x = E.variable([1, 2]);
    const unused = E.variable([[1, 2, 3]]);
    const [gx, gu] = E.gradValues(E.sum(E.exp(x)), [x, unused]);
    assertAllClose(gx.data, [Math.exp(1), Math.exp(2)], 0, 1e-15, 'd/dx');
    assert.deepEqual(gu.shape, [1, 3]);
    assert.deepEqual([...gu.data], [0, 0, 0]);
  });

  it('differentiates with respect to constants and intermediate nodes (as grad does)', () => {
    const c = E.constant(0.7);
    const x = E.variable(0.3);
    const inner = E.mul(c, x);
    const y = E.sin(inner);
    const [gc, gInner, gx] = E.gradValues(y, [c, inner, x]);
    assertAllClose([gc.item(), gInner.item(), gx.item()], [Math.cos(0.21) * 0.3, Math.cos(0.21), Math.cos(0.21) * 0.7], 1e-15, 1e-14, 'grads');
  });

  it('an op without a vjp falls back to its graph gradient', () => {
    const cube: E.Op = {
      name: 'cube',
      compute: ([a]) => new NDArray(a.data.map((v) => v * v * v), a.shape),
      gradient: (g, node) => [E.mul(g, E.mul(3, E.mul(node.inputs[0], node.inputs[0])))],
    };
    const x = E.variable([1, -2, 0.5]);
    const [g] = E.gradValues(E.makeOp(cube, [x]), [x]);
    assertAllClose(g.data, [3, 12, 0.75], 0, 1e-15, 'd cube');
  });

  it('rejects a seed whose shape differs from the output, naming both shapes', () => {
    const x = E.variable([1, 2, 3]);
    assert.throws(() => E.gradValues(E.exp(x), [x], NDArray.from([1, 2])), (e: Error) => e instanceof E.ShapeError && /\(2,\).*\(3,\)/.test(e.message));
  });

  it('walks a 1,000,000-node chain without overflowing the stack', () => {
    const x = E.variable(0.5);
    let y: Tensor = x;
    for (let i = 0; i < 1_000_000; i++) y = E.mul(y, 1);
    assert.equal(E.gradValues(y, [x])[0].item(), 1);
  });
});

// Every op's gradient against central differences, on random shapes (fast-check, fixed seed),
// broadcasting included. The objective is Σ w ⊙ op(x) with random w, so every Jacobian entry counts.
import fc from 'fast-check';
import * as E from '../../../engine';
import { NDArray, Tensor } from '../../../engine';
import {
  assertAllClose, autodiffGradient, awayFromZero, broadcastPairArb, numericGradient, randomArray, rng, scalarOf, shapeArb, weighted,
} from './helpers';

const RUNS = { seed: 20261127, numRuns: 15 };

function checkGradient(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], what: string): void {
  const objective = weighted(f, 99);
  const ad = autodiffGradient(objective, inputs);
  inputs.forEach((_, i) => {
    const num = numericGradient(scalarOf(objective), inputs, i);
    assertAllClose(ad[i].data, num, 1e-6, 1e-5, `${what}: ∂/∂input ${i}`);
  });
}

type Sampler = (shape: readonly number[], next: () => number) => NDArray;
const anyValue: Sampler = (s, n) => randomArray(s, n, -2, 2);
const positive: Sampler = (s, n) => randomArray(s, n, 0.3, 2);
const small: Sampler = (s, n) => randomArray(s, n, -1, 1);

describe('engine: op gradients vs central differences', () => {
  const unary: Array<[string, (x: Tensor) => Tensor, Sampler]> = [
    ['neg', E.neg, anyValue], ['exp', E.exp, anyValue], ['log', E.log, positive], ['sin', E.sin, anyValue],
    ['cos', E.cos, anyValue], ['tan', E.tan, small], ['tanh', E.tanh, anyValue], ['sigmoid', E.sigmoid, anyValue],
    ['relu', E.relu, awayFromZero], ['abs', E.abs, awayFromZero], ['sqrt', E.sqrt, positive],
    ['pow x^3', (x) => E.pow(x, 3), anyValue], ['pow x^2.5', (x) => E.pow(x, 2.5), positive],
    ['pow x^-1', (x) => E.pow(x, -1), positive],
  ];
  for (const [name, f, sample] of unary) {
    it(`${name} on random shapes`, () => {
      fc.assert(fc.property(shapeArb, fc.integer(), (shape, seed) => {
        checkGradient(f, [sample(shape, rng(seed))], `${name} ${JSON.stringify(shape)}`);
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
        checkGradient(f, [sampleA(sa, next), sampleB(sb, next)], `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
      }), RUNS);
    });
  }

  it('where with broadcasting (condition is a constant)', () => {
    fc.assert(fc.property(broadcastPairArb, fc.integer(), ([sa, sb], seed) => {
      const next = rng(seed);
      const cond = E.constant(maskOf(sa, next));
      checkGradient((a, b) => E.where(cond, a, b), [anyValue(sa, next), anyValue(sb, next)], `where ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
    }), RUNS);
  });

  const reductions: Array<[string, (a: Tensor, axes: number[] | undefined, keep: boolean) => Tensor]> = [
    ['sum', E.sum], ['mean', E.mean], ['max', E.max], ['logsumexp', E.logsumexp],
  ];
  for (const [name, f] of reductions) {
    it(`${name} over random axes (negative too), with and without keepdims`, () => {
      fc.assert(fc.property(shapeArb, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.boolean(), fc.boolean(), fc.integer(),
        (shape, pick, keep, negative, seed) => {
          const axes = shape.map((_, d) => d).filter((d) => pick[d]).map((d) => (negative ? d - shape.length : d));
          const useAll = axes.length === 0 && pick[0];
          checkGradient((a) => f(a, useAll ? undefined : axes, keep), [anyValue(shape, rng(seed))], `${name} ${JSON.stringify(shape)} axes ${axes}`);
        }), RUNS);
    });
  }

  for (const [name, f] of [['softmax', E.softmax], ['logSoftmax', E.logSoftmax]] as const) {
    it(`${name} along a random axis`, () => {
      fc.assert(fc.property(shapeArb.filter((s) => s.length > 0), fc.integer({ min: 0, max: 5 }), fc.integer(), (shape, k, seed) => {
        const axis = (k % shape.length) - (k >= 3 ? shape.length : 0);
        checkGradient((a) => f(a, axis), [anyValue(shape, rng(seed))], `${name} ${JSON.stringify(shape)} axis ${axis}`);
      }), RUNS);
    });
  }

  it('transpose with a random permutation and by default', () => {
    fc.assert(fc.property(shapeArb, fc.integer(), (shape, seed) => {
      const next = rng(seed);
      const perm = shape.map((_, d) => d).sort(() => next() - 0.5);
      checkGradient((a) => E.transpose(a, perm), [anyValue(shape, next)], `transpose ${JSON.stringify(shape)} ${perm}`);
      checkGradient((a) => E.transpose(a), [anyValue(shape, next)], `transpose ${JSON.stringify(shape)}`);
    }), RUNS);
  });

  it('reshape (with -1) and broadcastTo', () => {
    checkGradient((a) => E.reshape(a, [3, -1]), [anyValue([2, 3], rng(1))], 'reshape (2,3)->(3,-1)');
    checkGradient((a) => E.mul(E.reshape(a, [6]), E.constant([1, 2, 3, 4, 5, 6])), [anyValue([2, 3], rng(2))], 'reshape (2,3)->(6,)');
    checkGradient((a) => E.broadcastTo(a, [2, 4, 3]), [anyValue([1, 3], rng(3))], 'broadcastTo (1,3)->(2,4,3)');
    checkGradient((a) => E.broadcastTo(a, [3, 2]), [anyValue([], rng(4))], 'broadcastTo ()->(3,2)');
  });

  const matmulShapes: Array<[number[], number[]]> = [
    [[3], [3]], [[2, 3], [3]], [[3], [3, 4]], [[2, 3], [3, 4]], [[5, 2, 3], [3, 4]], [[2, 3], [5, 3, 4]],
    [[2, 1, 2, 3], [4, 3, 2]], [[3], [2, 3, 4]], [[2, 2, 3], [3]],
  ];
  for (const [sa, sb] of matmulShapes) {
    it(`matmul ${JSON.stringify(sa)} @ ${JSON.stringify(sb)}`, () => {
      const next = rng(sa.length * 10 + sb.length);
      checkGradient(E.matmul, [anyValue(sa, next), anyValue(sb, next)], `matmul ${sa} @ ${sb}`);
    });
  }

  it('index, slice (negative steps, dropped axes) and gather (repeats)', () => {
    const next = rng(5);
    const x = anyValue([3, 4, 2], next);
    checkGradient((a) => E.index(a, 1), [x], 'index 1');
    checkGradient((a) => E.index(a, -1, 1), [x], 'index -1 axis 1');
    checkGradient((a) => E.slice(a, [{ start: 2, stop: 0, step: -1 }, 1]), [x], 'slice [2:0:-1, 1]');
    checkGradient((a) => E.slice(a, [{}, { step: 2 }, { start: -1 }]), [x], 'slice [:, ::2, -1:]');
    checkGradient((a) => E.gather(a, [0, 2, 2, 0], 0), [x], 'gather rows with repeats');
    checkGradient((a) => E.gather(a, [3, 1], -2), [x], 'gather axis -2');
  });

  it('stack and concat along several axes', () => {
    const next = rng(6);
    const [a, b, c] = [anyValue([2, 3], next), anyValue([2, 3], next), anyValue([2, 3], next)];
    for (const axis of [0, 1, 2, -1]) checkGradient((x, y, z) => E.stack([x, y, z], axis), [a, b, c], `stack axis ${axis}`);
    checkGradient((x, y) => E.concat([x, y], 1), [a, anyValue([2, 5], next)], 'concat axis 1');
    checkGradient((x, y) => E.concat([x, y], 0), [a, anyValue([4, 3], next)], 'concat axis 0');
    checkGradient((x, y) => E.stack([x, y, E.mul(x, y)]), [anyValue([], next), anyValue([], next)], 'stack of scalars');
  });

  it('a composite: 2-layer MLP with softmax cross-entropy', () => {
    const next = rng(7);
    const loss = (W1: Tensor, b1: Tensor, W2: Tensor, x: Tensor): Tensor => {
      const h = E.tanh(E.add(E.matmul(x, W1), b1));
      const logits = E.matmul(h, W2);
      return E.neg(E.mean(E.sum(E.mul(E.logSoftmax(logits), E.constant([[1, 0, 0], [0, 0, 1]])), 1)));
    };
    checkGradient(loss, [anyValue([4, 5], next), anyValue([5], next), anyValue([5, 3], next), anyValue([2, 4], next)], 'mlp');
  });
});

function maskOf(shape: readonly number[], next: () => number): NDArray {
  const m = randomArray(shape, next, 0, 1);
  for (let i = 0; i < m.size; i++) m.data[i] = m.data[i] < 0.5 ? 0 : 1;
  return m;
}

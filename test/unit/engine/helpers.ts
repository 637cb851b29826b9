// Test helpers for the engine: seeded random arrays, an independent central-difference gradient,
// closeness assertions. Deliberately does not use engine/gradcheck (that is under test too).
import { strict as assert } from 'assert';
import fc from 'fast-check';
import * as E from '../../../engine';
import { NDArray, Tensor, constant, variable } from '../../../engine';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // xorshift32: independent of the engine's generator
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

export function randomArray(shape: readonly number[], next: () => number, lo = -2, hi = 2): NDArray {
  const size = shape.reduce((p, d) => p * d, 1);
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = lo + (hi - lo) * next();
  return new NDArray(data, shape);
}

/** Random values with |x| in [lo, hi] and a random sign: keeps clear of kinks at 0. */
export function awayFromZero(shape: readonly number[], next: () => number, lo = 0.2, hi = 2): NDArray {
  const a = randomArray(shape, next, lo, hi);
  for (let i = 0; i < a.size; i++) if (next() < 0.5) a.data[i] = -a.data[i];
  return a;
}

/** Scalar objective Σ w ⊙ f(xs) with a fixed random weight, so every Jacobian entry matters. */
export function weighted(f: (...xs: Tensor[]) => Tensor, weightSeed: number): (...xs: Tensor[]) => Tensor {
  return (...xs) => {
    const out = f(...xs);
    const w = constant(randomArray(out.shape, rng(weightSeed), -1, 1));
    return E.sum(E.mul(out, w));
  };
}

/** ∂φ/∂x_i by central differences, coordinate by coordinate (φ evaluated on plain arrays). */
export function numericGradient(phi: (xs: NDArray[]) => number, xs: NDArray[], i: number, eps = 1e-6): Float64Array {
  const copies = xs.map((x) => new NDArray(Float64Array.from(x.data), x.shape));
  const x = copies[i].data;
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const saved = x[k];
    x[k] = saved + eps;
    const plus = phi(copies);
    x[k] = saved - eps;
    const minus = phi(copies);
    x[k] = saved;
    out[k] = (plus - minus) / (2 * eps);
  }
  return out;
}

/** Evaluates a Tensor-valued scalar function on plain arrays (through constants). */
export function scalarOf(f: (...xs: Tensor[]) => Tensor): (xs: NDArray[]) => number {
  return (xs) => f(...xs.map((x) => constant(x))).value.item();
}

export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
    assert.ok(ok, `${what}[${i}]: got ${a}, expected ${e} (diff ${Math.abs(a - e)})`);
  }
}

/** Autodiff gradient of a scalar function at xs, one array per input. */
export function autodiffGradient(f: (...xs: Tensor[]) => Tensor, xs: NDArray[]): NDArray[] {
  const vars = xs.map((x) => variable(x));
  return E.grad(f(...vars), vars).map((g) => g.value);
}

/** A shape of rank 0–3 with dims 1–4. */
export const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 });

/** A pair of shapes that broadcast together: the second drops leading axes and/or sets some to 1. */
export const broadcastPairArb = fc
  .tuple(shapeArb, fc.integer({ min: 0, max: 3 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.boolean())
  .map(([shape, drop, ones, swap]) => {
    const other = shape.slice(Math.min(drop, shape.length)).map((d, i) => (ones[i] ? 1 : d));
    return swap ? ([other, shape] as const) : ([shape, other] as const);
  });

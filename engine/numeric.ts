// Central differences and the SPEC §5 comparison rule, shared by gradcheck and node blame.

export interface Tolerances { eps: number; atol: number; rtol: number }

export interface Comparison { absError: number; relError: number; passed: boolean }

/**
 * pass when |ad − num| ≤ atol + rtol·|num| + allowance (NaN never passes); `allowance` is what rounding
 * in evaluating f can put into the central difference (roundingAllowance), 0 by default.
 */
export function compare(ad: number, num: number, tol: Tolerances, allowance = 0): Comparison {
  const absError = Math.abs(ad - num);
  // The scale is floored at atol: near a zero gradient, rounding noise is not a 100% relative error.
  const relError = absError / Math.max(Math.abs(num), Math.abs(ad), tol.atol);
  return { absError, relError, passed: absError <= tol.atol + tol.rtol * Math.abs(num) + allowance };
}

/** The most two evaluations' rounding (`noise` each, see rounding.ts) can add to (φ(x+hδ) − φ(x−hδ)) / 2h. */
export function roundingAllowance(noise: number, h: number): number {
  return noise / h;
}

// The step keeps the rounding allowance at this fraction of the tolerance, so the check keeps its teeth.
const ALLOWANCE_SHARE = 0.1;
// ... but never moves an input by more than this fraction of its scale (beyond it, the curvature of f
// would bias the difference: the truncation error grows as h²).
const MAX_RELATIVE_STEP = 1e-4;

/**
 * The step of one central difference: eps, or larger when rounding in f (`noise` per evaluation) would
 * otherwise swamp the tolerance for a derivative of about `ad` (as for a sum of 10⁵ terms), up to
 * MAX_RELATIVE_STEP of `scale` (the size of the inputs moved: |xᵢ| for a coordinate, max |xᵢ| along a direction).
 */
export function stepFor(ad: number, noise: number, tol: Tolerances, scale: number): number {
  const wanted = noise / (ALLOWANCE_SHARE * (tol.atol + tol.rtol * Math.abs(ad)));
  const largest = Math.max(tol.eps, MAX_RELATIVE_STEP * Math.max(1, scale));
  return Number.isFinite(wanted) ? Math.min(Math.max(tol.eps, wanted), largest) : tol.eps;
}

export function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** (φ(x + εδ) − φ(x − εδ)) / 2ε, moving `x` in place along `direction` (or coordinate `index`) and restoring it. */
export function centralDifference(
  phi: () => number, x: Float64Array, eps: number, at: { index: number } | { direction: Float64Array },
): number {
  if ('index' in at) {
    const saved = x[at.index];
    x[at.index] = saved + eps;
    const plus = phi();
    x[at.index] = saved - eps;
    const minus = phi();
    x[at.index] = saved;
    return (plus - minus) / (2 * eps);
  }
  const saved = Float64Array.from(x);
  const d = at.direction;
  for (let i = 0; i < x.length; i++) x[i] = saved[i] + eps * d[i];
  const plus = phi();
  for (let i = 0; i < x.length; i++) x[i] = saved[i] - eps * d[i];
  const minus = phi();
  x.set(saved);
  return (plus - minus) / (2 * eps);
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

// Central differences and the SPEC §5 comparison rule, shared by gradcheck and node blame.

export interface Tolerances { eps: number; atol: number; rtol: number }

export interface Comparison { absError: number; relError: number; passed: boolean }

/** pass when |ad − num| ≤ atol + rtol·|num| (NaN never passes). */
export function compare(ad: number, num: number, tol: Tolerances): Comparison {
  const absError = Math.abs(ad - num);
  // The scale is floored at atol: near a zero gradient, rounding noise is not a 100% relative error.
  const relError = absError / Math.max(Math.abs(num), Math.abs(ad), tol.atol);
  return { absError, relError, passed: absError <= tol.atol + tol.rtol * Math.abs(num) };
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

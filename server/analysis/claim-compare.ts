// Comparing the user's value with autodiff's, entry by entry, as numpy.allclose does:
// |yours − autodiff| ≤ atol + rtol·|autodiff|. A scalar formula may stand for a constant tensor.
import { broadcastShapes, broadcastTo, constant, formatShape, sameShape, type NDArray } from '../../engine';

export type Comparison =
  | { kind: 'compared'; close: boolean; maxError: number }
  | { kind: 'shape'; message: string };

/** `yours` as an array of autodiff's shape, or undefined when it cannot stand for one. */
function alignedTo(yours: NDArray, shape: readonly number[]): NDArray | undefined {
  if (sameShape(yours.shape, shape)) return yours;
  try {
    if (!sameShape(broadcastShapes(yours.shape, shape), shape)) return undefined;
  } catch {
    return undefined;
  }
  return broadcastTo(constant(yours), [...shape]).value;
}

export function compareValues(autodiff: NDArray, yours: NDArray, atol: number, rtol: number): Comparison {
  const aligned = alignedTo(yours, autodiff.shape);
  if (!aligned) {
    return { kind: 'shape', message: `your formula has shape ${formatShape(yours.shape)}, the derivative ${formatShape(autodiff.shape)}` };
  }
  let close = true;
  let maxError = 0;
  const a = autodiff.data;
  const y = aligned.data;
  for (let i = 0; i < a.length; i++) {
    const error = Math.abs(y[i] - a[i]);
    // NaN on the user's side (a formula outside its domain) is a disagreement, never a match.
    if (!(error <= atol + rtol * Math.abs(a[i]))) close = false;
    maxError = Number.isNaN(error) ? Infinity : Math.max(maxError, error);
  }
  return { kind: 'compared', close, maxError };
}

export function allFinite(x: NDArray): boolean {
  return x.data.every((v) => Number.isFinite(v));
}

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

/** "a scalar", "a vector of 3 entries", "a 2×2 matrix", "a tensor of shape (2, 3, 4)". */
export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return 'a scalar';
  if (shape.length === 1) return `a vector of ${shape[0]} entr${shape[0] === 1 ? 'y' : 'ies'}`;
  if (shape.length === 2) return `a ${shape[0]}×${shape[1]} matrix`;
  return `a tensor of shape ${formatShape(shape)}`;
}

function shapeMismatch(yours: NDArray, autodiff: NDArray): Comparison {
  return { kind: 'shape', message: `yours is ${describeShape(yours.shape)}, autodiff ${describeShape(autodiff.shape)}` };
}

export function compareValues(autodiff: NDArray, yours: NDArray, atol: number, rtol: number): Comparison {
  const aligned = alignedTo(yours, autodiff.shape);
  if (!aligned) return shapeMismatch(yours, autodiff);
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
  // A scalar may stand for a constant tensor; when it does not, the shapes are what differs.
  if (!close && !sameShape(yours.shape, autodiff.shape)) return shapeMismatch(yours, autodiff);
  return { kind: 'compared', close, maxError };
}

export function allFinite(x: NDArray): boolean {
  return x.data.every((v) => Number.isFinite(v));
}

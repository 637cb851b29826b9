// Reductions of NDArrays over a set of axes.
import { broadcastArray } from './elementwise';
import { ShapeError } from './errors';
import { NDArray } from './ndarray';
import { formatShape, reducedShape, sameShape, Shape, shapeSize, stridedOffsets, stridesOf } from './shape';

/**
 * For every input element, the flat index of the output element it reduces into
 * (the output laid out with the reduced axes kept as 1).
 */
export function reductionIndex(shape: Shape, axes: readonly number[]): { index: Int32Array; outSize: number } {
  const kept = reducedShape(shape, axes, true);
  const keptStrides = stridesOf(kept);
  const strides = keptStrides.map((s, d) => (axes.includes(d) ? 0 : s));
  const index = stridedOffsets(shape, strides);
  const outSize = shapeSize(kept);
  return { index, outSize };
}

export function reduceSum(a: NDArray, axes: readonly number[], keepdims: boolean): NDArray {
  const shape = reducedShape(a.shape, axes, keepdims);
  if (axes.length === a.ndim) {
    let s = 0;
    for (let i = 0; i < a.size; i++) s += a.data[i];
    return new NDArray(Float64Array.of(s), shape);
  }
  const { index, outSize } = reductionIndex(a.shape, axes);
  const out = new Float64Array(outSize);
  for (let i = 0; i < index.length; i++) out[index[i]] += a.data[i];
  return new NDArray(out, shape);
}

export function reduceMax(a: NDArray, axes: readonly number[], keepdims: boolean): NDArray {
  const shape = reducedShape(a.shape, axes, keepdims);
  const { index, outSize } = reductionIndex(a.shape, axes);
  const out = new Float64Array(outSize).fill(-Infinity);
  for (let i = 0; i < index.length; i++) {
    const v = a.data[i];
    // NaN propagates, as in numpy.
    if (v > out[index[i]] || Number.isNaN(v)) out[index[i]] = v;
  }
  return new NDArray(out, shape);
}

/** Sums `g` over the axes along which `shape` was broadcast to g's shape: the adjoint of broadcasting. */
export function sumToShapeArray(g: NDArray, shape: Shape): NDArray {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  if (lead < 0) throw new ShapeError(`sumToShape: ${formatShape(g.shape)} has fewer axes than ${formatShape(shape)}`);
  const axes: number[] = [];
  for (let d = 0; d < g.ndim; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) axes.push(d);
  }
  const reduced = axes.length > 0 ? reduceSum(g, axes, false) : g;
  if (reduced.size !== shapeSize(shape)) throw new ShapeError(`sumToShape: ${formatShape(g.shape)} does not reduce to ${formatShape(shape)}`);
  return new NDArray(reduced.data, shape);
}

/** `g`, shaped like a reduction over `axes` of `shape`, spread back over `shape`: the adjoint of the reduction. */
export function spreadArray(g: NDArray, shape: Shape, axes: readonly number[]): NDArray {
  return broadcastArray(new NDArray(g.data, reducedShape(shape, axes, true)), shape);
}

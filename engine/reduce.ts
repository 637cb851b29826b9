// Reductions of NDArrays over a set of axes.
import { NDArray } from './ndarray';
import { reducedShape, Shape, stridesOf } from './shape';

/**
 * For every input element, the flat index of the output element it reduces into
 * (the output laid out with the reduced axes kept as 1).
 */
export function reductionIndex(shape: Shape, axes: readonly number[]): { index: Int32Array; outSize: number } {
  const kept = reducedShape(shape, axes, true);
  const keptStrides = stridesOf(kept);
  const strides = keptStrides.map((s, d) => (axes.includes(d) ? 0 : s));
  let size = 1;
  for (const n of shape) size *= n;
  let outSize = 1;
  for (const n of kept) outSize *= n;
  const index = new Int32Array(size);
  const counter = new Array<number>(shape.length).fill(0);
  let offset = 0;
  for (let i = 0; i < size; i++) {
    index[i] = offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      counter[d]++;
      offset += strides[d];
      if (counter[d] < shape[d]) break;
      offset -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
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

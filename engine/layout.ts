// Kernels that move elements around: transpose, strided slices (gather/scatter), take along an axis.
import { transposeInto } from './kernels/transpose';
import { NDArray } from './ndarray';
import { Shape, shapeSize, stridedOffsets, stridesOf } from './shape';

export function transposeArray(a: NDArray, perm: readonly number[]): NDArray {
  const shape = perm.map((p) => a.shape[p]);
  if (a.ndim === 2 && perm[0] === 1) {
    const out = new Float64Array(a.size);
    transposeInto(a.data, out, a.shape[0], a.shape[1]);
    return new NDArray(out, shape);
  }
  const srcStrides = stridesOf(a.shape);
  const offsets = stridedOffsets(shape, perm.map((p) => srcStrides[p]));
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) out[i] = a.data[offsets[i]];
  return new NDArray(out, shape);
}

/** One axis of a normalised basic slice: elements start, start+step, ... (count of them); `drop` removes the axis. */
export interface AxisSlice { start: number; step: number; count: number; drop: boolean }

/** Offsets in the source array of every element of the slice, in row-major order of the result. */
export function sliceOffsets(shape: Shape, slices: readonly AxisSlice[]): Int32Array {
  const strides = stridesOf(shape);
  const counts = slices.map((s) => s.count);
  let offset = 0;
  for (let d = 0; d < slices.length; d++) offset += slices[d].start * strides[d];
  return stridedOffsets(counts, slices.map((s, d) => s.step * strides[d]), offset);
}

/** Gathers the elements at `offsets` of `a` into a new array of `shape`. */
export function gatherOffsets(a: NDArray, offsets: Int32Array, shape: Shape): NDArray {
  const out = new Float64Array(offsets.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[offsets[i]];
  return new NDArray(out, shape);
}

/** Zeros of `shape` with `values` added at `offsets` (repeated offsets accumulate). */
export function scatterAddOffsets(values: NDArray, offsets: Int32Array, shape: Shape): NDArray {
  const out = new Float64Array(shapeSize(shape));
  scatterAddInto(values, offsets, out);
  return new NDArray(out, shape);
}

/** `values` added into `out` at `offsets`. */
export function scatterAddInto(values: NDArray, offsets: Int32Array, out: Float64Array): void {
  const data = values.data;
  for (let i = 0; i < offsets.length; i++) out[offsets[i]] += data[i];
}

/** Offsets of the elements of `take(indices, axis)`: result shape has shape[axis] replaced by indices.length. */
export function takeOffsets(shape: Shape, indices: readonly number[], axis: number): Int32Array {
  const outer = shapeSize(shape.slice(0, axis));
  const inner = shapeSize(shape.slice(axis + 1));
  const n = shape[axis];
  const out = new Int32Array(outer * indices.length * inner);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (const j of indices) {
      const base = (o * n + j) * inner;
      for (let i = 0; i < inner; i++) out[k++] = base + i;
    }
  }
  return out;
}

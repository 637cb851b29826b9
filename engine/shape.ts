// Shape arithmetic shared by NDArray kernels and ops: sizes, strides, axis normalisation, formatting.
import { ArgumentError } from './errors';

export type Shape = readonly number[];

/** The shape of every 0-d array, shared so scalar nodes allocate no shape. */
export const SCALAR_SHAPE: Shape = Object.freeze([]) as Shape;

/** numpy-style: (2,3), (4,), (). */
export function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

export function shapeSize(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Row-major strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Strides of `shape` read as if broadcast to `target` (0 on broadcast axes). `shape` must broadcast to `target`. */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const offset = target.length - shape.length;
  const strides = new Array<number>(target.length).fill(0);
  for (let i = 0; i < shape.length; i++) strides[offset + i] = shape[i] === 1 ? 0 : own[i];
  return strides;
}

/** Maps a possibly negative axis into [0, ndim); throws an ArgumentError naming the valid range. */
export function normalizeAxis(axis: number, ndim: number, context: string): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    const range = ndim === 0 ? 'none (the array is 0-d)' : `${-ndim}..${ndim - 1}`;
    throw new ArgumentError(`${context}: axis ${axis} is out of range for ${ndim}-d array (valid: ${range})`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Axes argument of reductions: undefined means all axes; result sorted, unique, non-negative. */
export function normalizeAxes(axes: number | readonly number[] | undefined, ndim: number, context: string): number[] {
  if (axes === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const result = list.map((a) => normalizeAxis(a, ndim, context));
  const sorted = [...new Set(result)].sort((x, y) => x - y);
  if (sorted.length !== result.length) throw new ArgumentError(`${context}: repeated axis in [${list.join(', ')}]`);
  return sorted;
}

/** Shape after reducing `axes`: removed, or kept as 1 when keepdims. */
export function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepdims) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}

/**
 * The flat offsets visited by walking `counts` in row-major order, where one step along axis d moves
 * `steps[d]` in the source: the one odometer behind transposes, strided slices and reductions.
 */
export function stridedOffsets(counts: readonly number[], steps: readonly number[], offset = 0): Int32Array {
  const out = new Int32Array(shapeSize(counts));
  const counter = new Array<number>(counts.length).fill(0);
  for (let i = 0; i < out.length; i++) {
    out[i] = offset;
    for (let d = counts.length - 1; d >= 0; d--) {
      counter[d]++;
      offset += steps[d];
      if (counter[d] < counts[d]) break;
      offset -= steps[d] * counter[d];
      counter[d] = 0;
    }
  }
  return out;
}

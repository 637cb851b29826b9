// Elementwise NDArray kernels with numpy broadcasting. Fast paths for equal shapes and size-1 operands,
// because most nodes of a scalar graph take them and per-node overhead is what the scalar benchmark measures.
import { broadcastShapes, NDArray } from './ndarray';
import { broadcastStrides, sameShape, Shape, shapeSize } from './shape';

// Scalar kernels shared by ops' compute() and vjp rules (one function each, so call sites stay monomorphic).
export const plus = (x: number, y: number): number => x + y;
export const minus = (x: number, y: number): number => x - y;
export const times = (x: number, y: number): number => x * y;
export const divide = (x: number, y: number): number => x / y;
export const negate = (x: number): number => -x;

export function mapUnary(a: NDArray, f: (x: number) => number): NDArray {
  if (a.ndim === 0) return new NDArray(f(a.first()), a.shape);
  const src = a.data;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new NDArray(out, a.shape);
}

/** g ⊙ d(x, y) over three same-shaped arrays: the VJP of an elementwise op with input x and output y. */
export function mapDerivative(g: NDArray, x: NDArray, y: NDArray, d: (x: number, y: number) => number): NDArray {
  if (g.ndim === 0) return new NDArray(g.first() * d(x.first(), y.first()), g.shape);
  const gd = g.data;
  const xd = x.data;
  const yd = y.data;
  const out = new Float64Array(gd.length);
  for (let i = 0; i < gd.length; i++) out[i] = gd[i] * d(xd[i], yd[i]);
  return new NDArray(out, g.shape);
}

export function mapBinary(a: NDArray, b: NDArray, f: (x: number, y: number) => number, context: string): NDArray {
  if (a.ndim === 0 && b.ndim === 0) return new NDArray(f(a.first(), b.first()), a.shape);
  const ad = a.data;
  const bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = new Float64Array(ad.length);
    for (let i = 0; i < ad.length; i++) out[i] = f(ad[i], bd[i]);
    return new NDArray(out, a.shape);
  }
  const shape = broadcastShapes(a.shape, b.shape, context);
  if (b.size === 1 && sameShape(shape, a.shape)) {
    const y = bd[0];
    const out = new Float64Array(ad.length);
    for (let i = 0; i < ad.length; i++) out[i] = f(ad[i], y);
    return new NDArray(out, shape);
  }
  if (a.size === 1 && sameShape(shape, b.shape)) {
    const x = ad[0];
    const out = new Float64Array(bd.length);
    for (let i = 0; i < bd.length; i++) out[i] = f(x, bd[i]);
    return new NDArray(out, shape);
  }
  const ia = broadcastIndex(a.shape, shape);
  const ib = broadcastIndex(b.shape, shape);
  const out = new Float64Array(ia.length);
  for (let i = 0; i < out.length; i++) out[i] = f(ad[ia[i]], bd[ib[i]]);
  return new NDArray(out, shape);
}

export function mapTernary(
  a: NDArray, b: NDArray, c: NDArray, f: (x: number, y: number, z: number) => number, context: string,
): NDArray {
  const shape = broadcastShapes(broadcastShapes(a.shape, b.shape, context), c.shape, context);
  const ia = broadcastIndex(a.shape, shape);
  const ib = broadcastIndex(b.shape, shape);
  const ic = broadcastIndex(c.shape, shape);
  const out = new Float64Array(ia.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[ia[i]], b.data[ib[i]], c.data[ic[i]]);
  return new NDArray(out, shape);
}

/** For every element of `target` (row-major), the offset of the element of `shape` that broadcasts onto it. */
export function broadcastIndex(shape: Shape, target: Shape): Int32Array {
  const size = shapeSize(target);
  const index = new Int32Array(size);
  if (sameShape(shape, target)) {
    for (let i = 0; i < size; i++) index[i] = i;
    return index;
  }
  const strides = broadcastStrides(shape, target);
  const ndim = target.length;
  const counter = new Array<number>(ndim).fill(0);
  let offset = 0;
  for (let i = 0; i < size; i++) {
    index[i] = offset;
    // Odometer increment over `target`, keeping the source offset in step.
    for (let d = ndim - 1; d >= 0; d--) {
      counter[d]++;
      offset += strides[d];
      if (counter[d] < target[d]) break;
      offset -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return index;
}

/** Materialises `a` broadcast to `shape` (the caller has checked that it broadcasts). */
export function broadcastArray(a: NDArray, shape: Shape): NDArray {
  if (sameShape(a.shape, shape)) return a;
  const index = broadcastIndex(a.shape, shape);
  const out = new Float64Array(index.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[index[i]];
  return new NDArray(out, shape);
}

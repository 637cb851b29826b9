// Shape ops: transpose, reshape, broadcastTo. Reshape shares storage (arrays are immutable by convention).
import { broadcastArray } from '../elementwise';
import { ArgumentError, ShapeError } from '../errors';
import { transposeArray } from '../layout';
import { broadcastShapes, NDArray } from '../ndarray';
import { sumToShapeArray } from '../reduce';
import { formatShape, sameShape, Shape, shapeSize } from '../shape';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { sumToShape } from './reduce';

function transposeOp(axes: number[]): Op {
  const inverse = new Array<number>(axes.length);
  axes.forEach((p, i) => (inverse[p] = i));
  return {
    name: 'transpose',
    attrs: { axes },
    compute: ([a]) => transposeArray(a, axes),
    gradient: (g) => [transpose(g, inverse)],
    vjp: (g) => [transposeArray(g, inverse)],
    jvp: ([t]) => transpose(t!, axes),
  };
}

function reshapeOp(shape: Shape): Op {
  return {
    name: 'reshape',
    attrs: { shape },
    compute: ([a]) => new NDArray(a.data, shape),
    gradient: (g, node) => [reshape(g, node.inputs[0].shape)],
    vjp: (g, node) => [new NDArray(g.data, node.inputs[0].shape)],
    jvp: ([t]) => reshape(t!, shape),
  };
}

function broadcastToOp(shape: Shape): Op {
  return {
    name: 'broadcastTo',
    attrs: { shape },
    compute: ([a]) => broadcastArray(a, shape),
    gradient: (g, node) => [sumToShape(g, node.inputs[0].shape)],
    vjp: (g, node) => [sumToShapeArray(g, node.inputs[0].shape)],
    jvp: ([t]) => broadcastTo(t!, shape),
  };
}

/** Permutes axes; the default reverses them (matrix transpose for 2-D). */
export function transpose(a: TensorLike, axes?: readonly number[]): Tensor {
  const t = asTensor(a);
  const ndim = t.shape.length;
  const perm = axes ? [...axes] : Array.from({ length: ndim }, (_, i) => ndim - 1 - i);
  const valid = perm.length === ndim && perm.every((p) => Number.isInteger(p)) &&
    new Set(perm.map((p) => (p < 0 ? p + ndim : p))).size === ndim &&
    perm.every((p) => p >= -ndim && p < ndim);
  if (!valid) {
    throw new ArgumentError(`transpose: axes [${perm.join(', ')}] are not a permutation of the ${ndim} axes of ${formatShape(t.shape)}`);
  }
  return makeOp(transposeOp(perm.map((p) => (p < 0 ? p + ndim : p))), [t]);
}

/** Reshape; one dimension may be -1 (inferred). The same shape returns the input itself. */
export function reshape(a: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(a);
  const target = resolveShape(t.shape, shape);
  if (sameShape(target, t.shape)) return t;
  return makeOp(reshapeOp(target), [t]);
}

/** Broadcasts to `shape` by numpy rules. The same shape returns the input itself. */
export function broadcastTo(a: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(a);
  if (sameShape(t.shape, shape)) return t;
  let fits = t.shape.length <= shape.length;
  if (fits) {
    try {
      fits = sameShape(broadcastShapes(t.shape, shape), shape);
    } catch {
      fits = false;
    }
  }
  if (!fits) throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(t.shape)} to ${formatShape(shape)}`);
  return makeOp(broadcastToOp([...shape]), [t]);
}

function resolveShape(from: Shape, shape: readonly number[]): number[] {
  const size = shapeSize(from);
  const unknown = shape.filter((d) => d === -1).length;
  const bad = shape.some((d) => !Number.isInteger(d) || (d < 0 && d !== -1));
  const describe = `reshape: cannot reshape ${formatShape(from)} (${size} values) into ${formatShape(shape)}`;
  if (bad || unknown > 1) throw new ArgumentError(`${describe}: dimensions must be non-negative integers, at most one -1`);
  if (unknown === 0) {
    if (shapeSize(shape) !== size) throw new ShapeError(describe);
    return [...shape];
  }
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  if (known === 0 || size % known !== 0) throw new ShapeError(describe);
  return shape.map((d) => (d === -1 ? size / known : d));
}

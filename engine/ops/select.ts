// Ops that pick between operands: maximum, minimum, where; and the mask their gradients use.
import { mapBinary, mapTernary, times } from '../elementwise';
import { NDArray } from '../ndarray';
import { sumToShapeArray } from '../reduce';
import { greaterShare } from '../scalar-rules';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { mul } from './arithmetic';
import { zerosOf } from './fill';
import { sumToShape } from './reduce';
import { broadcastTo } from './shape';
import { sumTangents } from './tangents';

/** 1 where a > b, 1/2 where a = b (a tie splits the gradient, as in PyTorch), 0 elsewhere. Derivative zero. */
const greaterMaskOp: Op = {
  name: 'greaterMask',
  compute: ([a, b]) => greaterMaskArray(a, b),
  gradient: (_g, node) => [zerosOf(node.inputs[0].shape), zerosOf(node.inputs[1].shape)],
  jvp: (_t, node) => zerosOf(node.shape),
  vjp: (_g, node) => [NDArray.zeros(node.inputs[0].shape), NDArray.zeros(node.inputs[1].shape)],
};

function greaterMaskArray(a: NDArray, b: NDArray): NDArray {
  return mapBinary(a, b, greaterShare, 'greaterMask');
}
const greaterMask = (a: Tensor, b: Tensor): Tensor => makeOp(greaterMaskOp, [a, b]);

/** maximum when `larger`, else minimum: the input that wins gets the gradient. */
function extremumOp(name: string, larger: boolean): Op {
  const pick = larger ? Math.max : Math.min;
  const masks = (node: Tensor): [Tensor, Tensor] => {
    const [a, b] = node.inputs;
    return larger ? [greaterMask(a, b), greaterMask(b, a)] : [greaterMask(b, a), greaterMask(a, b)];
  };
  return {
    name,
    compute: ([a, b]) => mapBinary(a, b, pick, name),
    gradient: (g, node) => {
      const [ma, mb] = masks(node);
      return [sumToShape(mul(g, ma), node.inputs[0].shape), sumToShape(mul(g, mb), node.inputs[1].shape)];
    },
    vjp: (g, node) => {
      const a = node.inputs[0].value;
      const b = node.inputs[1].value;
      const [ma, mb] = larger ? [greaterMaskArray(a, b), greaterMaskArray(b, a)] : [greaterMaskArray(b, a), greaterMaskArray(a, b)];
      return [sumToShapeArray(mapBinary(g, ma, times, name), a.shape), sumToShapeArray(mapBinary(g, mb, times, name), b.shape)];
    },
    jvp: ([ta, tb], node) => {
      const [ma, mb] = masks(node);
      return sumTangents([ta && mul(ta, ma), tb && mul(tb, mb)], node);
    },
  };
}

const maximumOp = extremumOp('maximum', true);
const minimumOp = extremumOp('minimum', false);

const pick = (z: number, x: number, y: number): number => (z !== 0 ? x : y);

/** cond ≠ 0 ? a : b, elementwise with three-way broadcasting. */
const whereOp: Op = {
  name: 'where',
  compute: ([c, a, b]) => mapTernary(c, a, b, pick, 'where'),
  gradient: (g, node) => {
    const [c, a, b] = node.inputs;
    return [zerosOf(c.shape), sumToShape(where(c, g, 0), a.shape), sumToShape(where(c, 0, g), b.shape)];
  },
  vjp: (g, node) => {
    const [c, a, b] = node.inputs;
    const zero = NDArray.scalar(0);
    return [
      NDArray.zeros(c.shape),
      sumToShapeArray(mapTernary(c.value, g, zero, pick, 'where'), a.shape),
      sumToShapeArray(mapTernary(c.value, zero, g, pick, 'where'), b.shape),
    ];
  },
  jvp: ([, ta, tb], node) => {
    const c = node.inputs[0];
    return broadcastTo(where(c, ta ?? 0, tb ?? 0), node.shape);
  },
};

export const maximum = (a: TensorLike, b: TensorLike): Tensor => makeOp(maximumOp, [asTensor(a), asTensor(b)]);
export const minimum = (a: TensorLike, b: TensorLike): Tensor => makeOp(minimumOp, [asTensor(a), asTensor(b)]);
export const where = (cond: TensorLike, a: TensorLike, b: TensorLike): Tensor =>
  makeOp(whereOp, [asTensor(cond), asTensor(a), asTensor(b)]);

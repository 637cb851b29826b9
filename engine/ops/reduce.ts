// Reductions over axes: sum, mean, max, logsumexp (numerically stable); sumToShape for broadcasting gradients.
import { ShapeError } from '../errors';
import { NDArray } from '../ndarray';
import { mapBinary, mapUnary, times } from '../elementwise';
import { reduceMax, reduceSum, reductionIndex, spreadArray } from '../reduce';
import { formatShape, normalizeAxes, reducedShape, sameShape, Shape, shapeSize } from '../shape';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { div, mul, sub } from './arithmetic';
import { zerosOf } from './fill';
import { broadcastTo, reshape } from './shape';
import { exp } from './unary';

export type Axes = number | readonly number[];

/** g (shaped like the reduction's output) spread back over the input's shape. */
function spread(g: Tensor, input: Tensor, axes: readonly number[]): Tensor {
  return broadcastTo(reshape(g, reducedShape(input.shape, axes, true)), input.shape);
}

function sumOp(axes: number[], keepdims: boolean): Op {
  return {
    name: 'sum',
    attrs: { axes, keepdims },
    compute: ([a]) => reduceSum(a, axes, keepdims),
    gradient: (g, node) => [spread(g, node.inputs[0], axes)],
    jvp: ([t]) => sum(t!, axes, keepdims),
    vjp: (g, node) => [spreadArray(g, node.inputs[0].shape, axes)],
  };
}

function meanOp(axes: number[], keepdims: boolean, count: number): Op {
  return {
    name: 'mean',
    attrs: { axes, keepdims },
    compute: ([a]) => {
      const s = reduceSum(a, axes, keepdims);
      for (let i = 0; i < s.size; i++) s.data[i] /= count;
      return s;
    },
    gradient: (g, node) => [div(spread(g, node.inputs[0], axes), count)],
    vjp: (g, node) => [mapUnary(spreadArray(g, node.inputs[0].shape, axes), (v) => v / count)],
    jvp: ([t]) => mean(t!, axes, keepdims),
  };
}

/** 1/k at the k positions that attain the max of their group, 0 elsewhere (ties share the gradient). */
function maxMaskOp(axes: number[]): Op {
  return {
    name: 'maxMask',
    attrs: { axes },
    compute: ([a]) => maxMaskArray(a, axes),
    gradient: (_g, node) => [zerosOf(node.inputs[0].shape)],
    jvp: (_t, node) => zerosOf(node.shape),
    vjp: (_g, node) => [NDArray.zeros(node.inputs[0].shape)],
  };
}

function maxMaskArray(a: NDArray, axes: readonly number[]): NDArray {
  const m = reduceMax(a, axes, true);
  const { index, outSize } = reductionIndex(a.shape, axes);
  const counts = new Float64Array(outSize);
  for (let i = 0; i < index.length; i++) if (a.data[i] === m.data[index[i]]) counts[index[i]]++;
  const out = new Float64Array(a.size);
  for (let i = 0; i < index.length; i++) if (a.data[i] === m.data[index[i]]) out[i] = 1 / counts[index[i]];
  return new NDArray(out, a.shape);
}

function maxOp(axes: number[], keepdims: boolean): Op {
  const mask = (a: Tensor): Tensor => makeOp(maxMaskOp(axes), [a]);
  return {
    name: 'max',
    attrs: { axes, keepdims },
    compute: ([a]) => reduceMax(a, axes, keepdims),
    gradient: (g, node) => [mul(spread(g, node.inputs[0], axes), mask(node.inputs[0]))],
    vjp: (g, node) => {
      const a = node.inputs[0].value;
      return [mapBinary(spreadArray(g, a.shape, axes), maxMaskArray(a, axes), times, 'max')];
    },
    jvp: ([t], node) => sum(mul(t!, mask(node.inputs[0])), axes, keepdims),
  };
}

function logsumexpOp(axes: number[], keepdims: boolean): Op {
  // ∂/∂a = exp(a − lse): the softmax weights, written with the node so they stay differentiable.
  const weights = (node: Tensor): Tensor => exp(sub(node.inputs[0], spread(node, node.inputs[0], axes)));
  return {
    name: 'logsumexp',
    attrs: { axes, keepdims },
    compute: ([a]) => logsumexpArray(a, axes, keepdims),
    gradient: (g, node) => [mul(spread(g, node.inputs[0], axes), weights(node))],
    vjp: (g, node) => {
      const a = node.inputs[0].value;
      const w = mapBinary(a, spreadArray(node.value, a.shape, axes), (x, l) => Math.exp(x - l), 'logsumexp');
      return [mapBinary(spreadArray(g, a.shape, axes), w, times, 'logsumexp')];
    },
    jvp: ([t], node) => sum(mul(t!, weights(node)), axes, keepdims),
  };
}

/** max + log Σ exp(a − max): never overflows; a group that is all −∞ gives −∞ (as numpy). */
export function logsumexpArray(a: NDArray, axes: readonly number[], keepdims: boolean): NDArray {
  const m = reduceMax(a, axes, true);
  const { index, outSize } = reductionIndex(a.shape, axes);
  const total = new Float64Array(outSize);
  for (let i = 0; i < index.length; i++) total[index[i]] += Math.exp(a.data[i] - m.data[index[i]]);
  const out = new Float64Array(outSize);
  for (let j = 0; j < outSize; j++) out[j] = Number.isFinite(m.data[j]) ? m.data[j] + Math.log(total[j]) : m.data[j];
  return new NDArray(out, reducedShape(a.shape, axes, keepdims));
}

export function sum(a: TensorLike, axes?: Axes, keepdims = false): Tensor {
  const t = asTensor(a);
  return makeOp(sumOp(normalizeAxes(axes, t.shape.length, 'sum'), keepdims), [t]);
}

export function mean(a: TensorLike, axes?: Axes, keepdims = false): Tensor {
  const t = asTensor(a);
  const list = normalizeAxes(axes, t.shape.length, 'mean');
  const count = list.reduce((p, d) => p * t.shape[d], 1);
  if (count === 0) throw new ShapeError(`mean: reducing ${formatShape(t.shape)} over an empty axis`);
  return makeOp(meanOp(list, keepdims, count), [t]);
}

export function max(a: TensorLike, axes?: Axes, keepdims = false): Tensor {
  const t = asTensor(a);
  const list = normalizeAxes(axes, t.shape.length, 'max');
  if (list.some((d) => t.shape[d] === 0)) throw new ShapeError(`max: reducing ${formatShape(t.shape)} over an empty axis`);
  return makeOp(maxOp(list, keepdims), [t]);
}

export function logsumexp(a: TensorLike, axes?: Axes, keepdims = false): Tensor {
  const t = asTensor(a);
  return makeOp(logsumexpOp(normalizeAxes(axes, t.shape.length, 'logsumexp'), keepdims), [t]);
}

/** Sums `g` over the axes along which `shape` was broadcast to g's shape (the adjoint of broadcasting). */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.shape.length - shape.length;
  if (lead < 0) throw new ShapeError(`sumToShape: ${formatShape(g.shape)} has fewer axes than ${formatShape(shape)}`);
  const axes: number[] = [];
  for (let d = 0; d < g.shape.length; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) axes.push(d);
  }
  const reduced = axes.length > 0 ? sum(g, axes) : g;
  if (shapeSize(reduced.shape) !== shapeSize(shape)) {
    throw new ShapeError(`sumToShape: ${formatShape(g.shape)} does not reduce to ${formatShape(shape)}`);
  }
  return reshape(reduced, shape);
}

// softmax and logSoftmax along one axis, both via the stable logsumexp. A 0-d input is its own
// (single-element) group, as in PyTorch: softmax = 1, logSoftmax = 0.
import { mapBinary, minus, times } from '../elementwise';
import { NDArray } from '../ndarray';
import { reduceMax, reduceSum } from '../reduce';
import { normalizeAxis } from '../shape';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { mul, sub } from './arithmetic';
import { logsumexpArray, sum } from './reduce';
import { exp } from './unary';

/** a − max(a) over `axes` (one axis, or none for 0-d): the shift that keeps exp from overflowing. */
function shifted(a: NDArray, axes: number[]): NDArray {
  return mapBinary(a, reduceMax(a, axes, true), (x, m) => (Number.isFinite(m) ? x - m : x), 'softmax');
}

/** (a − max) − log Σ exp(a − max): more accurate than a − logsumexp(a) when |max| is large. */
function logSoftmaxArray(a: NDArray, axes: number[]): NDArray {
  const z = shifted(a, axes);
  return mapBinary(z, logsumexpArray(z, axes, true), (x, l) => x - l, 'logSoftmax');
}

/** exp(a − max) / Σ exp(a − max). */
function softmaxArray(a: NDArray, axes: number[]): NDArray {
  const e = shifted(a, axes);
  for (let i = 0; i < e.size; i++) e.data[i] = Math.exp(e.data[i]);
  return mapBinary(e, reduceSum(e, axes, true), (x, s) => x / s, 'softmax');
}

function softmaxOp(axis: number, axes: number[]): Op {
  return {
    name: 'softmax',
    attrs: { axis },
    compute: ([a]) => softmaxArray(a, axes),
    // Jᵀ g = s ⊙ (g − Σ g ⊙ s)
    gradient: (g, node) => [mul(node, sub(g, sum(mul(g, node), axes, true)))],
    vjp: (g, node) => {
      const s = node.value;
      const total = reduceSum(mapBinary(g, s, times, 'softmax'), axes, true);
      return [mapBinary(s, mapBinary(g, total, minus, 'softmax'), times, 'softmax')];
    },
    jvp: ([t], node) => mul(node, sub(t!, sum(mul(t!, node), axes, true))),
  };
}

function logSoftmaxOp(axis: number, axes: number[]): Op {
  return {
    name: 'logSoftmax',
    attrs: { axis },
    compute: ([a]) => logSoftmaxArray(a, axes),
    // Jᵀ g = g − softmax · Σ g
    gradient: (g, node) => [sub(g, mul(exp(node), sum(g, axes, true)))],
    vjp: (g, node) => {
      const weighted = mapBinary(node.value, reduceSum(g, axes, true), (y, t) => Math.exp(y) * t, 'logSoftmax');
      return [mapBinary(g, weighted, minus, 'logSoftmax')];
    },
    jvp: ([t], node) => sub(t!, sum(mul(exp(node), t!), axes, true)),
  };
}

function resolveAxis(t: Tensor, axis: number, context: string): { axis: number; axes: number[] } {
  if (t.shape.length === 0 && (axis === 0 || axis === -1)) return { axis: 0, axes: [] };
  const ax = normalizeAxis(axis, t.shape.length, context);
  return { axis: ax, axes: [ax] };
}

export function softmax(a: TensorLike, axis = -1): Tensor {
  const t = asTensor(a);
  const r = resolveAxis(t, axis, 'softmax');
  return makeOp(softmaxOp(r.axis, r.axes), [t]);
}

export function logSoftmax(a: TensorLike, axis = -1): Tensor {
  const t = asTensor(a);
  const r = resolveAxis(t, axis, 'logSoftmax');
  return makeOp(logSoftmaxOp(r.axis, r.axes), [t]);
}

// Joining tensors: stack (new axis) and concat (existing axis).
import { ArgumentError, ShapeError } from '../errors';
import { gatherOffsets, sliceOffsets } from '../layout';
import { NDArray } from '../ndarray';
import { formatShape, normalizeAxis, sameShape, Shape, shapeSize } from '../shape';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { zerosOf } from './fill';
import { index, slice } from './indexing';

/** Concatenates arrays along `axis` (shapes already checked). */
function concatArrays(parts: NDArray[], axis: number): NDArray {
  const shape = [...parts[0].shape];
  shape[axis] = parts.reduce((s, p) => s + p.shape[axis], 0);
  const outer = shapeSize(shape.slice(0, axis));
  const out = new Float64Array(shapeSize(shape));
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const chunk = shapeSize(p.shape.slice(axis));
      out.set(p.data.subarray(o * chunk, (o + 1) * chunk), k);
      k += chunk;
    }
  }
  return new NDArray(out, shape);
}

function concatOp(axis: number): Op {
  return {
    name: 'concat',
    attrs: { axis },
    compute: (parts) => concatArrays(parts, axis),
    gradient: (g, node) => {
      let start = 0;
      return node.inputs.map((input) => {
        const stop = start + input.shape[axis];
        const specs = g.shape.map((_, d) => (d === axis ? { start, stop } : {}));
        start = stop;
        return slice(g, specs);
      });
    },
    jvp: (tangents, node) => concat(tangents.map((t, i) => t ?? zerosOf(node.inputs[i].shape)), axis),
    vjp: (g, node) => {
      let start = 0;
      return node.inputs.map((input) => {
        const count = input.shape[axis];
        const slices = g.shape.map((n, d) => (d === axis ? { start, step: 1, count, drop: false } : { start: 0, step: 1, count: n, drop: false }));
        start += count;
        return gatherOffsets(g, sliceOffsets(g.shape, slices), input.shape);
      });
    },
  };
}

function stackOp(axis: number): Op {
  return {
    name: 'stack',
    attrs: { axis },
    compute: (parts) => {
      const expanded = [...parts[0].shape];
      expanded.splice(axis, 0, 1);
      return concatArrays(parts.map((p) => new NDArray(p.data, expanded)), axis);
    },
    gradient: (g, node) => node.inputs.map((_, i) => index(g, i, axis)),
    jvp: (tangents, node) => stack(tangents.map((t, i) => t ?? zerosOf(node.inputs[i].shape)), axis),
    vjp: (g, node) => node.inputs.map((input, i) => {
      const slices = g.shape.map((n, d) => (d === axis ? { start: i, step: 1, count: 1, drop: true } : { start: 0, step: 1, count: n, drop: false }));
      return gatherOffsets(g, sliceOffsets(g.shape, slices), input.shape);
    }),
  };
}

function checkCount(ts: readonly TensorLike[], what: string): Tensor[] {
  if (ts.length === 0) throw new ArgumentError(`${what}: needs at least one tensor`);
  return ts.map(asTensor);
}

/** Stacks equal-shaped tensors along a new axis (axis may be -1 .. -(ndim+1)). */
export function stack(ts: readonly TensorLike[], axis = 0): Tensor {
  const parts = checkCount(ts, 'stack');
  const first = parts[0].shape;
  const bad = parts.find((p) => !sameShape(p.shape, first));
  if (bad) throw new ShapeError(`stack: all shapes must be equal, got ${parts.map((p) => formatShape(p.shape)).join(', ')}`);
  const ax = normalizeAxis(axis, first.length + 1, `stack: ${formatShape(first)}`);
  return makeOp(stackOp(ax), parts);
}

/** Joins tensors along an existing axis; all other axes must agree. */
export function concat(ts: readonly TensorLike[], axis = 0): Tensor {
  const parts = checkCount(ts, 'concat');
  const first: Shape = parts[0].shape;
  const ax = normalizeAxis(axis, first.length, `concat: ${formatShape(first)}`);
  const fits = (s: Shape): boolean => s.length === first.length && s.every((n, d) => d === ax || n === first[d]);
  if (!parts.every((p) => fits(p.shape))) {
    throw new ShapeError(`concat: shapes ${parts.map((p) => formatShape(p.shape)).join(', ')} differ outside axis ${ax}`);
  }
  return makeOp(concatOp(ax), parts);
}

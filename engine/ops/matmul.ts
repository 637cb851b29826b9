// matmul by numpy rules: 1-D operands are promoted (and the promoted axis removed after),
// leading batch axes broadcast. The hot loop is engine/kernels/matmul.ts.
import { broadcastIndex } from '../elementwise';
import { ShapeError } from '../errors';
import { matmulInto, matmulTransposedAInto, matmulTransposedBInto } from '../kernels/matmul';
import { transposeInto } from '../kernels/transpose';
import { broadcastShapes, NDArray } from '../ndarray';
import { sumToShapeArray } from '../reduce';
import { formatShape, Shape, shapeSize } from '../shape';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { sumToShape } from './reduce';
import { reshape, transpose } from './shape';
import { sumTangents } from './tangents';

interface MatmulPlan { batch: Shape; m: number; k: number; n: number; promotedA: Shape; promotedB: Shape; promotedOut: Shape; out: Shape }

function plan(a: Shape, b: Shape): MatmulPlan {
  const where = `matmul: ${formatShape(a)} @ ${formatShape(b)}`;
  if (a.length === 0 || b.length === 0) throw new ShapeError(`${where}: 0-d operands are not allowed (use mul)`);
  const promotedA = a.length === 1 ? [1, a[0]] : a;
  const promotedB = b.length === 1 ? [b[0], 1] : b;
  const m = promotedA[promotedA.length - 2];
  const k = promotedA[promotedA.length - 1];
  const kb = promotedB[promotedB.length - 2];
  const n = promotedB[promotedB.length - 1];
  if (k !== kb) throw new ShapeError(`${where}: inner dimensions ${k} and ${kb} differ`);
  let batch: Shape;
  try {
    batch = broadcastShapes(promotedA.slice(0, -2), promotedB.slice(0, -2));
  } catch {
    throw new ShapeError(`${where}: batch dimensions ${formatShape(promotedA.slice(0, -2))} and ${formatShape(promotedB.slice(0, -2))} do not broadcast`);
  }
  const promotedOut = [...batch, m, n];
  const out = [...batch, ...(a.length === 1 ? [] : [m]), ...(b.length === 1 ? [] : [n])];
  return { batch, m, k, n, promotedA, promotedB, promotedOut, out };
}

function matmulArrays(a: NDArray, b: NDArray): NDArray {
  const p = plan(a.shape, b.shape);
  const { m, k, n } = p;
  const out = new Float64Array(shapeSize(p.out));
  if (p.batch.length === 0) {
    matmulInto(a.data, b.data, out, m, k, n);
    return new NDArray(out, p.out);
  }
  const ia = broadcastIndex(p.promotedA.slice(0, -2), p.batch);
  const ib = broadcastIndex(p.promotedB.slice(0, -2), p.batch);
  for (let i = 0; i < ia.length; i++) {
    matmulInto(
      a.data.subarray(ia[i] * m * k, (ia[i] + 1) * m * k),
      b.data.subarray(ib[i] * k * n, (ib[i] + 1) * k * n),
      out.subarray(i * m * n, (i + 1) * m * n),
      m, k, n,
    );
  }
  return new NDArray(out, p.out);
}

/** The axes permutation that swaps the last two of `rank` (≥ 2) axes. */
function swapLastAxes(rank: number): number[] {
  const axes = Array.from({ length: rank }, (_, i) => i);
  [axes[rank - 2], axes[rank - 1]] = [axes[rank - 1], axes[rank - 2]];
  return axes;
}

function swapLast(t: Tensor): Tensor {
  return transpose(t, swapLastAxes(t.shape.length));
}

/** Every matrix of `a` (its last two axes) transposed, with the cache-blocked kernel. */
function swapLastArray(a: NDArray): NDArray {
  const rank = a.ndim;
  const rows = a.shape[rank - 2];
  const cols = a.shape[rank - 1];
  const block = rows * cols;
  const src = a.data;
  const out = new Float64Array(src.length);
  for (let start = 0; start < src.length; start += block) {
    transposeInto(src.subarray(start, start + block), out.subarray(start, start + block), rows, cols);
  }
  const shape = [...a.shape];
  [shape[rank - 2], shape[rank - 1]] = [cols, rows];
  return new NDArray(out, shape);
}

const matmulOp: Op = {
  name: 'matmul',
  compute: ([a, b]) => matmulArrays(a, b),
  gradient: (g, node) => {
    // Work in the promoted (≥ 2-D) shapes, then undo promotion and batch broadcasting.
    const [a, b] = node.inputs;
    const p = plan(a.shape, b.shape);
    const a2 = reshape(a, p.promotedA);
    const b2 = reshape(b, p.promotedB);
    const g2 = reshape(g, p.promotedOut);
    const ga = sumToShape(matmul(g2, swapLast(b2)), p.promotedA);
    const gb = sumToShape(matmul(swapLast(a2), g2), p.promotedB);
    return [reshape(ga, a.shape), reshape(gb, b.shape)];
  },
  vjp: (g, node, onlyRequiringGrad) => {
    const [a, b] = node.inputs;
    const p = plan(a.shape, b.shape);
    // A constant operand (the data batch of a training step, W of W @ x) needs no adjoint: its product is skipped.
    const needA = !(onlyRequiringGrad && !a.requiresGrad);
    const needB = !(onlyRequiringGrad && !b.requiresGrad);
    if (p.batch.length === 0) {
      // g·bᵀ and aᵀ·g straight from the stored operands: no transposed copy for matrix-vector shapes.
      const { m, k, n } = p;
      let ga: NDArray | null = null, gb: NDArray | null = null;
      if (needA) {
        const out = new Float64Array(m * k);
        matmulTransposedBInto(g.data, b.value.data, out, m, n, k);
        ga = new NDArray(out, a.shape);
      }
      if (needB) {
        const out = new Float64Array(k * n);
        matmulTransposedAInto(a.value.data, g.data, out, k, m, n);
        gb = new NDArray(out, b.shape);
      }
      return [ga, gb];
    }
    const g2 = new NDArray(g.data, p.promotedOut);
    const ga = needA ? sumToShapeArray(matmulArrays(g2, swapLastArray(new NDArray(b.value.data, p.promotedB))), p.promotedA) : null;
    const gb = needB ? sumToShapeArray(matmulArrays(swapLastArray(new NDArray(a.value.data, p.promotedA)), g2), p.promotedB) : null;
    return [ga && new NDArray(ga.data, a.shape), gb && new NDArray(gb.data, b.shape)];
  },
  jvp: ([ta, tb], node) => {
    const [a, b] = node.inputs;
    return sumTangents([ta && matmul(ta, b), tb && matmul(a, tb)], node);
  },
};

export function matmul(a: TensorLike, b: TensorLike): Tensor {
  return makeOp(matmulOp, [asTensor(a), asTensor(b)]);
}

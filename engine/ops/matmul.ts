// matmul by numpy rules: 1-D operands are promoted (and the promoted axis removed after),
// leading batch axes broadcast. The hot loop is engine/kernels/matmul.ts.
import { broadcastIndex } from '../elementwise';
import { ShapeError } from '../errors';
import { matmulInto } from '../kernels/matmul';
import { broadcastShapes, NDArray } from '../ndarray';
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

/** Swaps the last two axes. */
function swapLast(t: Tensor): Tensor {
  const axes = t.shape.map((_, i) => i);
  const r = axes.length;
  [axes[r - 2], axes[r - 1]] = [axes[r - 1], axes[r - 2]];
  return transpose(t, axes);
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
  jvp: ([ta, tb], node) => {
    const [a, b] = node.inputs;
    return sumTangents([ta && matmul(ta, b), tb && matmul(a, tb)], node);
  },
};

export function matmul(a: TensorLike, b: TensorLike): Tensor {
  return makeOp(matmulOp, [asTensor(a), asTensor(b)]);
}

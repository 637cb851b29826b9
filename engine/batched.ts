// A graph re-evaluated at many values of one of its leaves at once (what JAX's vmap does to a function):
// the gradient check's perturbed inputs go through the graph as one batch. Nodes that do not depend on
// the leaf keep the values they have; a node that does gets a leading batch axis. Elementwise ops,
// sum/mean and matmul run on the whole batch in one call (a matrix-vector product of the batch becomes
// one matrix-matrix product, the GEMM kernel's best case); any other op runs once per point.
// Requires a graph whose structure does not depend on the leaf's value (straight-line math).
import { ShapeError } from './errors';
import { topoSort } from './graph';
import { matmulInto } from './kernels/matmul';
import { transposeInto } from './kernels/transpose';
import { NDArray } from './ndarray';
import { reduceSum } from './reduce';
import { unaryRules } from './scalar-rules';
import { Tensor } from './tensor';

/** Ops whose compute is elementwise (with broadcasting for two inputs), whatever the rank. */
const ELEMENTWISE = new Set<string>([...Object.keys(unaryRules), 'neg', 'pow', 'add', 'sub', 'mul', 'div']);

export class BatchedGraph {
  /** The nodes that depend on the leaf, inputs before consumers (the leaf first). */
  private readonly dependent: Tensor[];
  /** Transposed constant matrices, made once per graph (W of W @ x, for big batches). */
  private readonly transposed = new Map<Tensor, Float64Array>();
  /** How many numbers one point of the batch occupies across the dependent nodes (for sizing batches). */
  readonly numbersPerPoint: number;

  constructor(private readonly output: Tensor, private readonly leaf: Tensor) {
    const depends = new Set<Tensor>([leaf]);
    this.dependent = [];
    for (const node of topoSort([output])) {
      if (node === leaf || node.inputs.some((t) => depends.has(t))) {
        depends.add(node);
        this.dependent.push(node);
      }
    }
    this.numbersPerPoint = this.dependent.reduce((n, t) => n + t.value.size, 0);
  }

  /** Σ output at each of `count` values of the leaf, laid end to end in `points`. */
  objectives(points: Float64Array, count: number): Float64Array {
    const sums = new Float64Array(count);
    if (!this.dependent.includes(this.output)) {
      // The output does not depend on the leaf: every point gives the output's own sum.
      sums.fill(sumOf(this.output.value.data));
      return sums;
    }
    const batched = new Map<Tensor, Float64Array>([[this.leaf, points]]);
    for (const node of this.dependent) {
      if (node === this.leaf) continue;
      batched.set(node, this.evaluate(node, batched, count));
    }
    const out = batched.get(this.output)!;
    const size = this.output.value.size;
    for (let b = 0; b < count; b++) sums[b] = sumOf(out.subarray(b * size, (b + 1) * size));
    return sums;
  }

  private evaluate(node: Tensor, batched: Map<Tensor, Float64Array>, count: number): Float64Array {
    const op = node.op!;
    const inputs = node.inputs;
    const isBatched = inputs.map((t) => batched.has(t));
    if (ELEMENTWISE.has(op.name) && inputs.length <= 2) {
      // Broadcasting aligns trailing axes: a batched operand gets the batch axis in front of as many
      // 1s as it lacks of the output's rank; an unbatched one broadcasts over the batch as it is.
      const rank = node.shape.length;
      const args = inputs.map((t, i) => isBatched[i]
        ? new NDArray(batched.get(t)!, [count, ...ones(rank - t.shape.length), ...t.shape])
        : t.value);
      return op.compute(args).data;
    }
    if ((op.name === 'sum' || op.name === 'mean') && inputs.length === 1) {
      const { axes, keepdims } = op.attrs as { axes: number[]; keepdims: boolean };
      const input = inputs[0];
      const all = new NDArray(batched.get(input)!, [count, ...input.shape]);
      const s = reduceSum(all, axes.map((a) => a + 1), keepdims).data;
      if (op.name === 'mean') {
        const terms = input.value.size / Math.max(1, node.value.size);
        for (let i = 0; i < s.length; i++) s[i] /= terms;
      }
      return s;
    }
    if (op.name === 'matmul') {
      const product = this.batchedMatmul(node, batched, count);
      if (product) return product;
    }
    return perPoint(node, batched, count);
  }

  /** The batched cases of a product with one constant matrix; null for the others. */
  private batchedMatmul(node: Tensor, batched: Map<Tensor, Float64Array>, count: number): Float64Array | null {
    const [a, b] = node.inputs;
    const aBatched = batched.has(a), bBatched = batched.has(b);
    if (aBatched === bBatched) return null;
    if (!aBatched && a.shape.length === 2 && b.shape.length === 1) {
      const [m, k] = a.shape;
      const out = new Float64Array(count * m);
      if (this.transposed.has(a) || count * (k + m) >= m * k) {
        // A big batch: the rows of X[count×k] · Wᵀ, W transposed once for every batch of the check.
        matmulInto(batched.get(b)!, this.transposeOf(a), out, count, k, m);
        return out;
      }
      // A few points (a directional check): Z = W · Xᵀ [m×count], W read as stored; transposing the
      // batch twice costs count·(k + m) numbers, far less than transposing W once.
      const xt = new Float64Array(k * count);
      transposeInto(batched.get(b)!, xt, count, k);
      const z = new Float64Array(m * count);
      matmulInto(a.value.data, xt, z, m, k, count);
      transposeInto(z, out, m, count);
      return out;
    }
    if (aBatched && (a.shape.length === 1 || a.shape.length === 2) && b.shape.length === 2) {
      // x @ W (or A @ W) for every point: the points' rows stacked, times W.
      const [k, n] = b.shape;
      const rows = count * (a.shape.length === 1 ? 1 : a.shape[0]);
      const out = new Float64Array(rows * n);
      matmulInto(batched.get(a)!, b.value.data, out, rows, k, n);
      return out;
    }
    return null;
  }

  private transposeOf(w: Tensor): Float64Array {
    let t = this.transposed.get(w);
    if (!t) {
      const [rows, cols] = w.shape;
      t = new Float64Array(rows * cols);
      transposeInto(w.value.data, t, rows, cols);
      this.transposed.set(w, t);
    }
    return t;
  }
}

function ones(n: number): number[] {
  return new Array<number>(Math.max(0, n)).fill(1);
}

function sumOf(data: Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return s;
}

/** Any op, one point at a time, on views of the batched inputs. */
function perPoint(node: Tensor, batched: Map<Tensor, Float64Array>, count: number): Float64Array {
  const size = node.value.size;
  const out = new Float64Array(count * size);
  for (let b = 0; b < count; b++) {
    const args = node.inputs.map((t) => {
      const data = batched.get(t);
      return data ? new NDArray(data.subarray(b * t.value.size, (b + 1) * t.value.size), t.shape) : t.value;
    });
    const value = node.op!.compute(args);
    if (value.size !== size) throw new ShapeError(`${node.op!.name}: its value changed shape at another input value`);
    out.set(value.data, b * size);
  }
  return out;
}

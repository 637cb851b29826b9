// Tensor: a node of the computational graph. Its value is computed eagerly when the node is made.
import { NDArray, Nested } from './ndarray';
import { Shape } from './shape';

export interface Op {
  /** Stable name ("add", "log", "matmul", ...): UI and symbolic printing key on it. */
  readonly name: string;
  compute(inputs: NDArray[]): NDArray;
  /**
   * One Tensor per input, of that input's shape, built from ops (so gradients are differentiable).
   * It must only build nodes, never walk the graph (grad() keeps walk state on the nodes meanwhile).
   */
  gradient(outGrad: Tensor, node: Tensor): Tensor[];
  /**
   * Optional forward-mode rule: the tangent of `node` given the tangents of its inputs
   * (null: that input does not depend on the direction). Without it, forward mode derives the
   * tangent from gradient() (see forward.ts).
   */
  jvp?(tangents: ReadonlyArray<Tensor | null>, node: Tensor): Tensor;
  /**
   * Optional numeric vector-Jacobian product: gradient()'s values, one NDArray per input, computed
   * directly on arrays (no graph nodes). gradValues() uses it; without it, gradValues evaluates gradient().
   * With `onlyRequiringGrad`, an input whose requiresGrad is false is not needed: the rule may give null
   * for it instead of computing it (worth it where that term is costly, as in matmul).
   */
  vjp?(outGrad: NDArray, node: Tensor, onlyRequiringGrad?: boolean): Array<NDArray | null>;
  /**
   * Optional, for an op of one input that reads a few numbers of it (index, slice, gather): adds vjp()'s
   * value for the input straight into `into` (the input's adjoint so far, its shape, row-major). Summing
   * the 1,000 terms θ₁ … θ₁₀₀₀ then costs 1,000 additions, not 1,000 arrays of θ's size.
   */
  vjpInto?(outGrad: NDArray, into: Float64Array): void;
  /** axes, shape, exponent, ... (read by symbolic printing). */
  attrs?: Record<string, unknown>;
}

let nextId = 0;

export class Tensor {
  // `declare`: fields are created by the constructor's assignments, in one fixed order, so every
  // node shares one compact hidden class (this is the per-node cost of large scalar graphs).
  declare readonly id: number;
  declare readonly op: Op | null;
  declare readonly inputs: readonly Tensor[];
  declare readonly value: NDArray;
  declare readonly requiresGrad: boolean;
  declare label?: string;
  /** @internal Graph walks stamp the walk's number here to mark a node visited (see graph.ts). */
  declare _visit: number;
  /** @internal Position of the node in the latest walk's order (valid only right after that walk). */
  declare _slot: number;

  constructor(op: Op | null, inputs: readonly Tensor[], value: NDArray, requiresGrad: boolean, label?: string) {
    this.id = nextId++;
    this.op = op;
    this.inputs = inputs;
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.label = label;
    this._visit = 0;
    this._slot = 0;
  }

  /** The value's shape (a getter, not a field: one field less on every node). */
  get shape(): Shape {
    return this.value.shape;
  }
}

/** The inputs of every leaf, shared. */
const NO_INPUTS: readonly Tensor[] = Object.freeze([]);

function toArray(x: NDArray | Nested): NDArray {
  return x instanceof NDArray ? x : NDArray.from(x);
}

export function variable(x: NDArray | Nested, label?: string): Tensor {
  return new Tensor(null, NO_INPUTS, toArray(x), true, label);
}

export function constant(x: NDArray | Nested, label?: string): Tensor {
  return new Tensor(null, NO_INPUTS, toArray(x), false, label);
}

export function makeOp(op: Op, inputs: Tensor[]): Tensor {
  let requiresGrad = false;
  let value: NDArray;
  // Unrolled for the common arities: avoids an array allocation per node.
  if (inputs.length === 1) {
    requiresGrad = inputs[0].requiresGrad;
    value = op.compute([inputs[0].value]);
  } else if (inputs.length === 2) {
    requiresGrad = inputs[0].requiresGrad || inputs[1].requiresGrad;
    value = op.compute([inputs[0].value, inputs[1].value]);
  } else {
    const values = new Array<NDArray>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      values[i] = inputs[i].value;
      if (inputs[i].requiresGrad) requiresGrad = true;
    }
    value = op.compute(values);
  }
  return new Tensor(op, inputs, value, requiresGrad);
}

/** Operands of ops: plain numbers become 0-d constants. */
export type TensorLike = Tensor | number;

export function asTensor(x: TensorLike): Tensor {
  return typeof x === 'number' ? new Tensor(null, NO_INPUTS, scalarArray(x), false) : x;
}

// Number operands become constant leaves, each its own Tensor (ids and labels stay per use), but their
// 0-d arrays are shared per number (arrays are immutable by convention): one allocation less per operand
// of scalar graphs like x + 0.1. Bounded: cleared when full.
const scalarArrays = new Map<number, NDArray>();
const MAX_SHARED_SCALARS = 1024;

function scalarArray(x: number): NDArray {
  // Map keys treat -0 as 0, and 0 costs no allocation anyway.
  if (x === 0) return NDArray.scalar(x);
  let a = scalarArrays.get(x);
  if (a === undefined) {
    if (scalarArrays.size >= MAX_SHARED_SCALARS) scalarArrays.clear();
    a = NDArray.scalar(x);
    scalarArrays.set(x, a);
  }
  return a;
}

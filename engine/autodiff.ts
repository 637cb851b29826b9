// Reverse mode by extending the graph (needle's design): adjoints are Tensors built from ops,
// so grad of a grad is a second derivative.
import { NDArray } from './ndarray';
import { add } from './ops/arithmetic';
import { zerosOf } from './ops/fill';
import { ShapeError } from './errors';
import { formatShape, sameShape } from './shape';
import { topoSort } from './graph';
import { constant, Tensor } from './tensor';

/** v̄_{from→to} = v̄_to · ∂to/∂from: the adjoint flowing along one edge. */
export interface PartialAdjoint { from: Tensor; to: Tensor; inputIndex: number; value: Tensor }
export interface ReverseStep { node: Tensor; adjoint: Tensor; partials: PartialAdjoint[]; nodeToGrad: Array<{ node: Tensor; partials: Tensor[] }> }
export interface ReverseTrace {
  order: Tensor[];
  adjoints: Map<Tensor, Tensor>;
  edges: PartialAdjoint[];
  steps: ReverseStep[];
}

function seedFor(output: Tensor, seed: Tensor | undefined): Tensor {
  if (!seed) return constant(NDArray.ones(output.shape));
  if (!sameShape(seed.shape, output.shape)) {
    throw new ShapeError(`grad: seed of shape ${formatShape(seed.shape)} does not match output of shape ${formatShape(output.shape)}`);
  }
  return seed;
}

/**
 * Gradients of `output` (weighted by `seed`, default ones: a non-scalar output is summed) with respect
 * to `wrt`, as graph nodes. Only nodes on a path from a wrt tensor to the output are differentiated.
 */
export function grad(output: Tensor, wrt: readonly Tensor[], seed?: Tensor): Tensor[] {
  const order = topoSort([output]);
  const n = order.length;
  // relevant[i]: node i lies on a path from some wrt tensor (so its adjoint is needed).
  const relevant = new Uint8Array(n);
  for (const w of wrt) {
    const i = w._slot;
    if (i < n && order[i] === w) relevant[i] = 1;
  }
  for (let i = 0; i < n; i++) {
    if (relevant[i]) continue;
    const inputs = order[i].inputs;
    for (let j = 0; j < inputs.length; j++) {
      if (relevant[inputs[j]._slot]) {
        relevant[i] = 1;
        break;
      }
    }
  }
  const adjoint = new Array<Tensor | undefined>(n);
  adjoint[n - 1] = seedFor(output, seed);
  for (let i = n - 1; i >= 0; i--) {
    const node = order[i];
    const g = adjoint[i];
    if (!g || !node.op || !relevant[i]) continue;
    const inputs = node.inputs;
    let needed = false;
    for (let j = 0; j < inputs.length; j++) if (relevant[inputs[j]._slot]) needed = true;
    if (!needed) continue;
    const partials = node.op.gradient(g, node);
    for (let j = 0; j < inputs.length; j++) {
      const k = inputs[j]._slot;
      if (!relevant[k]) continue;
      const previous = adjoint[k];
      adjoint[k] = previous ? add(previous, partials[j]) : partials[j];
    }
  }
  return wrt.map((w) => {
    const i = w._slot;
    const g = i < n && order[i] === w ? adjoint[i] : undefined;
    return g ?? zerosOf(w.shape);
  });
}

/**
 * The reverse sweep with everything the inspector shows: every node's adjoint, the partial adjoint
 * on every edge, and node_to_grad after each step. All nodes are differentiated, constants included.
 * The per-step snapshots make it quadratic in the node count: meant for displayed graphs, not training;
 * `{ steps: false }` leaves them out (`steps` is then empty) and keeps the sweep linear.
 */
export function reverseTrace(output: Tensor, seed?: Tensor, options: { steps?: boolean } = {}): ReverseTrace {
  const recordSteps = options.steps ?? true;
  const order = topoSort([output]);
  const n = order.length;
  const slotOf = new Map<Tensor, number>(order.map((t, i) => [t, i]));
  const nodeToGrad: Tensor[][] = Array.from({ length: n }, () => []);
  const firstSeen: number[] = []; // slots in the order they entered node_to_grad
  const adjoints = new Map<Tensor, Tensor>();
  const edges: PartialAdjoint[] = [];
  const steps: ReverseStep[] = [];
  nodeToGrad[n - 1].push(seedFor(output, seed));
  firstSeen.push(n - 1);
  for (let i = n - 1; i >= 0; i--) {
    const node = order[i];
    const adjoint = nodeToGrad[i].reduce((acc, p) => add(acc, p));
    adjoints.set(node, adjoint);
    const partials: PartialAdjoint[] = [];
    if (node.op) {
      const values = node.op.gradient(adjoint, node);
      node.inputs.forEach((input, j) => {
        const k = slotOf.get(input)!;
        if (nodeToGrad[k].length === 0) firstSeen.push(k);
        nodeToGrad[k].push(values[j]);
        partials.push({ from: input, to: node, inputIndex: j, value: values[j] });
      });
    }
    edges.push(...partials);
    if (recordSteps) steps.push({ node, adjoint, partials, nodeToGrad: firstSeen.map((k) => ({ node: order[k], partials: [...nodeToGrad[k]] })) });
  }
  return { order, adjoints, edges, steps };
}

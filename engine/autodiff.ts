// Reverse mode by extending the graph (needle's design): adjoints are Tensors built from ops,
// so grad of a grad is a second derivative.
import { NDArray } from './ndarray';
import { add } from './ops/arithmetic';
import { zerosOf } from './ops/fill';
import { ShapeError } from './errors';
import { formatShape, sameShape } from './shape';
import { topoSort } from './graph';
import { accumulate } from './frontier';
import { vjpOf } from './grad-values';
import { constant, Tensor } from './tensor';

/** v̄_{from→to} = v̄_to · ∂to/∂from: the adjoint flowing along one edge (a graph node, or an array in a ValueTrace). */
export interface TraceEdge<A> { from: Tensor; to: Tensor; inputIndex: number; value: A }
/** One step of the reverse sweep: the node processed, its adjoint, and what the step appended to
 *  node_to_grad (one partial adjoint per input). Steps hold deltas, so a trace is linear in the graph;
 *  nodeToGradAfter() replays them into the lecture's table for one step. `E`: how edges keep their
 *  partial adjoints (valueTrace's `keep`), the adjoints' own type by default. */
export interface TraceStep<A, E = A> { node: Tensor; adjoint: A; partials: Array<TraceEdge<E>> }
export interface Trace<A, E = A> {
  order: Tensor[];
  adjoints: Map<Tensor, A>;
  edges: Array<TraceEdge<E>>;
  steps: Array<TraceStep<A, E>>;
}
export type PartialAdjoint = TraceEdge<Tensor>;
export type ReverseStep = TraceStep<Tensor>;
export type ReverseTrace = Trace<Tensor>;
export type ValueTrace<E = NDArray> = Trace<NDArray, E>;

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
 * on every edge, and what each step adds to node_to_grad. All nodes are differentiated, constants
 * included. Adjoints are graph nodes (so they can be differentiated and printed); valueTrace() is the
 * same sweep on arrays. Linear in the size of the graph.
 */
export function reverseTrace(output: Tensor, seed?: Tensor): ReverseTrace {
  return sweep(output, seedFor(output, seed), (a, b) => add(a, b), (g, node) => node.op!.gradient(g, node), (t) => t);
}

/**
 * reverseTrace with arrays instead of graph nodes: numeric vjps, no gradient graph built. `keep` is what an
 * edge keeps of its partial adjoint (the array by default): a summary keeps the trace linear in memory
 * when one input feeds many selections (θ₁ … θ₃₃₃₀ each send θ an array of θ's size).
 */
export function valueTrace(output: Tensor, seed?: NDArray): ValueTrace;
export function valueTrace<E>(output: Tensor, seed: NDArray | undefined, keep: (partial: NDArray) => E): ValueTrace<E>;
export function valueTrace<E>(output: Tensor, seed?: NDArray, keep?: (partial: NDArray) => E): ValueTrace<E | NDArray> {
  const start = seed ? seedFor(output, constant(seed)).value : NDArray.ones(output.shape);
  return sweep<NDArray, E | NDArray>(output, start, accumulate, (g, node) => vjpOf(g, node, false) as NDArray[], keep ?? ((a) => a));
}

/**
 * The sweep: each node's partial adjoints are summed as they arrive (in arrival order: left to right,
 * as node_to_grad lists them), so only one running sum per node is held. `sum` may write into its first
 * argument when `owned` says the sweep made it.
 */
function sweep<A, E>(output: Tensor, seed: A, sum: (a: A, b: A, owned: boolean) => A, partialsOf: (adjoint: A, node: Tensor) => A[], keep: (partial: A) => E): Trace<A, E> {
  const order = topoSort([output]);
  const n = order.length;
  const pending: Array<A | undefined> = new Array(n);
  const owned = new Uint8Array(n);
  const adjoints = new Map<Tensor, A>();
  const edges: Array<TraceEdge<E>> = [];
  const steps: Array<TraceStep<A, E>> = [];
  pending[n - 1] = seed;
  for (let i = n - 1; i >= 0; i--) {
    const node = order[i];
    const adjoint = pending[i]!;
    pending[i] = undefined;
    adjoints.set(node, adjoint);
    const partials: Array<TraceEdge<E>> = [];
    if (node.op) {
      const values = partialsOf(adjoint, node);
      const inputs = node.inputs;
      for (let j = 0; j < inputs.length; j++) {
        const k = inputs[j]._slot; // set by topoSort; the ops' rules make new nodes but never sort
        const before = pending[k];
        if (before === undefined) pending[k] = values[j];
        else {
          pending[k] = sum(before, values[j], owned[k] === 1);
          owned[k] = 1;
        }
        const edge = { from: inputs[j], to: node, inputIndex: j, value: keep(values[j]) };
        partials.push(edge);
        edges.push(edge);
      }
    }
    steps.push({ node, adjoint, partials });
  }
  return { order, adjoints, edges, steps };
}

/** node_to_grad after step `step` (0 = the output processed): each node reached so far, in the order it
 *  was first reached, with its partial adjoints in arrival order; the output lists its seed. */
export function nodeToGradAfter<A>(trace: Trace<A, A>, step: number): Array<{ node: Tensor; partials: A[] }> {
  const first = trace.steps[0];
  const table = new Map<Tensor, A[]>([[first.node, [first.adjoint]]]);
  for (let k = 0; k <= step && k < trace.steps.length; k++) {
    for (const e of trace.steps[k].partials) {
      const list = table.get(e.from);
      if (list) list.push(e.value); else table.set(e.from, [e.value]);
    }
  }
  return [...table].map(([node, partials]) => ({ node, partials }));
}

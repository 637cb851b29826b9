// The graph behind a block's result, served on demand: nodes with values and adjoints, the
// partial adjoint on every edge, the reverse steps, symbolic adjoints. Analysing a block computes none
// of it (its result is plain data: value, gradient, inputs); hovers, hints and panels ask for it here.
// The reverse sweep runs once per graph, on arrays (no gradient graph), and its steps are deltas, so
// everything here is linear in the size of the graph. The gradient graph (the panel's extended graph) is the
// one exception that builds Tensors: only on request, and only for graphs of a few hundred nodes.
import { grad, gradValues, NDArray, recordScalarTape, reverseTrace, toFormula, valueTrace, type Formula, type Nested, type ReverseTrace, type Tensor, type ValueTrace } from '../../engine';
import type { Span } from '../parse/ast';
import { shown, type Shown } from '../nested';
import { shortText } from './short-text';
import type { BlockState } from './state';
import type { EdgeInfo, GradientGraph, NodeInfo, ReverseStepInfo } from './types';

/** Symbolic adjoints are printed for inputs of graphs up to this size (printing is per input). */
const SYMBOLIC_NODE_LIMIT = 300;
/** Most gradient-graph nodes drawn: the panel lays them out with the block's own nodes. */
const GRADIENT_NODE_LIMIT = 300;

/** What one analysed graph computes on first use and then keeps; shared by every moved view of it. */
class GraphCore {
  private trace?: ValueTrace<Shown>;
  private nodeList?: NodeInfo[];
  private byId?: Map<number, NodeInfo>;
  private edgeList?: EdgeInfo[];
  private stepList?: ReverseStepInfo[];
  private gradient?: GradientGraph;
  private readonly printed = new Map<number, { unicode: string; latex: string } | undefined>();

  constructor(readonly output: Tensor, private readonly state: BlockState) {}

  private sweep(): ValueTrace<Shown> {
    return (this.trace ??= valueTrace(this.output, undefined, shown));
  }

  nodes(): NodeInfo[] {
    return (this.nodeList ??= this.buildNodes());
  }

  node(id: number): NodeInfo | undefined {
    this.byId ??= new Map(this.nodes().map((n) => [n.id, n]));
    return this.byId.get(id);
  }

  edges(): EdgeInfo[] {
    return (this.edgeList ??= this.sweep().edges.map((e) => ({ from: e.from.id, to: e.to.id, partialAdjoint: e.value })));
  }

  steps(): ReverseStepInfo[] {
    return (this.stepList ??= this.sweep().steps.map((s) => ({
      nodeId: s.node.id,
      added: s.partials.map((p) => ({ nodeId: p.from.id, partial: p.value })),
    })));
  }

  gradientGraph(): GradientGraph {
    return (this.gradient ??= this.buildGradientGraph());
  }

  /**
   * The engine's reverse sweep with adjoints as graph nodes (reverseTrace: the lecture's node_to_grad over
   * every node, each rule building Tensors), kept as plain data. Each step builds its node's adjoint (the sum
   * of what it received) and one partial adjoint per input; a gradient node belongs to the first step that
   * reaches it. The block's graph is bounded first: its gradient graph is at least about as large.
   */
  private buildGradientGraph(): GradientGraph {
    const forward = this.sweep().order;
    const tooLarge = { unavailable: `its gradient graph would have more than ${GRADIENT_NODE_LIMIT} nodes` };
    if (forward.length > GRADIENT_NODE_LIMIT) return tooLarge;
    let trace: ReverseTrace;
    try {
      trace = reverseTrace(this.output);
    } catch (e) {
      return { unavailable: `its gradient graph could not be built (${e instanceof Error ? e.message : String(e)})` };
    }
    const forwardIds = new Set(forward.map((t) => t.id));
    const stepOf = new Map<Tensor, number>();
    const adjointOf = new Map<Tensor, number[]>();
    for (const { node, adjoint, partials } of trace.steps) {
      const stack = [adjoint, ...partials.map((p) => p.value)];
      while (stack.length > 0) {
        const t = stack.pop()!;
        if (forwardIds.has(t.id) || stepOf.has(t)) continue;
        stepOf.set(t, node.id);
        if (stepOf.size > GRADIENT_NODE_LIMIT) return tooLarge;
        stack.push(...t.inputs);
      }
      const list = adjointOf.get(adjoint);
      if (list) list.push(node.id); else adjointOf.set(adjoint, [node.id]);
    }
    // Ids grow in creation order: sorted, every node comes after its inputs.
    const nodes = [...stepOf].sort(([a], [b]) => a.id - b.id).map(([t, step]) => ({
      id: t.id,
      op: opName(t),
      inputs: t.inputs.map((x) => x.id),
      value: shown(t.value),
      shape: [...t.shape],
      adjointOf: adjointOf.get(t) ?? [],
      step,
    }));
    return { nodes };
  }

  /** The adjoint of a scalar input as a formula, for graphs small enough to print; undefined otherwise. */
  symbolicAdjoint(id: number): { unicode: string; latex: string } | undefined {
    if (this.printed.has(id)) return this.printed.get(id);
    const result = this.printSymbolic(id);
    this.printed.set(id, result);
    return result;
  }

  private printSymbolic(id: number): { unicode: string; latex: string } | undefined {
    const trace = this.sweep();
    const t = trace.order.find((x) => x.id === id);
    // Scalar inputs only for now: tensor adjoints print as scatter/gather terms nobody can read yet.
    if (!t || trace.order.length > SYMBOLIC_NODE_LIMIT || t.shape.length !== 0 || !this.state.inputOf.has(t)) return undefined;
    try {
      // The adjoint as a graph node (grad extends the graph), printed; only the hovered input's.
      const adjoint = grad(this.output, [t])[0];
      return { unicode: withDefinitions(toFormula(adjoint, { style: 'unicode' })), latex: withDefinitions(toFormula(adjoint, { style: 'latex' })) };
    } catch {
      // Printing is a convenience; a graph it cannot print still has its numbers.
      return undefined;
    }
  }

  private buildNodes(): NodeInfo[] {
    const { state, output } = this;
    const trace = this.sweep();
    const labels = new Map<Tensor, string>();
    return trace.order.map((t) => {
      const meta = state.meta.get(t);
      const record = state.inputOf.get(t);
      const adjoint = trace.adjoints.get(t);
      const label = meta?.name ?? meta?.label ?? (meta?.span ? shortText(state.sourceText(meta.span)) : t.label ?? unwrittenLabel(t, labels));
      labels.set(t, label);
      const info: NodeInfo = {
        id: t.id,
        label,
        op: opName(t),
        inputs: t.inputs.map((x) => x.id),
        value: shown(t.value),
        shape: [...t.shape],
        adjoint: shown(adjoint ?? NDArray.zeros(t.shape)),
      };
      if (meta?.name !== undefined) info.name = meta.name;
      // A node an earlier block's definition made has no place in this block's text.
      if (meta?.upstreamBlock !== undefined) info.upstreamBlock = meta.upstreamBlock;
      else if (meta?.span) info.span = meta.span;
      // An input an earlier block binds (its annotation) belongs to that block too; this block may read it.
      const boundBy = record?.binding.blockIndex;
      if (info.upstreamBlock === undefined && boundBy !== undefined && boundBy !== state.ctx.blockIndex) info.upstreamBlock = boundBy;
      if (record?.binding.sampled) info.sampled = true;
      return info;
    });
  }
}

/**
 * A block's graph as the editor sees it. A block served again after an edit above it is the same
 * graph with its spans moved: `moved()` shares everything computed so far.
 */
export class BlockGraph {
  static readonly none = new BlockGraph(null, 0);
  private shifted?: NodeInfo[];

  private constructor(private readonly core: GraphCore | null, private readonly delta: number) {}

  static of(output: Tensor, state: BlockState): BlockGraph {
    return new BlockGraph(new GraphCore(output, state), 0);
  }

  /** The same graph with every span moved by `delta` characters (nodes made by earlier blocks' definitions
   *  have none). */
  moved(delta: number): BlockGraph {
    return delta === 0 || !this.core ? this : new BlockGraph(this.core, this.delta + delta);
  }

  /** The output's op name, or "input" / "constant" for a leaf; null without a graph. Builds nothing. */
  outputOp(): string | null {
    const t = this.core?.output;
    return t ? opName(t) : null;
  }

  /** Every node the output depends on, inputs before consumers. */
  nodes(): NodeInfo[] {
    if (!this.core) return [];
    const nodes = this.core.nodes();
    if (this.delta === 0) return nodes;
    return (this.shifted ??= nodes.map((n) => (n.span ? { ...n, span: shift(n.span, this.delta) } : n)));
  }

  node(id: number): NodeInfo | undefined {
    if (!this.core) return undefined;
    if (this.delta === 0) return this.core.node(id);
    return this.nodes().find((n) => n.id === id);
  }

  /** One per (input, consumer) edge, in the order the reverse sweep produced them. */
  edges(): EdgeInfo[] {
    return this.core ? this.core.edges() : [];
  }

  /** One per node, output first: what each step of the reverse sweep added to node_to_grad. */
  steps(): ReverseStepInfo[] {
    return this.core ? this.core.steps() : [];
  }

  /** The gradient graph reverse mode builds on this graph (ids are the engine's, shared with nodes()). */
  gradientGraph(): GradientGraph {
    return this.core ? this.core.gradientGraph() : { nodes: [] };
  }

  symbolicAdjoint(id: number): { unicode: string; latex: string } | undefined {
    return this.core?.symbolicAdjoint(id);
  }
}

function opName(t: Tensor): string {
  return t.op ? t.op.name : t.requiresGrad ? 'input' : 'constant';
}

function shift(s: Span, delta: number): Span {
  return { start: s.start + delta, end: s.end + delta };
}

/** Longest label made up for a node the source does not write; longer ones end in "…". */
const MAX_UNWRITTEN_LABEL = 40;

/**
 * A label for a node with no source text (`\|w\|_2^2` squares w as w·w; a derivative claim builds its
 * gradient graph): a leaf reads as its value, an operation as `op(inputs)` with its inputs' labels.
 * Trace order is topological, so the inputs are already labelled.
 */
function unwrittenLabel(t: Tensor, labels: ReadonlyMap<Tensor, string>): string {
  if (!t.op) return t.value.size === 1 ? String(t.value.data[0]) : `constant of shape (${t.shape.join(', ')})`;
  const text = `${t.op.name}(${t.inputs.map((x) => labels.get(x) ?? '…').join(', ')})`;
  return text.length <= MAX_UNWRITTEN_LABEL ? text : `${text.slice(0, MAX_UNWRITTEN_LABEL - 1)}…`;
}

/** The formula, followed by its shared subexpressions ("a·b + a where a = …"). */
function withDefinitions(f: Formula): string {
  return f.definitions.length === 0 ? f.text : `${f.text} where ${f.definitions.map((d) => `${d.name} = ${d.text}`).join(', ')}`;
}

/**
 * The plain-data part of a result: the output's value and the gradient of every differentiable input,
 * by one reverse sweep that keeps nothing: on the ScalarTape when the graph is all scalars, else gradValues.
 */
export function resultValues(output: Tensor, state: BlockState): { value: Nested; gradient: Record<string, Nested> } {
  const records = [...state.inputs.values()].filter((r) => r.differentiable);
  const wrt = records.map((r) => r.tensor);
  const gradient: Record<string, Nested> = {};
  const recorded = wrt.length > 0 ? recordScalarTape(output, wrt) : undefined;
  if (recorded && 'tape' in recorded) {
    const values = recorded.tape.gradient(recorded.output, recorded.inputs);
    records.forEach((r, i) => { gradient[r.binding.name] = values[i]; });
  } else {
    const values = gradValues(output, wrt);
    records.forEach((r, i) => { gradient[r.binding.name] = values[i].toNested(); });
  }
  return { value: output.value.toNested(), gradient };
}

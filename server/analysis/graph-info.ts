// From an output tensor to what the editor shows: nodes with values and adjoints, partial adjoints
// per edge, the node_to_grad steps of the reverse walk, forward tangents, the gradient.
import { forwardTangents, NDArray, reverseTrace, toFormula, type Formula, type Nested, type Tensor } from '../../engine';
import type { BlockState } from './state';
import type { BlockAnalysis, NodeInfo } from './types';

/** Symbolic adjoints are printed for inputs of graphs up to this size (printing is per input). */
const SYMBOLIC_NODE_LIMIT = 300;

type GraphPart = Pick<BlockAnalysis, 'nodes' | 'edges' | 'steps' | 'gradient' | 'value' | 'outputId' | 'reducedBySum'>;

export function graphInfo(output: Tensor, state: BlockState): GraphPart {
  const trace = reverseTrace(output);
  const inputsInOrder = [...state.inputs.values()].filter((r) => r.differentiable);
  const firstInput = inputsInOrder.find((r) => trace.adjoints.has(r.tensor));
  const tangents = firstInput ? forwardTangents(output, firstInput.tensor) : undefined;
  const symbolic = trace.order.length <= SYMBOLIC_NODE_LIMIT;

  const labels = new Map<Tensor, string>();
  const nodes: NodeInfo[] = trace.order.map((t) => {
    const meta = state.meta.get(t);
    const record = state.inputOf.get(t);
    const adjoint = trace.adjoints.get(t);
    const label = meta?.name ?? meta?.label ?? (meta?.span ? state.sourceText(meta.span) : t.label ?? unwrittenLabel(t, labels));
    labels.set(t, label);
    const info: NodeInfo = {
      id: t.id,
      label,
      op: t.op ? t.op.name : t.requiresGrad ? 'input' : 'constant',
      inputs: t.inputs.map((x) => x.id),
      value: t.value.toNested(),
      shape: [...t.shape],
      adjoint: adjoint ? adjoint.value.toNested() : NDArray.zeros(t.shape).toNested(),
    };
    if (meta?.name !== undefined) info.name = meta.name;
    // A node an earlier block's definition made has no place in this block's text.
    if (meta?.upstreamBlock !== undefined) info.upstreamBlock = meta.upstreamBlock;
    else if (meta?.span) info.span = meta.span;
    const tangent = tangents?.get(t);
    if (tangent) info.tangent = tangent.toNested();
    if (record?.binding.sampled) info.sampled = true;
    // Scalar inputs only for now: tensor adjoints print as scatter/gather terms nobody can read yet.
    if (record && adjoint && symbolic && t.shape.length === 0) printOnFirstRead(info, adjoint);
    return info;
  });

  const gradient: Record<string, Nested> = {};
  for (const r of inputsInOrder) {
    const adjoint = trace.adjoints.get(r.tensor);
    gradient[r.binding.name] = adjoint ? adjoint.value.toNested() : NDArray.zeros(r.tensor.shape).toNested();
  }

  return {
    nodes,
    edges: trace.edges.map((e) => ({ from: e.from.id, to: e.to.id, partialAdjoint: e.value.value.toNested() })),
    steps: trace.steps.map((s) => ({
      nodeId: s.node.id,
      nodeToGrad: s.nodeToGrad.map((entry) => ({ nodeId: entry.node.id, partials: entry.partials.map((p) => p.value.toNested()) })),
    })),
    gradient,
    value: output.value.toNested(),
    outputId: output.id,
    reducedBySum: output.shape.length > 0,
  };
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

/** Printing a formula costs more than everything else about a node, and few nodes are ever hovered:
 *  `symbolicAdjoint` is an enumerable getter that prints on first read and remembers the result. */
function printOnFirstRead(info: NodeInfo, adjoint: Tensor): void {
  let memo: { value: NodeInfo['symbolicAdjoint'] } | undefined;
  Object.defineProperty(info, 'symbolicAdjoint', {
    enumerable: true,
    configurable: true,
    get: () => (memo ??= { value: printed(adjoint) }).value,
  });
}

function printed(adjoint: Tensor): { unicode: string; latex: string } | undefined {
  try {
    return { unicode: withDefinitions(toFormula(adjoint, { style: 'unicode' })), latex: withDefinitions(toFormula(adjoint, { style: 'latex' })) };
  } catch {
    // Printing is a convenience; a graph it cannot print still has its numbers.
    return undefined;
  }
}

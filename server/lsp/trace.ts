// adjoint/trace: the lecture's evaluation trace table — node, definition, value, tangent v̇
// (forward mode, for one chosen input) and adjoint v̄ (reverse mode).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { forwardTangents } from '../../engine';
import { unicodeLabel } from '../../engine/formula/labels';
import type { BlockAnalysis, NodeInfo } from '../analysis';
import type { Nested, TraceData, TraceRow } from '../protocol';
import { rangeOf } from './diagnostics';
import { blockTitle } from './evaluable';
import { formatValue } from './format';
import { lectureNumbering, opFormula } from './lectureNames';

export function traceData(document: TextDocument, a: BlockAnalysis, requestedInput?: string): TraceData {
  // Integers (a size n, a class index y) are read, not differentiated: no tangent, no forward pass.
  const differentiable = a.inputs.filter((b) => b.name in a.gradient);
  const inputs = differentiable.map((b) => b.name);
  const tangentInput = requestedInput && inputs.includes(requestedInput) ? requestedInput : inputs[0] ?? null;
  const tangents = tangentInput ? tangentsFor(a, tangentInput) : null;
  const { order: nodes, names } = lectureNumbering(a.graph.nodes());
  const rows = nodes.map((n): TraceRow => ({
    nodeId: n.id,
    name: names.get(n.id)!,
    definition: definitionOf(n, names),
    valueText: formatValue(n.value),
    tangentText: tangents?.has(n.id) ? formatValue(tangents.get(n.id)) : '—',
    adjointText: formatValue(n.adjoint),
    range: n.span ? rangeOf(document, n.span) : undefined,
  }));
  return {
    uri: document.uri,
    blockIndex: a.block.index,
    title: blockTitle(a),
    inputs,
    tangentInput,
    rows,
    tangentDirectional: differentiable.some((b) => b.name === tangentInput && b.value.size > 1),
    forwardPasses: differentiable.reduce((total, b) => total + b.value.size, 0),
    reversePasses: 1,
    status: a.status,
    message: a.message,
  };
}

function definitionOf(n: NodeInfo, names: ReadonlyMap<number, string>): string {
  if (n.op === 'input') return `${unicodeLabel(n.name ?? n.label)} = ${formatValue(n.value)}`;
  if (n.op === 'constant') return formatValue(n.value);
  return opFormula(n.op, n.inputs.map((id) => names.get(id) ?? `#${id}`));
}

/**
 * v̇ of every node for a unit tangent on one input (all ones for a tensor input), by forward
 * mode on the block's own graph: rebuild() hands back the very tensors the nodes were made from.
 */
function tangentsFor(a: BlockAnalysis, inputName: string): Map<number, Nested> | null {
  const inputNode = a.graph.nodes().find((n) => n.op === 'input' && n.name === inputName);
  const rebuilt = inputNode ? a.rebuild() : null;
  const input = rebuilt?.inputs.find((t) => t.id === inputNode!.id);
  if (!rebuilt || !input) return null;
  const out = new Map<number, Nested>();
  for (const [tensor, tangent] of forwardTangents(rebuilt.output, input)) out.set(tensor.id, tangent.toNested());
  return out;
}

// adjoint/trace: the lecture's evaluation trace table — node, definition, value, tangent v̇
// (forward mode, for one chosen input) and adjoint v̄ (reverse mode).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { forwardTangents } from '../../engine';
import type { BlockAnalysis, NodeInfo } from '../analysis';
import type { Nested, TraceData, TraceRow } from '../protocol';
import { rangeOf } from './diagnostics';
import { blockTitle } from './evaluable';
import { formatValue } from './format';

export function traceData(document: TextDocument, a: BlockAnalysis, requestedInput?: string): TraceData {
  // Integers (a size n, a class index y) are read, not differentiated: no tangent, no forward pass.
  const differentiable = a.inputs.filter((b) => b.name in a.gradient);
  const inputs = differentiable.map((b) => b.name);
  const tangentInput = requestedInput && inputs.includes(requestedInput) ? requestedInput : inputs[0] ?? null;
  const tangents = tangentInput ? tangentsFor(a, tangentInput) : null;
  const { rows: nodes, names } = numberedRows([...a.graph.nodes()].sort((x, y) => x.id - y.id));
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

/**
 * The rows in the lecture's numbering: the n inputs first, as v_{1−n} … v_0 (x₁ → v_{-1}, x₂ → v_0 for two),
 * then the other nodes in evaluation order, v_1, v_2, … where the block does not name them. A note that
 * numbers its own nodes (v_1 = x_1, …) keeps its names and order: the inputs keep theirs too, and v_k are only
 * made up for unnamed nodes, skipping the note's.
 */
function numberedRows(evaluated: readonly NodeInfo[]): { rows: NodeInfo[]; names: Map<number, string> } {
  const taken = new Set(evaluated.map((n) => n.name).filter((x): x is string => x !== undefined));
  const notesOwn = [...taken].some((name) => /^v_/.test(name));
  const inputs = notesOwn ? [] : evaluated.filter((n) => n.op === 'input');
  const names = new Map<number, string>();
  inputs.forEach((n, i) => names.set(n.id, vName(i + 1 - inputs.length)));
  const rows = [...inputs, ...evaluated.filter((n) => !names.has(n.id))];
  let k = 1;
  for (const n of rows) {
    if (names.has(n.id)) continue;
    if (n.name) { names.set(n.id, n.name); continue; }
    while (taken.has(vName(k))) k++;
    names.set(n.id, vName(k++));
  }
  return { rows, names };
}

/** v_0, v_12 (the parser's canonical spelling of v_{12}, so the note's own names are recognised), v_{-1}. */
function vName(k: number): string {
  return k < 0 ? `v_{${k}}` : `v_${k}`;
}

// How the lecture's trace tables write the common ops (by number of operands).
const UNARY: Record<string, (a: string) => string> = { identity: (a) => a, neg: (a) => `−${a}`, log: (a) => `ln(${a})` };
const BINARY: Record<string, string> = { add: '+', sub: '−', mul: '·', div: '/', pow: '^', matmul: '@' };

function definitionOf(n: NodeInfo, names: Map<number, string>): string {
  if (n.op === 'input') return `${n.name ?? n.label} = ${formatValue(n.value)}`;
  if (n.op === 'constant') return formatValue(n.value);
  const args = n.inputs.map((id) => names.get(id) ?? `#${id}`);
  if (args.length === 1 && UNARY[n.op]) return UNARY[n.op](args[0]);
  if (args.length === 2 && BINARY[n.op]) return `${args[0]} ${BINARY[n.op]} ${args[1]}`;
  return `${n.op}(${args.join(', ')})`;
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

// adjoint/graph: a block's computational graph with values, adjoints and partial adjoints,
// the graph extended by reverse mode (the gradient graph the engine builds) and the reverse AD steps.
import type { BlockAnalysis, GradientNodeInfo, NodeInfo } from '../analysis';
import type { GraphData, GraphNode, ReverseStepData } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { rangeOf } from './diagnostics';
import { blockTitle } from './evaluable';
import { formatValue, panelValue } from './format';
import { adjointName, lectureNumbering, opFormula } from './lectureNames';
import { noteBlocks, placeText } from './notePlaces';
import { shownIn } from './sourceText';
import { SampledReach } from './sampled';

/** `analyzed`: the block's document, whose note tells which values rest on sampled inputs upstream too. */
export function graphData(analyzed: AnalyzedDocument, a: BlockAnalysis): GraphData {
  const { document } = analyzed;
  const graphNodes = a.graph.nodes();
  const graphEdges = a.graph.edges();
  const blocks = noteBlocks(analyzed);
  const sampled = new SampledReach(blocks).nodes(a);
  const place = placeText(analyzed);
  const upstreamPlace = (index: number) => {
    const upstream = blocks.find((b) => b.block.index === index);
    return upstream ? place(upstream.block.span.start) : 'an earlier block';
  };
  const { names } = lectureNumbering(graphNodes);
  const shown = shownIn(a.block);
  const nodes = graphNodes.map((n) => graphNode(analyzed, a, n, { sampled: sampled.has(n.id), shown: shown(n.name ?? n.label), lectureName: names.get(n.id) }, upstreamPlace));
  return {
    uri: document.uri,
    blockIndex: a.block.index,
    blockRange: rangeOf(document, a.block.span),
    title: blockTitle(a),
    outputId: a.outputId,
    reducedBySum: a.reducedBySum,
    nodes,
    edges: graphEdges.map((e) => ({ from: e.from, to: e.to, partialAdjoint: panelValue(e.partialAdjoint), partialAdjointText: formatValue(e.partialAdjoint) })),
    extended: extendedGraph(a, graphNodes, names),
    steps: stepsData(a),
    status: a.status,
    message: a.message,
  };
}

/** Longest label made up for a partial result of the gradient graph; longer ones end in "…". */
const MAX_PARTIAL_LABEL = 40;

/**
 * The gradient graph as the panel draws it, in the lecture's names (those of the trace): a node's final adjoint
 * reads "v̄₋₁" (several names when an add passes one v̄ on: "v̄₄ = v̄₂"), a partial result its formula over
 * forward values and adjoints ("v̄₄ · v₀", "cos(v₀)"). Too large to draw, it falls back to one v̄ per node.
 */
function extendedGraph(a: BlockAnalysis, forward: readonly NodeInfo[], names: ReadonlyMap<number, string>): GraphData['extended'] {
  const gradient = a.graph.gradientGraph();
  if ('unavailable' in gradient) return { ...mirror(a, forward, names), fallback: `The extended graph shows one v̄ per node: ${gradient.unavailable}.` };
  const byId = new Map(gradient.nodes.map((n) => [n.id, n]));
  const formulas = new Map<number, string>();
  // An operand by its name: a forward node's, an adjoint's v̄, a constant's value, else its own formula.
  const operand = (id: number): string => {
    const g = byId.get(id);
    if (!g) return names.get(id) ?? '…';
    if (g.adjointOf.length > 0) return adjointName(names.get(g.adjointOf[0]) ?? '…');
    return g.inputs.length === 0 ? formatValue(g.value) : formulaOf(g);
  };
  const formulaOf = (g: GradientNodeInfo): string => {
    let text = formulas.get(g.id);
    if (text === undefined) {
      text = opFormula(g.op, g.inputs.map(operand));
      formulas.set(g.id, text);
    }
    return text;
  };
  const labelOf = (g: GradientNodeInfo): string => {
    if (g.adjointOf.length > 0) return g.adjointOf.map((id) => adjointName(names.get(id) ?? '…')).join(' = ');
    const text = operand(g.id);
    return [...text].length <= MAX_PARTIAL_LABEL ? text : `${[...text].slice(0, MAX_PARTIAL_LABEL - 1).join('')}…`;
  };
  return {
    nodes: gradient.nodes.map((g): GraphNode => ({
      id: g.id,
      label: labelOf(g),
      shown: labelOf(g),
      op: g.op,
      kind: 'adjoint',
      shape: g.shape,
      value: panelValue(g.value),
      valueText: formatValue(g.value),
      adjoint: null,
      adjointText: '',
      adjointOf: g.adjointOf.length > 0 ? g.adjointOf : undefined,
      step: g.step,
    })),
    edges: gradient.nodes.flatMap((g) => g.inputs.map((from) => ({ from, to: g.id }))),
  };
}

/** One v̄ node per node (ids after the block's), and v̄_from computed from v̄_to for every edge from → to. */
function mirror(a: BlockAnalysis, forward: readonly NodeInfo[], names: ReadonlyMap<number, string>): GraphData['extended'] {
  const firstAdjointId = Math.max(0, ...forward.map((n) => n.id)) + 1;
  const adjointIdOf = new Map(forward.map((n, i) => [n.id, firstAdjointId + i]));
  return {
    nodes: forward.map((n): GraphNode => ({
      id: adjointIdOf.get(n.id)!,
      label: adjointName(names.get(n.id)!),
      shown: adjointName(names.get(n.id)!),
      op: 'adjoint',
      kind: 'adjoint',
      shape: n.shape,
      value: panelValue(n.adjoint),
      valueText: formatValue(n.adjoint),
      adjoint: null,
      adjointText: '',
      adjointOf: [n.id],
      step: n.id,
    })),
    edges: a.graph.edges().map((e) => ({ from: adjointIdOf.get(e.to)!, to: adjointIdOf.get(e.from)! })),
  };
}

/** The reverse steps, each with what it adds to node_to_grad; the output's step adds its seed, its own adjoint. */
function stepsData(a: BlockAnalysis): ReverseStepData[] {
  return a.graph.steps().map((s, k): ReverseStepData => {
    const adjointText = formatValue(a.graph.node(s.nodeId)?.adjoint);
    const added = s.added.map((p) => ({ nodeId: p.nodeId, partialText: formatValue(p.partial) }));
    return { nodeId: s.nodeId, adjointText, added: k === 0 ? [{ nodeId: s.nodeId, partialText: adjointText }, ...added] : added };
  });
}

function graphNode({ document }: AnalyzedDocument, a: BlockAnalysis, n: NodeInfo, written: Pick<GraphNode, 'sampled' | 'shown' | 'lectureName'>,
  upstreamPlace: (blockIndex: number) => string): GraphNode {
  const kind: GraphNode['kind'] = n.id === a.outputId ? 'output' : n.op === 'input' ? 'input' : n.op === 'constant' ? 'constant' : 'intermediate';
  return {
    id: n.id,
    label: n.label,
    name: n.name,
    op: n.op,
    kind,
    range: n.span ? rangeOf(document, n.span) : undefined,
    shape: n.shape,
    value: panelValue(n.value),
    valueText: formatValue(n.value),
    adjoint: panelValue(n.adjoint),
    adjointText: formatValue(n.adjoint),
    ...written,
    upstream: n.upstreamBlock === undefined ? undefined : { blockIndex: n.upstreamBlock, place: upstreamPlace(n.upstreamBlock) },
  };
}

/** Graphviz DOT of the graph: labels are quoted document text, never markup. `extended`: the gradient graph too. */
export function toDot(g: GraphData, options: { extended: boolean } = { extended: false }): string {
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const lines = [`digraph ${quote(g.title)} {`, '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const n of g.nodes) {
    const style = n.kind === 'output' ? ', style=bold' : n.kind === 'input' ? ', style=rounded' : '';
    const value = `value ${n.valueText}${n.sampled ? ' (sampled)' : ''}`;
    lines.push(`  n${n.id} [label=${quote(`${n.label}\n${value}\nadjoint ${n.adjointText}`)}${style}];`);
  }
  // What earlier blocks computed, one cluster per block.
  const clusters = new Map<number, GraphNode[]>();
  for (const n of g.nodes) {
    if (!n.upstream) continue;
    const members = clusters.get(n.upstream.blockIndex) ?? [];
    members.push(n);
    clusters.set(n.upstream.blockIndex, members);
  }
  for (const [index, members] of clusters) {
    lines.push(`  subgraph cluster_block${index} {`, `    label=${quote(`block on ${members[0].upstream!.place}`)}; style=dashed;`);
    lines.push(`    ${members.map((n) => `n${n.id};`).join(' ')}`, '  }');
  }
  for (const e of g.edges) lines.push(`  n${e.from} -> n${e.to} [label=${quote(e.partialAdjointText)}];`);
  // Reverse mode by extending the graph: its nodes compute from the adjoints and from the forward nodes
  // they read (engine tensor ids: one namespace with the forward graph's).
  if (options.extended && g.extended.nodes.length > 0) {
    const label = g.extended.fallback ? 'adjoints, one per node' : 'gradient graph: reverse mode by extending the graph';
    lines.push('  subgraph cluster_gradient {', `    label=${quote(label)}; style=dotted;`);
    for (const n of g.extended.nodes) lines.push(`    n${n.id} [label=${quote(`${n.label}\nvalue ${n.valueText}`)}, style=dashed];`);
    lines.push('  }');
    for (const e of g.extended.edges) lines.push(`  n${e.from} -> n${e.to} [style=dashed];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

// What the graph page draws, derived from the server's GraphData and the page's view options:
// the extended-graph toggle and the collapsed nodes (a collapsed node hides the ancestors that only feed it;
// what an earlier block computed starts collapsed).
import type { GraphData, GraphNode } from '../../server/protocol';

export interface DrawnEdge {
  from: number;
  to: number;
  /** The partial adjoint v̄_{from→to} (primal edges), null for the extended graph's edges. */
  label: string | null;
  /** primal: the forward graph; adjoint: within the gradient graph; reads: a forward value a gradient node reads. */
  kind: 'primal' | 'adjoint' | 'reads';
}

export interface VisibleGraph {
  nodes: GraphNode[];
  edges: DrawnEdge[];
  /** For each collapsed node that hides something: how many nodes it hides. */
  hiddenCounts: Map<number, number>;
}

export interface ViewOptions { extended: boolean; collapsed: ReadonlySet<number> }

export function visibleGraph(data: GraphData, options: ViewOptions): VisibleGraph {
  const hidden = hiddenByCollapse(data, options.collapsed);
  const nodes = data.nodes.filter((n) => !hidden.has(n.id));
  const edges: DrawnEdge[] = data.edges
    .filter((e) => !hidden.has(e.from) && !hidden.has(e.to))
    .map((e) => ({ from: e.from, to: e.to, label: e.partialAdjointText, kind: 'primal' }));
  if (options.extended) {
    // The edges into the gradient graph include forward nodes (the rules read forward values): drawn as `reads`.
    const adjointNodes = data.extended.nodes.filter((n) => n.adjointOf === undefined || n.adjointOf.some((id) => !hidden.has(id)));
    const gradient = new Set(adjointNodes.map((n) => n.id));
    const shown = new Set([...nodes.map((n) => n.id), ...gradient]);
    nodes.push(...adjointNodes);
    for (const e of data.extended.edges) {
      if (shown.has(e.from) && shown.has(e.to)) edges.push({ from: e.from, to: e.to, label: null, kind: gradient.has(e.from) ? 'adjoint' : 'reads' });
    }
  }
  const hiddenCounts = new Map<number, number>();
  for (const id of options.collapsed) {
    const count = [...ancestorsOf(data, id)].filter((a) => hidden.has(a)).length;
    if (count > 0) hiddenCounts.set(id, count);
  }
  return { nodes, edges, hiddenCounts };
}

/**
 * The nodes the page folds when it first shows a block: each node computed in an earlier block that
 * this block reads directly, when something of that earlier block feeds it. The note is one graph,
 * but a loss's panel should open on the loss, with the model one click away.
 */
export function upstreamFolds(data: GraphData): number[] {
  const upstream = new Set(data.nodes.filter((n) => n.upstream).map((n) => n.id));
  const feedsHere = new Set(data.edges.filter((e) => upstream.has(e.from) && !upstream.has(e.to)).map((e) => e.from));
  const hasInputs = new Set(data.edges.map((e) => e.to));
  return [...feedsHere].filter((id) => hasInputs.has(id));
}

/**
 * The primal nodes no longer reachable from the graph's sinks once the inputs of the collapsed nodes
 * are cut off. A node that also feeds something outside the collapsed subgraph stays visible.
 */
export function hiddenByCollapse(data: GraphData, collapsed: ReadonlySet<number>): Set<number> {
  const inputsOf = new Map<number, number[]>();
  const hasConsumer = new Set<number>();
  for (const e of data.edges) {
    const list = inputsOf.get(e.to) ?? [];
    list.push(e.from);
    inputsOf.set(e.to, list);
    hasConsumer.add(e.from);
  }
  const reached = new Set<number>();
  const stack = data.nodes.filter((n) => !hasConsumer.has(n.id)).map((n) => n.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    if (!collapsed.has(id)) stack.push(...(inputsOf.get(id) ?? []));
  }
  return new Set(data.nodes.map((n) => n.id).filter((id) => !reached.has(id)));
}

function ancestorsOf(data: GraphData, id: number): Set<number> {
  const found = new Set<number>();
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const e of data.edges) {
      if (e.to === current && !found.has(e.from)) { found.add(e.from); stack.push(e.from); }
    }
  }
  return found;
}

/**
 * The adjoint cell's text. A node reached by several pathways shows the sum of its partial adjoints,
 * as on the lecture's "multiple pathways" slide: "0.5 + 5 = 5.5".
 */
export function adjointCellText(data: GraphData, node: GraphNode): string {
  const partials = data.edges.filter((e) => e.from === node.id).map((e) => e.partialAdjointText);
  if (partials.length < 2) return node.adjointText;
  const sum = partials.map((p) => (p.startsWith('−') || p.startsWith('-') ? `(${p})` : p)).join(' + ');
  return sum.length <= 40 ? `${sum} = ${node.adjointText}` : `Σ ${partials.length} paths = ${node.adjointText}`;
}

/** The name a record, table or tooltip uses for a node: the block's own name when it has one, in short Unicode. */
export function displayName(node: GraphNode): string {
  return node.shown;
}

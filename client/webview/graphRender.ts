// Draws a laid-out graph as SVG. All document text goes into SVG text nodes (textContent).
import { MAX_EDGE_LABEL, type Layout, type PlacedEdge, type PlacedNode } from './graphLayout';
import { svg, truncate } from './dom';
import { displayName } from './graphModel';

export interface RenderCallbacks {
  onNodeClick(nodeId: number): void;
  onCollapseToggle(nodeId: number): void;
}

export interface RenderOptions {
  collapsed: ReadonlySet<number>;
  hiddenCounts: ReadonlyMap<number, number>;
  /** Nodes that feed another node: only those can be collapsed. */
  collapsible: ReadonlySet<number>;
}

/** Fills `layer` (the zoomed and panned group) with the edges, then the nodes on top. */
export function renderGraph(layer: SVGGElement, layout: Layout, options: RenderOptions, callbacks: RenderCallbacks): Map<number, SVGGElement> {
  layer.replaceChildren();
  const edgeLayer = svg('g', { class: 'edges' });
  const nodeLayer = svg('g', { class: 'nodes' });
  layer.append(edgeLayer, nodeLayer);
  const names = new Map(layout.nodes.map((n) => [n.node.id, displayName(n.node)]));
  for (const edge of layout.edges) edgeLayer.append(renderEdge(edge, names));
  const groups = new Map<number, SVGGElement>();
  for (const placed of layout.nodes) {
    const group = renderNode(placed, options, callbacks);
    groups.set(placed.node.id, group);
    nodeLayer.append(group);
  }
  return groups;
}

function renderEdge(placed: PlacedEdge, names: ReadonlyMap<number, string>): SVGGElement {
  const group = svg('g', {
    class: `edge edge-${placed.edge.kind}`,
    'data-from': placed.edge.from,
    'data-to': placed.edge.to,
  });
  group.append(svg('path', { class: 'edge-line', d: smoothPath(placed.points), 'marker-end': `url(#arrow-${placed.edge.kind})` }));
  if (placed.edge.label !== null) {
    const tooltip = `v̄ ${names.get(placed.edge.from)} → ${names.get(placed.edge.to)} = ${placed.edge.label}`;
    group.append(svg('title', {}, tooltip));
    group.append(svg('rect', {
      class: 'edge-label-bg', x: placed.labelX - placed.labelWidth / 2, y: placed.labelY - 8, width: placed.labelWidth, height: 16, rx: 3,
    }));
    const text = truncate(placed.edge.label, MAX_EDGE_LABEL);
    group.append(svg('text', { class: 'edge-label', x: placed.labelX, y: placed.labelY, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, text));
  }
  return group;
}

function renderNode(placed: PlacedNode, options: RenderOptions, callbacks: RenderCallbacks): SVGGElement {
  const { node } = placed;
  const group = svg('g', {
    class: `node kind-${node.kind}${node.sampled ? ' sampled' : ''}${node.upstream ? ' upstream' : ''}`,
    'data-node-id': node.id,
    'data-op': node.op,
    transform: `translate(${placed.x},${placed.y})`,
  });
  const from = node.upstream ? `
${node.kind === 'input' ? 'bound by' : 'computed in'} the block on ${node.upstream.place}` : '';
  const adjoint = node.kind === 'adjoint' ? '' : `
adjoint ${node.adjointText}`;   // a gradient-graph node's adjoint is not computed
  group.append(svg('title', {}, `${node.label}${node.name && node.name !== node.label ? ` (${node.name})` : ''}
value ${node.valueText}${node.sampled ? ' (sampled)' : ''}${adjoint}${from}`));
  group.append(svg('rect', { class: 'node-frame', width: placed.width, height: placed.height, rx: 4 }));
  group.append(svg('text', { class: 'node-title', ...placed.titleAt }, placed.title));
  group.append(svg('text', { class: 'node-subtitle', ...placed.subtitleAt }, placed.subtitle));
  for (const cell of placed.cells) {
    if (cell.separator) group.append(svg('line', { class: 'cell-separator', ...cell.separator }));
    group.append(svg('text', { class: 'cell-caption', ...cell.captionAt }, cell.caption));
    group.append(svg('text', { class: `cell-text ${cell.className}`, ...cell.textAt }, cell.text));
  }
  group.setAttribute('tabindex', '0');
  group.setAttribute('role', 'button');
  group.addEventListener('click', () => callbacks.onNodeClick(node.id));
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); callbacks.onNodeClick(node.id); }
  });
  if (options.collapsible.has(node.id)) group.append(collapseToggle(placed, options, callbacks));
  return group;
}

/** A small "−" / "+N" badge on the node's left edge: hides or shows the subgraph that only feeds this node. */
function collapseToggle(placed: PlacedNode, options: RenderOptions, callbacks: RenderCallbacks): SVGGElement {
  const collapsed = options.collapsed.has(placed.node.id);
  const hidden = options.hiddenCounts.get(placed.node.id) ?? 0;
  const text = collapsed ? `+${hidden}` : '−';
  const width = collapsed ? 8 + 7 * text.length : 14;
  const toggle = svg('g', { class: 'collapse-toggle', transform: `translate(${-width / 2},${placed.height / 2 - 7})` });
  toggle.append(svg('title', {}, collapsed ? `Show the ${hidden} hidden nodes feeding this one` : 'Collapse the nodes that only feed this one'));
  toggle.append(svg('rect', { width, height: 14, rx: 7 }));
  toggle.append(svg('text', { x: width / 2, y: 7, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, text));
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    callbacks.onCollapseToggle(placed.node.id);
  });
  return toggle;
}

/** Quadratic segments through the midpoints of dagre's control points: a smooth curve ending on the last point. */
function smoothPath(points: Array<{ x: number; y: number }>): string {
  if (points.length === 0) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mx = (points[i].x + points[i + 1].x) / 2;
    const my = (points[i].y + points[i + 1].y) / 2;
    d += ` Q${points[i].x},${points[i].y} ${mx},${my}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x},${last.y}`;
}

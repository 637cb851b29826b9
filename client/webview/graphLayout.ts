// Layout of the visible graph with dagre (left to right, inputs first, as the lecture draws it).
// Node records are sized from the measured width of their texts.
import dagre from '@dagrejs/dagre';
import type { GraphData, GraphNode } from '../../server/protocol';
import type { DrawnEdge, VisibleGraph } from './graphModel';
import { adjointCellText, displayName } from './graphModel';
import { truncate } from './dom';

export interface RecordCell { caption: string; text: string; className: string }
export interface PlacedNode {
  node: GraphNode;
  x: number; y: number; width: number; height: number;   // top-left corner
  title: string; subtitle: string;
  cells: Array<RecordCell & { x: number; width: number }>;
  titleWidth: number;
}
export interface PlacedEdge { edge: DrawnEdge; points: Array<{ x: number; y: number }>; labelX: number; labelY: number; labelWidth: number }
export interface Layout { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number }

export type MeasureText = (text: string, small: boolean) => number;

const CELL_PADDING = 10;
const NODE_HEIGHT = 40;
const EDGE_LABEL_HEIGHT = 16;
const MAX_TEXT = 32;
export const MAX_EDGE_LABEL = 20;   // the full partial adjoint is in the edge's tooltip

export function layoutGraph(data: GraphData, visible: VisibleGraph, measure: MeasureText): Layout {
  // A multigraph: x·x has two edges from x to the product.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  const effort = layoutEffort(visible.nodes.length);
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 40, edgesep: 10, marginx: 16, marginy: 16, ranker: effort.ranker });
  g.setDefaultEdgeLabel(() => ({}));

  const records = new Map<number, Omit<PlacedNode, 'x' | 'y'>>();
  for (const node of visible.nodes) {
    const record = recordOf(data, node, measure);
    records.set(node.id, record);
    g.setNode(String(node.id), { width: record.width, height: record.height });
  }
  // The reverse pass runs against the arrows: v̄ of an input is computed from v̄ of its consumers. Laid out
  // against their direction, the adjoint nodes line up under the primal nodes of the same rank (the
  // lecture's extended graph) instead of trailing after the output.
  const adjointIds = new Set(visible.nodes.filter((n) => n.kind === 'adjoint').map((n) => n.id));
  const laidOutBackwards = (edge: DrawnEdge): boolean => adjointIds.has(edge.from) && adjointIds.has(edge.to);
  const layoutEnds = (edge: DrawnEdge): [string, string] =>
    laidOutBackwards(edge) ? [String(edge.to), String(edge.from)] : [String(edge.from), String(edge.to)];
  visible.edges.forEach((edge, index) => {
    const [tail, head] = layoutEnds(edge);
    const label = edge.label === null ? '' : truncate(edge.label, MAX_EDGE_LABEL);
    g.setEdge(tail, head, {
      width: label ? measure(label, true) + 6 : 0,
      height: label ? EDGE_LABEL_HEIGHT : 0,
      labelpos: 'c',
      minlen: 1,
    }, String(index));
  });
  dagre.layout(g, { disableOptimalOrderHeuristic: effort.quickOrder });

  const nodes: PlacedNode[] = visible.nodes.map((node) => {
    const record = records.get(node.id)!;
    const placed = g.node(String(node.id));
    return { ...record, x: (placed.x ?? 0) - record.width / 2, y: (placed.y ?? 0) - record.height / 2 };
  });
  const edges: PlacedEdge[] = visible.edges.map((edge, index) => {
    const [tail, head] = layoutEnds(edge);
    const placed = g.edge(tail, head, String(index)) as { points?: Array<{ x: number; y: number }>; x?: number; y?: number; width?: number };
    const points = laidOutBackwards(edge) ? [...(placed.points ?? [])].reverse() : placed.points ?? [];
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { edge, points, labelX: placed.x ?? middle.x, labelY: placed.y ?? middle.y, labelWidth: placed.width ?? 0 };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/**
 * dagre's default ranker (network simplex) gives the tidiest picture but grows steeply: on a 500-node,
 * 1000-edge graph it took tens of seconds where 'tight-tree' takes about one; the crossing-reduction
 * heuristic is the next cost. Large graphs trade some tidiness for a panel that stays responsive.
 */
function layoutEffort(nodeCount: number): { ranker: 'network-simplex' | 'tight-tree'; quickOrder: boolean } {
  if (nodeCount <= 150) return { ranker: 'network-simplex', quickOrder: false };
  return { ranker: 'tight-tree', quickOrder: nodeCount > 300 };
}

/** The micrograd-style record `label | value | adjoint`; an adjoint node of the extended graph is `v̄ | value`. */
function recordOf(data: GraphData, node: GraphNode, measure: MeasureText): Omit<PlacedNode, 'x' | 'y'> {
  const title = truncate(displayName(node), MAX_TEXT);
  const shape = node.shape.length > 0 ? ` · ${node.shape.join('×')}` : '';
  const subtitle = node.kind === 'adjoint' ? 'adjoint' : `${node.op}${shape}`;
  const cellSpecs: RecordCell[] = node.kind === 'adjoint'
    ? [{ caption: 'value', text: truncate(node.adjointText || node.valueText, MAX_TEXT), className: 'cell-adjoint' }]
    : [
        { caption: 'value', text: truncate(node.valueText, MAX_TEXT), className: 'cell-value' },
        { caption: 'adjoint v̄', text: truncate(adjointCellText(data, node), 48), className: 'cell-adjoint' },
      ];
  const titleWidth = Math.max(measure(title, false), measure(subtitle, true)) + 2 * CELL_PADDING;
  let x = titleWidth;
  const cells = cellSpecs.map((cell) => {
    const width = Math.max(measure(cell.text, false), measure(cell.caption, true)) + 2 * CELL_PADDING;
    const placed = { ...cell, x, width };
    x += width;
    return placed;
  });
  return { node, width: x, height: NODE_HEIGHT, title, subtitle, cells, titleWidth };
}

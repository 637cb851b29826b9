// Layout of the visible graph with dagre (left to right, inputs first, as the lecture draws it).
// Node records are sized from the measured width of their texts.
import dagre from '@dagrejs/dagre';
import type { GraphData, GraphNode } from '../../server/protocol';
import type { DrawnEdge, VisibleGraph } from './graphModel';
import { adjointCellText, displayName } from './graphModel';
import { truncate } from './dom';

export interface RecordCell { caption: string; text: string; className: string }
export interface Point { x: number; y: number }
/** A record cell placed inside its node: its box, where its caption and text go, the line that separates it. */
export interface PlacedCell extends RecordCell {
  x: number; y: number; width: number; height: number;
  captionAt: Point; textAt: Point;
  /** The rule before the cell, if it has one. */
  separator?: { x1: number; y1: number; x2: number; y2: number };
}
export interface PlacedNode {
  node: GraphNode;
  x: number; y: number; width: number; height: number;   // top-left corner
  title: string; subtitle: string;
  titleAt: Point; subtitleAt: Point;
  cells: PlacedCell[];
}
export interface PlacedEdge { edge: DrawnEdge; points: Point[]; labelX: number; labelY: number; labelWidth: number }

/**
 * How the graph is drawn. 'LR' with 'wide' records (`label | value | adjoint` side by side) is the lecture's
 * picture; a narrow panel gets 'stacked' records (value and adjoint under the label) and may run top to bottom.
 */
export interface LayoutStyle { direction: 'LR' | 'TB'; record: 'wide' | 'stacked' }
export const LECTURE_STYLE: LayoutStyle = { direction: 'LR', record: 'wide' };

export interface Layout { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number; style: LayoutStyle }

export type MeasureText = (text: string, small: boolean) => number;

const CELL_PADDING = 10;
const NODE_HEIGHT = 40;
const STACKED_ROW_HEIGHT = 18;
const STACKED_TITLE_HEIGHT = 22;
const CAPTION_GAP = 8;
const EDGE_LABEL_HEIGHT = 16;
const MAX_TEXT = 32;
export const MAX_EDGE_LABEL = 20;   // the full partial adjoint is in the edge's tooltip

export function layoutGraph(data: GraphData, visible: VisibleGraph, measure: MeasureText, style: LayoutStyle = LECTURE_STYLE): Layout {
  // A multigraph: x·x has two edges from x to the product.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  const effort = layoutEffort(visible.nodes.length);
  g.setGraph({ rankdir: style.direction, nodesep: 18, ranksep: 40, edgesep: 10, marginx: 16, marginy: 16, ranker: effort.ranker });
  g.setDefaultEdgeLabel(() => ({}));

  const records = new Map<number, Omit<PlacedNode, 'x' | 'y'>>();
  for (const node of visible.nodes) {
    const record = style.record === 'wide' ? wideRecord(data, node, measure) : stackedRecord(data, node, measure);
    records.set(node.id, record);
    g.setNode(String(node.id), { width: record.width, height: record.height });
  }
  // The reverse pass runs against the arrows: v̄ of an input is computed from v̄ of its consumers. Laid out
  // against their direction, the adjoint nodes line up under the primal nodes of the same rank (the
  // lecture's extended graph) instead of trailing after the output. An edge from a forward value into the
  // gradient graph keeps its direction: what a rule reads sits before it.
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
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0, style };
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

type NodeRecord = Omit<PlacedNode, 'x' | 'y'>;

/** The cells' texts; `brief` is the caption a stacked record uses (its rows have the room of one caption column). */
function recordTexts(data: GraphData, node: GraphNode): { title: string; subtitle: string; cells: Array<RecordCell & { brief: string }> } {
  const title = truncate(displayName(node), MAX_TEXT);
  const shape = node.shape.length > 0 ? ` · ${node.shape.join('×')}` : '';
  const from = node.upstream ? ` · ${node.upstream.place}` : '';
  const subtitle = `${node.op}${shape}${node.sampled ? ' · sampled' : ''}${from}`;
  const cells = node.kind === 'adjoint'
    ? [{ caption: 'value', brief: 'value', text: truncate(node.valueText, MAX_TEXT), className: 'cell-adjoint' }]
    : [
        { caption: 'value', brief: 'value', text: truncate(node.valueText, MAX_TEXT), className: 'cell-value' },
        { caption: 'adjoint v̄', brief: 'v̄', text: truncate(adjointCellText(data, node), 48), className: 'cell-adjoint' },
      ];
  return { title, subtitle, cells };
}

/** The micrograd-style record `label | value | adjoint`; a node of the extended graph is `label | value`. */
function wideRecord(data: GraphData, node: GraphNode, measure: MeasureText): NodeRecord {
  const { title, subtitle, cells: specs } = recordTexts(data, node);
  let x = Math.max(measure(title, false), measure(subtitle, true)) + 2 * CELL_PADDING;
  const cells = specs.map(({ caption, text, className }): PlacedCell => {
    const width = Math.max(measure(text, false), measure(caption, true)) + 2 * CELL_PADDING;
    const placed = {
      caption, text, className, x, y: 0, width, height: NODE_HEIGHT,
      captionAt: { x: x + CELL_PADDING, y: 14 }, textAt: { x: x + CELL_PADDING, y: 30 },
      separator: { x1: x, y1: 0, x2: x, y2: NODE_HEIGHT },
    };
    x += width;
    return placed;
  });
  return { node, width: x, height: NODE_HEIGHT, title, subtitle, titleAt: { x: CELL_PADDING, y: 17 }, subtitleAt: { x: CELL_PADDING, y: 32 }, cells };
}

/**
 * The same record folded for a narrow panel: the label and op on the first row, then one row per cell
 * (caption, then its text), so a node is about as wide as its longest text instead of all of them together.
 */
function stackedRecord(data: GraphData, node: GraphNode, measure: MeasureText): NodeRecord {
  const { title, subtitle, cells: texts } = recordTexts(data, node);
  const specs = texts.map(({ brief, text, className }) => ({ caption: brief, text, className }));
  const titleWidth = measure(title, false) + CAPTION_GAP + measure(subtitle, true);
  const captionWidth = Math.max(...specs.map((cell) => measure(cell.caption, true))) + CAPTION_GAP;
  const textWidth = Math.max(...specs.map((cell) => measure(cell.text, false)));
  const width = Math.max(titleWidth, captionWidth + textWidth) + 2 * CELL_PADDING;
  const baseline = 13;
  const cells = specs.map((cell, i): PlacedCell => {
    const y = STACKED_TITLE_HEIGHT + i * STACKED_ROW_HEIGHT;
    return {
      ...cell, x: 0, y, width, height: STACKED_ROW_HEIGHT,
      captionAt: { x: CELL_PADDING, y: y + baseline }, textAt: { x: CELL_PADDING + captionWidth, y: y + baseline },
      // One rule under the title row; the cell rows read as a small table without more rules.
      ...(i === 0 ? { separator: { x1: 0, y1: y, x2: width, y2: y } } : {}),
    };
  });
  const height = STACKED_TITLE_HEIGHT + specs.length * STACKED_ROW_HEIGHT + 4;
  const titleAt = { x: CELL_PADDING, y: 15 };
  return { node, width, height, title, subtitle, titleAt, subtitleAt: { x: CELL_PADDING + measure(title, false) + CAPTION_GAP, y: 15 }, cells };
}

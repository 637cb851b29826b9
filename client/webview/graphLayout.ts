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
  const records = new Map<number, NodeRecord>();
  for (const node of visible.nodes) records.set(node.id, style.record === 'wide' ? wideRecord(data, node, measure) : stackedRecord(data, node, measure));
  const isGradient = (node: GraphNode): boolean => node.kind === 'adjoint';
  const forward = layoutBand(visible.nodes.filter((n) => !isGradient(n)), visible.edges.filter((e) => e.kind === 'primal'), records, measure, style.direction);
  const gradientNodes = visible.nodes.filter(isGradient);
  if (gradientNodes.length === 0) return { ...forward, style };
  // The lecture's extended graph: the gradient graph in a band of its own, under the forward graph (beside it when
  // that runs top to bottom) and laid out against the forward direction, as the reverse pass runs: v̄ of the output
  // on the far side, v̄ of the inputs under the inputs. The edges from forward values into it cross between the bands.
  const across = style.direction === 'LR';
  const gradient = layoutBand(gradientNodes, visible.edges.filter((e) => e.kind === 'adjoint'), records, measure, across ? 'RL' : 'BT');
  const dx = across ? 0 : forward.width + BAND_GAP;
  const dy = across ? forward.height + BAND_GAP : 0;
  for (const n of gradient.nodes) { n.x += dx; n.y += dy; }
  for (const e of gradient.edges) {
    e.points = e.points.map((p) => ({ x: p.x + dx, y: p.y + dy }));
    e.labelX += dx; e.labelY += dy;
  }
  const placed = new Map([...forward.nodes, ...gradient.nodes].map((n) => [n.node.id, n]));
  const reads = visible.edges.filter((e) => e.kind === 'reads' && placed.has(e.from) && placed.has(e.to))
    .map((edge): PlacedEdge => crossingEdge(edge, placed.get(edge.from)!, placed.get(edge.to)!, across));
  return {
    nodes: [...forward.nodes, ...gradient.nodes],
    edges: [...forward.edges, ...gradient.edges, ...reads],
    width: across ? Math.max(forward.width, gradient.width) : dx + gradient.width,
    height: across ? dy + gradient.height : Math.max(forward.height, gradient.height),
    style,
  };
}

/** Room between the forward graph and the gradient graph. */
const BAND_GAP = 48;

/** One graph laid out by dagre: the forward graph, or the gradient graph (`RL`/`BT`, against the forward arrows). */
function layoutBand(bandNodes: GraphNode[], bandEdges: DrawnEdge[], records: ReadonlyMap<number, NodeRecord>, measure: MeasureText,
  direction: 'LR' | 'TB' | 'RL' | 'BT'): Omit<Layout, 'style'> {
  if (bandNodes.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  // A multigraph: x·x has two edges from x to the product.
  const g = new dagre.graphlib.Graph({ multigraph: true });
  const effort = layoutEffort(bandNodes.length);
  g.setGraph({ rankdir: direction, nodesep: 18, ranksep: 40, edgesep: 10, marginx: 16, marginy: 16, ranker: effort.ranker });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of bandNodes) {
    const record = records.get(node.id)!;
    g.setNode(String(node.id), { width: record.width, height: record.height });
  }
  bandEdges.forEach((edge, index) => {
    const label = edge.label === null ? '' : truncate(edge.label, MAX_EDGE_LABEL);
    g.setEdge(String(edge.from), String(edge.to), {
      width: label ? measure(label, true) + 6 : 0,
      height: label ? EDGE_LABEL_HEIGHT : 0,
      labelpos: 'c',
      minlen: 1,
    }, String(index));
  });
  dagre.layout(g, { disableOptimalOrderHeuristic: effort.quickOrder });

  const nodes: PlacedNode[] = bandNodes.map((node) => {
    const record = records.get(node.id)!;
    const placed = g.node(String(node.id));
    return { ...record, x: (placed.x ?? 0) - record.width / 2, y: (placed.y ?? 0) - record.height / 2 };
  });
  const edges: PlacedEdge[] = bandEdges.map((edge, index) => {
    const placed = g.edge(String(edge.from), String(edge.to), String(index)) as { points?: Point[]; x?: number; y?: number; width?: number };
    const points = placed.points ?? [];
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { edge, points, labelX: placed.x ?? middle.x, labelY: placed.y ?? middle.y, labelWidth: placed.width ?? 0 };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/** An edge from a forward value into the gradient graph: out of the forward node's side that faces the
 *  gradient band, into the facing side of the node that reads it. */
function crossingEdge(edge: DrawnEdge, from: PlacedNode, to: PlacedNode, across: boolean): PlacedEdge {
  const start = across ? { x: from.x + from.width / 2, y: from.y + from.height } : { x: from.x + from.width, y: from.y + from.height / 2 };
  const end = across ? { x: to.x + to.width / 2, y: to.y } : { x: to.x, y: to.y + to.height / 2 };
  const bend = across ? [{ x: start.x, y: (start.y + end.y) / 2 }, { x: end.x, y: (start.y + end.y) / 2 }]
    : [{ x: (start.x + end.x) / 2, y: start.y }, { x: (start.x + end.x) / 2, y: end.y }];
  return { edge, points: [start, ...bend, end], labelX: end.x, labelY: end.y, labelWidth: 0 };
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
  // The lecture's name (v₁, as in the trace) leads, unless the node goes by it already.
  const lecture = node.lectureName && node.lectureName !== title ? `${node.lectureName} · ` : '';
  const subtitle = `${lecture}${node.op}${shape}${node.sampled ? ' · sampled' : ''}${from}`;
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

// The graph panel's page: the block's computational graph (dagre layout, SVG), the extended graph toggle,
// the reverse-pass stepper, zoom/pan/collapse kept in the webview state, selection both ways, SVG export.
import type { GraphData } from '../../server/protocol';
import type { FromGraphPage, PanelRef, ToGraphPage } from './messages';
import { button, html, svg } from './dom';
import { layoutGraph, LECTURE_STYLE, type Layout, type LayoutStyle, type MeasureText } from './graphLayout';
import { upstreamFolds, visibleGraph, type VisibleGraph } from './graphModel';
import { renderGraph } from './graphRender';
import { GraphViewport, type ViewTransform } from './graphViewport';
import { ReverseStepper } from './reverseStepper';
import { exportSvg } from './svgExport';
import { vscodeApi } from './vscodeApi';

interface GraphPageState {
  ref: PanelRef | null;
  view: ViewTransform | null;
  /** The view is the page's own fit (not zoomed or panned by the user): a resized panel fits again. */
  fitted: boolean;
  extended: boolean;
  collapsed: number[];
  /** The reverse-pass drawer of a narrow panel is open. */
  drawerOpen: boolean;
}

const vscode = vscodeApi<GraphPageState>();
const state: GraphPageState = { ref: null, view: null, fitted: false, extended: false, collapsed: [], drawerOpen: false, ...vscode.getState() };
const post = (message: FromGraphPage): void => vscode.postMessage(message);
const saveState = (): void => vscode.setState(state);

let data: GraphData | null = null;
let layout: Layout | null = null;
let nodeGroups = new Map<number, SVGGElement>();
let highlighted: number | null = null;
let stepNodes: { stepping: boolean; current: number | null; done: ReadonlySet<number> } = { stepping: false, current: null, done: new Set() };

// ---- page chrome ----
const title = html('span', { class: 'title' }, 'Computational graph');
const extendedToggle = checkbox('Extended graph', 'Add the gradient graph reverse mode builds: the adjoint nodes v̄ and what computes them', 'extended', (on) => {
  state.extended = on;
  state.view = null;   // the graph changes size: fit it again
  saveState();
  render();
});
const pinToggle = checkbox('Pin', 'Keep showing this block when the cursor moves to another one', 'pin', (on) => {
  if (state.ref) state.ref.pinned = on;
  saveState();
  post({ type: 'pin', pinned: on });
});
const stepper = new ReverseStepper((current, done) => {
  stepNodes = { stepping: current !== null, current, done };
  applyNodeClasses();
});
const toolbar = html('header', { class: 'toolbar' });
toolbar.append(
  title, extendedToggle.label, pinToggle.label, stepper.toolbar,
  button('Fit', 'Show the whole graph, or as much of it as is readable', () => fitView(), { 'data-action': 'fit' }),
  button('Export SVG', 'Save the graph as an SVG file', () => post({ type: 'svg', svg: currentSvg(), requestId: null }), { 'data-action': 'export-svg' }),
  button('Export DOT', 'Save the graph as a Graphviz DOT file', () => post({ type: 'exportDot', extended: state.extended }), { 'data-action': 'export-dot' }),
  button('Copy DOT', 'Copy the graph as Graphviz DOT', () => post({ type: 'copyDot', extended: state.extended }), { 'data-action': 'copy-dot' }),
);
const message = html('div', { class: 'message', role: 'status' }, 'Waiting for the analysis…');
const surface = svg('svg', { id: 'graph-surface', class: 'graph-surface' });
const layer = svg('g', { id: 'viewport' });
surface.append(arrowMarkers(), layer);
const graphArea = html('main', { class: 'graph-area' });
graphArea.append(surface);
// The reverse pass: a column beside the graph in a wide panel, a drawer under it in a narrow one (graph.css).
const drawerToggle = button('Reverse pass', 'Show or hide the reverse pass and its node_to_grad table', () => setDrawerOpen(!state.drawerOpen), {
  class: 'drawer-toggle', 'data-action': 'reverse-pass',
});
const side = html('aside', { class: 'side' });
side.append(drawerToggle, stepper.panel);
const content = html('div', { class: 'content' });
content.append(graphArea, side);
document.getElementById('app')!.append(toolbar, message, content);
extendedToggle.input.checked = state.extended;
pinToggle.input.checked = state.ref?.pinned ?? false;
setDrawerOpen(state.drawerOpen);

const viewport = new GraphViewport(surface, layer, (view) => {
  state.view = view;
  state.fitted = false;
  saveState();
});
const measure = textMeasurer();

// A panel resized (or shown after opening hidden) while the user has not moved the view: lay out and fit again.
let resizePending = false;
new ResizeObserver(() => {
  if (!state.fitted || resizePending) return;
  resizePending = true;
  requestAnimationFrame(() => {
    resizePending = false;
    if (!state.fitted) return;
    state.view = null;
    render();
  });
}).observe(graphArea);

window.addEventListener('message', (event: MessageEvent<ToGraphPage>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'graph': return receiveGraph(msg.data, msg.pinned);
    case 'highlight': highlighted = msg.nodeId; return applyNodeClasses();
    case 'requestSvg': return post({ type: 'svg', svg: currentSvg(), requestId: msg.requestId });
    case 'error': return showMessage(msg.message);
    case 'blockDeleted': return clearDeletedBlock(msg.message);
  }
});
post({ type: 'ready' });

function receiveGraph(received: GraphData, pinned: boolean): void {
  const sameBlock = state.ref?.uri === received.uri && state.ref.blockIndex === received.blockIndex;
  const ids = new Set(received.nodes.map((n) => n.id));
  state.ref = { uri: received.uri, blockIndex: received.blockIndex, pinned };
  state.collapsed = sameBlock ? state.collapsed.filter((id) => ids.has(id)) : upstreamFolds(received);
  if (!sameBlock) state.view = null;
  saveState();
  pinToggle.input.checked = pinned;
  content.hidden = false;
  toolbar.classList.remove('no-graph');
  data = received;
  title.textContent = received.title;
  title.title = received.title;
  render();
  stepper.setData(received, sameBlock);
}

/** The block is gone: nothing of its graph stays on screen or in an export. */
function clearDeletedBlock(text: string): void {
  if (state.ref) state.ref.blockDeleted = true;
  saveState();
  data = null;
  layout = null;
  nodeGroups = new Map();
  layer.replaceChildren();
  content.hidden = true;
  toolbar.classList.add('no-graph');   // no stepping or export of a graph that is gone; the Pin toggle stays
  title.textContent = 'Computational graph';
  title.title = '';
  showMessage(text);
}

function render(): void {
  if (!data) return;
  showMessage(graphMessage(data));
  const collapsed = new Set(state.collapsed);
  const visible = visibleGraph(data, { extended: state.extended, collapsed });
  layout = bestLayout(data, visible);
  const collapsible = new Set(data.edges.map((e) => e.to));
  nodeGroups = renderGraph(layer, layout, { collapsed, hiddenCounts: visible.hiddenCounts, collapsible }, {
    onNodeClick: revealNode,
    onCollapseToggle: (id) => {
      state.collapsed = collapsed.has(id) ? state.collapsed.filter((c) => c !== id) : [...state.collapsed, id];
      saveState();
      render();
    },
  });
  applyNodeClasses();
  // A view the page fitted itself is fitted again: the graph may have changed size.
  if (state.view && !state.fitted) viewport.set(state.view);
  else fitView();
}

/** What the page says above the graph: why there is none, or what to know about the one drawn. */
function graphMessage(graph: GraphData): string | null {
  if (graph.status !== 'ok' || graph.nodes.length === 0) return graph.message ?? 'This block has no computational graph.';
  const notes = [
    graph.reducedBySum ? 'The output is not a scalar: its adjoints seed v̄ = 1 everywhere (the sum is differentiated).' : null,
    state.extended ? graph.extended.fallback ?? null : null,
  ].filter((note) => note !== null);
  return notes.length > 0 ? notes.join(' ') : null;
}

function revealNode(id: number): void {
  if (!data) return;
  const all = [...data.nodes, ...data.extended.nodes];
  const node = all.find((n) => n.id === id);
  // An adjoint node of the extended graph stands for its primal node's source.
  const range = node?.range ?? all.find((n) => n.id === node?.adjointOf?.[0])?.range;
  if (range) post({ type: 'reveal', range });
}

function applyNodeClasses(): void {
  // A node of the extended graph follows the step state of the step that computes it.
  const primalOf = new Map((data?.extended.nodes ?? []).map((n) => [n.id, n.step ?? n.id]));
  for (const [id, group] of nodeGroups) {
    const stepId = primalOf.get(id) ?? id;
    group.classList.toggle('highlighted', id === highlighted);
    group.classList.toggle('step-current', stepId === stepNodes.current);
    group.classList.toggle('step-done', stepNodes.done.has(stepId));
    // While stepping, an adjoint not yet computed is dimmed.
    group.classList.toggle('step-pending', stepNodes.stepping && stepId !== stepNodes.current && !stepNodes.done.has(stepId));
  }
  // An edge's partial adjoint v̄_{i→j} is known once its consumer j has been processed.
  for (const edge of Array.from(layer.querySelectorAll<SVGGElement>('.edge-primal'))) {
    const to = Number(edge.dataset.to);
    edge.classList.toggle('step-active', to === stepNodes.current);
    edge.classList.toggle('step-pending', stepNodes.stepping && to !== stepNodes.current && !stepNodes.done.has(to));
  }
}

/** Past this many nodes the page lays out in the lecture's style only (trying the others costs too much). */
const OVERVIEW_NODES = 60;
/** The lecture's picture is kept while it fits at this zoom or more. */
const COMFORTABLE_ZOOM = 0.85;

/** The lecture's picture first, then records folded for a narrow panel, left to right or top to bottom. */
const STYLES: LayoutStyle[] = [LECTURE_STYLE, { direction: 'LR', record: 'stacked' }, { direction: 'TB', record: 'stacked' }];

/**
 * The lecture's picture when the whole graph fits the graph area comfortably; otherwise the style that
 * shows the whole graph largest (up to its natural size: beyond that nothing reads better).
 */
function bestLayout(graph: GraphData, visible: VisibleGraph): Layout {
  const box = surface.getBoundingClientRect();
  if (visible.nodes.length === 0 || visible.nodes.length > OVERVIEW_NODES || box.width === 0 || box.height === 0) {
    return layoutGraph(graph, visible, measure);
  }
  let best: { layout: Layout; zoom: number } | null = null;
  for (const style of STYLES) {
    const candidate = layoutGraph(graph, visible, measure, style);
    const zoom = Math.min(box.width / candidate.width, box.height / candidate.height, 1);
    if (style === LECTURE_STYLE && zoom >= COMFORTABLE_ZOOM) return candidate;
    if (!best || zoom > best.zoom) best = { layout: candidate, zoom };
  }
  return best!.layout;
}

/** The whole graph, or as much of it as fits at a readable size (the first view, the Fit button, a resize). */
function fitView(): void {
  // dagre reports an infinite size for an empty graph.
  if (!layout || layout.nodes.length === 0) return;
  viewport.fit(layout.width, layout.height);
  state.fitted = true;
  saveState();
}

function setDrawerOpen(open: boolean): void {
  state.drawerOpen = open;
  side.classList.toggle('open', open);
  drawerToggle.setAttribute('aria-expanded', String(open));
  saveState();
}

function currentSvg(): string {
  return layout ? exportSvg(surface, layer, layout.width, layout.height) : '';
}

function showMessage(text: string | null): void {
  message.textContent = text ?? '';
  message.hidden = text === null;
}

function checkbox(text: string, tooltip: string, action: string, onChange: (on: boolean) => void): { label: HTMLLabelElement; input: HTMLInputElement } {
  const input = html('input', { type: 'checkbox', 'data-action': action });
  input.addEventListener('change', () => onChange(input.checked));
  const label = html('label', { class: 'toggle', title: tooltip });
  label.append(input, document.createTextNode(` ${text}`));
  return { label, input };
}

function arrowMarkers(): SVGDefsElement {
  const defs = svg('defs');
  for (const kind of ['primal', 'adjoint', 'reads']) {
    // userSpaceOnUse: a thicker (highlighted) edge keeps a normal-sized arrow head.
    const marker = svg('marker', { id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrow-head arrow-${kind}` }));
    defs.append(marker);
  }
  return defs;
}

/** Text widths measured with a canvas in the font the SVG texts use (cached: labels repeat). */
function textMeasurer(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(surface).fontFamily || 'monospace';
  const cache = new Map<string, number>();
  return (text, small) => {
    const key = `${small ? 's' : 'n'}${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (context) {
        context.font = small ? `10px ${family}` : `600 12px ${family}`;
        width = context.measureText(text).width;
      } else {
        width = text.length * (small ? 6.5 : 7.8);
      }
      cache.set(key, width);
    }
    return width;
  };
}

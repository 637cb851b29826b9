// The graph panel (extension side): one panel, reused; it asks the server for the block's GraphData,
// selects a node's source when it is clicked, highlights the node under the cursor, and exports.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportDotRequest, graphRequest, type BlockParams, type BlockRef, type GraphData } from '../../server/protocol';
import type { FromGraphPage, PanelRef, ToGraphPage, WireRange } from '../webview/messages';
import { BlockPanel, contains } from './blockPanel';
import { saveExport } from './saveExport';

export const GRAPH_VIEW_TYPE = 'adjoint.graph';
const SVG_TIMEOUT_MS = 10000;

export class GraphPanel extends BlockPanel<GraphData> {
  static current: GraphPanel | undefined;
  protected readonly titlePrefix = 'Graph';
  private svgRequests = new Map<number, (svg: string) => void>();
  private nextSvgRequest = 1;

  static create(context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef): GraphPanel {
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Adjoint Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    return new GraphPanel(panel, context, client, { ...ref, pinned: false });
  }

  /** Restores a panel after a reload from the state its page kept. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient, ref: PanelRef): GraphPanel {
    return new GraphPanel(panel, context, client, ref);
  }

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient, ref: PanelRef) {
    super(panel, context, client, ref, 'graph');
    GraphPanel.current?.dispose();
    GraphPanel.current = this;
  }

  protected request(params: BlockParams): Promise<GraphData | null> {
    return Promise.resolve(this.client.sendRequest(graphRequest, params));
  }

  protected postData(data: GraphData): void {
    this.post({ type: 'graph', data, pinned: this.ref.pinned });
  }

  protected postError(message: string): void {
    this.post({ type: 'error', message });
  }

  protected postBlockDeleted(message: string): void {
    this.post({ type: 'blockDeleted', message });
  }

  /** The `_adjoint.setGraphPinned` command: the same as the page's Pin toggle. */
  pin(pinned: boolean): void {
    this.setPinned(pinned, true);
  }

  /** Highlights the innermost node whose source contains the cursor. */
  protected override onCursor(position: WireRange['start']): void {
    if (!this.data) return;
    const around = this.data.nodes
      .filter((n) => n.range && contains(n.range, position))
      .sort((a, b) => rangeSize(a.range!) - rangeSize(b.range!));
    this.post({ type: 'highlight', nodeId: around[0]?.id ?? null });
  }

  protected onPageMessage(message: { type: string }): void {
    const msg = message as FromGraphPage;
    switch (msg.type) {
      case 'ready': return this.pageIsReady();
      case 'reveal': void this.reveal(msg.range); return;
      case 'pin': return this.setPinned(msg.pinned, false);
      case 'svg': return this.receiveSvg(msg.svg, msg.requestId);
      case 'exportDot': void this.exportDot(msg.extended); return;
      case 'copyDot': void this.copyDot(msg.extended); return;
    }
  }

  /** The page's SVG of the current graph (the page owns the layout). */
  async requestSvg(): Promise<string> {
    await this.pageShowsData;
    const requestId = this.nextSvgRequest++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.svgRequests.delete(requestId);
        reject(new Error('the graph panel did not answer'));
      }, SVG_TIMEOUT_MS);
      this.svgRequests.set(requestId, (svg) => { clearTimeout(timer); resolve(svg); });
      this.post({ type: 'requestSvg', requestId });
    });
  }

  private receiveSvg(svg: string, requestId: number | null): void {
    if (requestId === null) {
      if (svg) void saveExport(this.ref, svg, 'svg');
      return;
    }
    this.svgRequests.get(requestId)?.(svg);
    this.svgRequests.delete(requestId);
  }

  private async exportDot(extended: boolean): Promise<void> {
    const dot = await this.dot(extended);
    if (dot !== null) await saveExport(this.ref, dot, 'dot');
  }

  private async copyDot(extended: boolean): Promise<void> {
    const dot = await this.dot(extended);
    if (dot === null) return;
    await vscode.env.clipboard.writeText(dot);
    void vscode.window.showInformationMessage('Adjoint: the graph is on the clipboard as DOT.');
  }

  private async dot(extended: boolean): Promise<string | null> {
    if (!this.data) {   // nothing shown (the block was deleted): never another block's graph
      void vscode.window.showWarningMessage('Adjoint: this panel shows no graph to export.');
      return null;
    }
    const dot = await this.client.sendRequest(exportDotRequest, { textDocument: { uri: this.ref.uri }, blockIndex: this.ref.blockIndex, extended });
    if (dot === null) void vscode.window.showWarningMessage('Adjoint: this block has no graph to export.');
    return dot;
  }

  private post(message: ToGraphPage): void {
    void this.panel.webview.postMessage(message);
  }

  override dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    super.dispose();
  }
}

function rangeSize(range: WireRange): number {
  return (range.end.line - range.start.line) * 1e6 + (range.end.character - range.start.character);
}

/** `Adjoint: Show Computational Graph` and the `Show graph` lens: the panel for this block, created or reused. */
export async function showGraphPanel(context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef): Promise<GraphPanel> {
  const existing = GraphPanel.current;
  if (existing) {
    existing.panel.reveal(undefined, true);
    await existing.showBlock(ref);
    return existing;
  }
  return GraphPanel.create(context, client, ref);
}

/** `Adjoint: Export Graph` as SVG: the graph panel draws it, then it is saved next to the document. */
export async function exportGraphSvg(context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef): Promise<void> {
  const panel = await showGraphPanel(context, client, ref);
  try {
    const svg = await panel.requestSvg();
    if (!svg) { void vscode.window.showWarningMessage('Adjoint: this block has no graph to export.'); return; }
    await saveExport(ref, svg, 'svg');
  } catch (error) {
    void vscode.window.showErrorMessage(`Adjoint: could not export the graph as SVG (${error instanceof Error ? error.message : String(error)}).`);
  }
}

export { registerPanelSerializers } from './serializers';

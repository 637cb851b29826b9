// The evaluation trace view (extension side): the lecture's tables for one block, the tangent input
// chosen in the page.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { traceRequest, type BlockParams, type BlockRef, type TraceData } from '../../server/protocol';
import type { FromTracePage, PanelRef, ToTracePage } from '../webview/messages';
import { BlockPanel } from './blockPanel';

export const TRACE_VIEW_TYPE = 'adjoint.trace';

export class TracePanel extends BlockPanel<TraceData> {
  static current: TracePanel | undefined;
  protected readonly titlePrefix = 'Trace';
  private tangentInput: string | undefined;

  static create(context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef): TracePanel {
    const panel = vscode.window.createWebviewPanel(TRACE_VIEW_TYPE, 'Adjoint Trace', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    return new TracePanel(panel, context, client, { ...ref, pinned: false });
  }

  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient, ref: PanelRef): TracePanel {
    return new TracePanel(panel, context, client, ref);
  }

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient, ref: PanelRef) {
    super(panel, context, client, ref, 'trace');
    TracePanel.current?.dispose();
    TracePanel.current = this;
  }

  /** The chosen input belongs to one block: another block starts from its own first input. */
  override async showBlock(ref: { uri: string; blockIndex: number }): Promise<void> {
    if (ref.uri !== this.ref.uri || ref.blockIndex !== this.ref.blockIndex) this.tangentInput = undefined;
    await super.showBlock(ref);
  }

  protected request(params: BlockParams): Promise<TraceData | null> {
    return Promise.resolve(this.client.sendRequest(traceRequest, { ...params, tangentInput: this.tangentInput }));
  }

  protected postData(data: TraceData): void {
    this.tangentInput = data.tangentInput ?? undefined;
    this.post({ type: 'trace', data });
  }

  protected postError(message: string): void {
    this.post({ type: 'error', message });
  }

  protected postBlockDeleted(message: string): void {
    this.post({ type: 'blockDeleted', message });
  }

  protected onPageMessage(message: { type: string }): void {
    const msg = message as FromTracePage;
    switch (msg.type) {
      case 'ready': return this.pageIsReady();
      case 'reveal': void this.reveal(msg.range); return;
      case 'tangentInput':
        this.tangentInput = msg.name;
        void this.load();
        return;
    }
  }

  private post(message: ToTracePage): void {
    void this.panel.webview.postMessage(message);
  }

  override dispose(): void {
    if (TracePanel.current === this) TracePanel.current = undefined;
    super.dispose();
  }
}

/** `Adjoint: Show Evaluation Trace` and the `Show trace` lens. */
export async function showTracePanel(context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef): Promise<TracePanel> {
  const existing = TracePanel.current;
  if (existing) {
    existing.panel.reveal(undefined, true);
    await existing.showBlock(ref);
    return existing;
  }
  return TracePanel.create(context, client, ref);
}

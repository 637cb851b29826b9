// Restores the graph and trace panels after a window reload, from the block reference their pages kept
// in the webview state: a pinned panel comes back pinned to its block, or saying that it was deleted.
// (package.json needs "onWebviewPanel:adjoint.graph" / "onWebviewPanel:adjoint.trace" activation events
// so the extension is activated for them.)
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PanelRef } from '../webview/messages';
import { GRAPH_VIEW_TYPE, GraphPanel } from './graphPanel';
import { panelRefOf } from './panelRef';
import { TRACE_VIEW_TYPE, TracePanel } from './tracePanel';

export function registerPanelSerializers(context: vscode.ExtensionContext, client: LanguageClient): void {
  const restore = (revive: (panel: vscode.WebviewPanel, ref: PanelRef) => unknown): vscode.WebviewPanelSerializer => ({
    async deserializeWebviewPanel(panel, state: unknown) {
      const ref = panelRefOf(state);
      if (ref) revive(panel, ref);
      else panel.dispose();   // nothing to show: no block was ever loaded in it
    },
  });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, restore((panel, ref) => GraphPanel.revive(panel, context, client, ref))),
    vscode.window.registerWebviewPanelSerializer(TRACE_VIEW_TYPE, restore((panel, ref) => TracePanel.revive(panel, context, client, ref))),
  );
}

// `Adjoint: Export Graph`: DOT comes from the server; SVG from the graph panel, which owns the layout.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportDotRequest, type BlockRef } from '../server/protocol';
import { exportGraphSvg } from './panels/graphPanel';
import { saveExport } from './panels/saveExport';

export async function exportGraphCommand(context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef): Promise<void> {
  const format = await vscode.window.showQuickPick(
    [{ label: 'DOT', description: 'Graphviz source', format: 'dot' as const }, { label: 'SVG', description: 'the drawn graph, as in the panel', format: 'svg' as const }],
    { title: 'Adjoint: Export Graph', placeHolder: 'Format' },
  );
  if (!format) return;
  if (format.format === 'svg') { await exportGraphSvg(context, client, ref); return; }
  const dot = await client.sendRequest(exportDotRequest, { textDocument: { uri: ref.uri }, blockIndex: ref.blockIndex });
  if (dot === null) { void vscode.window.showWarningMessage('Adjoint: this block has no graph to export.'); return; }
  await saveExport(ref, dot, 'dot');
}

// Saving an exported graph next to its document.
import * as vscode from 'vscode';

export async function saveExport(ref: { uri: string; blockIndex: number }, text: string, format: 'svg' | 'dot'): Promise<void> {
  const source = vscode.Uri.parse(ref.uri);
  const target = await vscode.window.showSaveDialog({
    defaultUri: source.scheme === 'file' ? vscode.Uri.file(source.fsPath.replace(/\.[^./\\]*$/, '') + `-block${ref.blockIndex + 1}.${format}`) : undefined,
    filters: format === 'svg' ? { SVG: ['svg'] } : { Graphviz: ['dot', 'gv'] },
    title: `Export graph as ${format.toUpperCase()}`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  void vscode.window.showInformationMessage(`Adjoint: graph saved to ${vscode.workspace.asRelativePath(target)}.`);
}

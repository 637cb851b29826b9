// `Adjoint: Pin Sampled Values`: applies the server's quick fix for the block at the cursor.
import * as vscode from 'vscode';
import { pinSampledTitle } from '../server/protocol';

export async function pinSampledCommand(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider', editor.document.uri, editor.selection, vscode.CodeActionKind.QuickFix.value,
  );
  const pin = actions?.find((a) => a.title === pinSampledTitle && a.edit);
  if (!pin?.edit) {
    void vscode.window.showInformationMessage('Adjoint: no sampled values in the block at the cursor.');
    return;
  }
  await vscode.workspace.applyEdit(pin.edit);
}

// Which block a command acts on: the BlockRef a CodeLens passed, else the evaluable block at
// the cursor, else one the user picks from the document's evaluable blocks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { blocksRequest, type BlockRef, type BlockSummary } from '../server/protocol';

export function isBlockRef(x: unknown): x is BlockRef {
  return typeof x === 'object' && x !== null && typeof (x as BlockRef).uri === 'string' && typeof (x as BlockRef).blockIndex === 'number';
}

export async function resolveBlock(client: LanguageClient, arg: unknown, purpose: string): Promise<BlockRef | undefined> {
  if (isBlockRef(arg)) return arg;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(`Adjoint: open a Markdown, LaTeX or autodiff file to ${purpose.toLowerCase()}.`);
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const blocks = (await client.sendRequest(blocksRequest, { textDocument: { uri } })).filter((b) => b.evaluable);
  if (blocks.length === 0) {
    void vscode.window.showInformationMessage('Adjoint: this file has no block with inputs to differentiate.');
    return undefined;
  }
  const cursor = client.code2ProtocolConverter.asPosition(editor.selection.active);
  const here = blocks.find((b) => contains(b, cursor));
  if (here) return { uri, blockIndex: here.index };
  const picked = await vscode.window.showQuickPick(
    blocks.map((b) => ({ label: b.title, description: `line ${b.range.start.line + 1}`, block: b })),
    { title: `Adjoint: ${purpose}`, placeHolder: 'Which block?' },
  );
  return picked ? { uri, blockIndex: picked.block.index } : undefined;
}

function contains(b: BlockSummary, p: { line: number; character: number }): boolean {
  const { start, end } = b.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

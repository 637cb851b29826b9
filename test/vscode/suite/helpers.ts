// Shared by the in-host tests: open a workspace fixture, find positions by text, poll until the
// language server has answered, flatten hover/inlay/lens results to plain text.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'adjoint.adjoint';
/** The server starts and analyses asynchronously: every first request is polled up to this long. */
export const SERVER_READY_MS = 45_000;

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace folder is not open (the harness passes test/vscode/workspace)');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The position `offset` characters into the first occurrence of `needle` (after `after`, when given). */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, after = ''): vscode.Position {
  const text = doc.getText();
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, Math.max(from, 0));
  if (from < 0 || at < 0) throw new Error(`fixture ${doc.fileName} does not contain ${JSON.stringify(needle)}${after ? ` after ${JSON.stringify(after)}` : ''}`);
  return doc.positionAt(at + offset);
}

/** Polls `probe` until it returns a value that `accept` takes; fails with the last value seen. */
export async function waitFor<T>(what: string, probe: () => Thenable<T> | T, accept: (v: T) => boolean, timeoutMs = SERVER_READY_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (e) { lastError = e; }
    await new Promise((r) => setTimeout(r, 250));
  }
  const seen = lastError ? `last error: ${String(lastError)}` : `last value: ${JSON.stringify(last)?.slice(0, 400)}`;
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (${seen})`);
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export function hoverAt(doc: vscode.TextDocument, position: vscode.Position): Thenable<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
}

export function codeLenses(doc: vscode.TextDocument): Thenable<vscode.CodeLens[]> {
  // the second argument resolves up to that many lenses, so titles are filled in
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
}

export function lensTitles(lenses: vscode.CodeLens[] | undefined): string[] {
  return (lenses ?? []).map((l) => l.command?.title ?? '');
}

export function inlayLabels(doc: vscode.TextDocument): Thenable<string[]> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, whole)
    .then((hints) => (hints ?? []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))));
}

/** Activates the extension under test (it is loaded from the development path). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this VS Code (is package.json's publisher.name right?)`);
  await ext.activate();
  return ext;
}

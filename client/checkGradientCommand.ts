// `Adjoint: Check Gradient`: a cancellable progress notification fed by the server's $/progress.
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { checkGradientRequest, type BlockRef, type CheckResult } from '../server/protocol';

let nextToken = 0;

export async function checkGradientCommand(client: LanguageClient, ref: BlockRef): Promise<CheckResult | null> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Adjoint: checking gradient', cancellable: true },
    async (progress, cancel) => {
      const workDoneToken = `adjoint-check-${Date.now()}-${nextToken++}`;
      let reported = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percent = value.percentage ?? reported;
        progress.report({ increment: Math.max(0, percent - reported), message: value.message });
        reported = Math.max(reported, percent);
      });
      try {
        return await client.sendRequest(checkGradientRequest, { textDocument: { uri: ref.uri }, blockIndex: ref.blockIndex, workDoneToken }, cancel);
      } finally {
        listener.dispose();
      }
    },
  );
  if (result) await announce(client, result);
  return result;
}

async function announce(client: LanguageClient, r: CheckResult): Promise<void> {
  if (r.cancelled) { void vscode.window.showInformationMessage('Adjoint: gradient check cancelled.'); return; }
  if (r.message) { void vscode.window.showWarningMessage(`Adjoint: ${r.summary}`); return; }
  const perInput = r.inputs.map((i) => `${i.passed ? '✓' : '✗'} ${i.name}: rel err ${i.maxRelError.toExponential(1)}${i.stepWidened ? `, step ${i.step.toExponential(0)}` : ''}`).join(' · ');
  if (r.passed) { void vscode.window.showInformationMessage(`Adjoint: ${r.summary} (${perInput})`); return; }
  const show = r.blame?.range ? 'Show node' : undefined;
  const choice = await vscode.window.showWarningMessage(`Adjoint: ${r.summary} (${perInput})`, ...(show ? [show] : []));
  if (choice && r.blame?.range) {
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(r.uri));
    const range = client.protocol2CodeConverter.asRange(r.blame.range);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range);
  }
}

// One listener for the server's analysisChanged notification, shared by every open panel: a language
// client keeps a single handler per notification method, so each panel registering its own would
// replace the others'.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { analysisChangedNotification } from '../../server/protocol';

type AnalysisChanged = { uri: string; version: number };
const emitters = new WeakMap<LanguageClient, vscode.EventEmitter<AnalysisChanged>>();

export function onAnalysisChanged(client: LanguageClient, listener: (event: AnalysisChanged) => void): vscode.Disposable {
  let emitter = emitters.get(client);
  if (!emitter) {
    const created = new vscode.EventEmitter<AnalysisChanged>();
    client.onNotification(analysisChangedNotification, (event) => created.fire(event));
    emitters.set(client, created);
    emitter = created;
  }
  return emitter.event(listener);
}

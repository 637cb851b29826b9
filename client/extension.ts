// The Adjoint extension: starts the language server over IPC and registers the commands.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerPanelSerializers } from './panels/graphPanel';

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const started = performance.now();
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Markdown matches notebook cells too. The server's notebook sync (capability notebookDocumentSync,
    // jupyter-notebook) makes the client send a notebook's cells together as one note, and never also
    // as separate documents; hovers, lenses and inlay hints in a cell are asked for by its cell URI.
    // A Python cell whose first line is `%%autodiff` is an autodiff block: its cells are included.
    documentSelector: [
      ...['markdown', 'latex', 'autodiff'].map((language) => ({ language })),
      { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' },
    ],
    // Tells the server it may put MathJax-rendered SVG images into hovers.
    initializationOptions: { client: 'vscode' },
  };
  const languageClient = new LanguageClient('adjoint', 'Adjoint', serverOptions, clientOptions);
  client = languageClient;
  registerCommands(context, languageClient);
  registerPanelSerializers(context, languageClient);
  context.subscriptions.push(languageClient);
  // Startup cost, visible to users in the "Adjoint" output channel (issue 4 target: activation ≤ 150 ms, see BENCHMARKS.md).
  const logStartup = (what: string) => languageClient.outputChannel.appendLine(`Adjoint: ${what} in ${(performance.now() - started).toFixed(1)} ms`);
  // Not awaited: activation stays fast; requests sent meanwhile wait for the server to start.
  void languageClient.start().then(
    () => logStartup('language server ready'),
    () => undefined, // the language client reports a failed start itself
  );
  logStartup('activated');
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

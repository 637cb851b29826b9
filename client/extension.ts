// The Adjoint extension: starts the language server over IPC and registers the commands.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerPanelSerializers } from './panels/graphPanel';

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['markdown', 'latex', 'autodiff'].map((language) => ({ language })),
    // Tells the server it may put MathJax-rendered SVG images into hovers.
    initializationOptions: { client: 'vscode' },
  };
  client = new LanguageClient('adjoint', 'Adjoint', serverOptions, clientOptions);
  registerCommands(context, client);
  registerPanelSerializers(context, client);
  context.subscriptions.push(client);
  // Not awaited: activation stays fast; requests sent meanwhile wait for the server to start.
  void client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

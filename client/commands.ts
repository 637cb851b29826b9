// Every command of the extension, registered from this one table; the context owns them all.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, type BlockRef } from '../server/protocol';
import { resolveBlock } from './blockTarget';
import { checkGradientCommand } from './checkGradientCommand';
import { exportGraphCommand } from './exportGraphCommand';
import { GraphPanel, showGraphPanel } from './panels/graphPanel';
import { showTracePanel } from './panels/tracePanel';
import { pinSampledCommand } from './pinSampledCommand';

/** Internal (a leading `_` keeps it out of the palette): what the graph page's Pin toggle does, for
 *  keybindings and the in-host tests, which cannot click inside a webview. Argument: pinned (boolean). */
export const SET_GRAPH_PINNED = '_adjoint.setGraphPinned';

type BlockCommand = (context: vscode.ExtensionContext, client: LanguageClient, ref: BlockRef) => unknown;

/** Commands that act on one block: the CodeLens passes a BlockRef; the palette resolves the cursor or asks. */
const blockCommands: Array<{ id: string; purpose: string; run: BlockCommand }> = [
  { id: Commands.checkGradient, purpose: 'Check Gradient', run: (_context, client, ref) => checkGradientCommand(client, ref) },
  { id: Commands.showGraph, purpose: 'Show Computational Graph', run: showGraphPanel },
  { id: Commands.showTrace, purpose: 'Show Evaluation Trace', run: showTracePanel },
  { id: Commands.exportGraph, purpose: 'Export Graph', run: exportGraphCommand },
];

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  for (const { id, purpose, run } of blockCommands) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const ref = await resolveBlock(client, arg, purpose);
      return ref ? run(context, client, ref) : undefined;
    }));
  }
  context.subscriptions.push(vscode.commands.registerCommand(Commands.pinSampled, pinSampledCommand));
  // Works whether the server runs, crashed, or was given up on after repeated crashes (restart() starts a stopped client).
  context.subscriptions.push(vscode.commands.registerCommand(Commands.restartServer, () => client.restart()));
  context.subscriptions.push(vscode.commands.registerCommand(SET_GRAPH_PINNED, (pinned: unknown) => {
    GraphPanel.current?.pin(pinned === true);
    return GraphPanel.current !== undefined;
  }));
}

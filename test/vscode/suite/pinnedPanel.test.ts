// A graph panel pinned to a block stays on that block while the note is edited around it and in it
// (issue 5: it used to be keyed by block index, so a block inserted above switched it to another block).
// The panel's title names the block it shows ("Graph: w = \ln(x_1) + x_2"); each step waits for the title of
// the pinned block *after* an edit inside it, which only appears if the panel reloaded and stayed on it.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands, type BlockRef } from '../../../server/protocol';
import { activateExtension, codeLenses, openFixture, positionOf, waitFor } from './helpers';

const SET_GRAPH_PINNED = '_adjoint.setGraphPinned';

function graphTabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Graph'))
    .map((t) => t.label);
}

function waitForGraphTitle(title: string): Promise<string[]> {
  return waitFor(`the graph panel titled ${JSON.stringify(title)}`, graphTabLabels, (labels) => labels.length === 1 && labels[0] === title);
}

/** Applies the replacements as one edit: one change event with one content change per replacement. */
async function edit(doc: vscode.TextDocument, ...replacements: Array<[vscode.Range, string]>): Promise<void> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const [range, text] of replacements) workspaceEdit.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(workspaceEdit), 'the edit was applied');
}

function rangeOfText(doc: vscode.TextDocument, needle: string, after = ''): vscode.Range {
  const start = positionOf(doc, needle, 0, after);
  return new vscode.Range(start, doc.positionAt(doc.offsetAt(start) + needle.length));
}

describe('a pinned graph panel stays on its block while the note is edited', () => {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;

  before(async () => {
    await activateExtension();
    doc = await openFixture('pinned-blocks.md');
    editor = await vscode.window.showTextDocument(doc);
    await waitFor('the CodeLenses of the note', () => codeLenses(doc), (ls) => ls.length >= 3);
  });

  after(async () => {
    await doc.save();   // the run's own copy of the fixture: saving keeps closing the editor free of a dialog
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens on the second block and pins it', async () => {
    const ref: BlockRef = { uri: doc.uri.toString(), blockIndex: 1 };
    await vscode.commands.executeCommand(Commands.showGraph, ref);
    await waitForGraphTitle('Graph: w = \\ln(x_1) + x_2');
    assert.equal(await vscode.commands.executeCommand(SET_GRAPH_PINNED, true), true, 'a graph panel was there to pin');
  });

  it('a block inserted above and a term typed inside it, in one change event: the panel shows the edited block', async () => {
    const top = positionOf(doc, '<!--');
    await edit(doc,
      [new vscode.Range(top, top), '$$\nq = x_1 + x_2\n$$\n\n'],
      [rangeOfText(doc, '+ x_2', 'w = '), '+ x_2 \\cdot x_2'],
    );
    // keyed by index, block 2 would now be u = x_1 \cdot x_2
    await waitForGraphTitle('Graph: w = \\ln(x_1) + x_2 \\cdot x_2');
  });

  it('the cursor in another block, a block added below, the pinned block edited again: it stays on it', async () => {
    const inZ = positionOf(doc, 'z = ', 2);
    editor.selection = new vscode.Selection(inZ, inZ);
    await edit(doc, [new vscode.Range(doc.lineAt(doc.lineCount - 1).range.end, doc.lineAt(doc.lineCount - 1).range.end), '\n$$\nr = x_1 - x_2\n$$\n']);
    await edit(doc, [rangeOfText(doc, 'x_2 \\cdot x_2', 'w = '), 'x_2^2']);
    await waitForGraphTitle('Graph: w = \\ln(x_1) + x_2^2');
  });

  it('with CRLF line ends, blocks removed above: it stays on it', async () => {
    // VS Code reports the switch as one change replacing the whole text
    assert.ok(await editor.edit((builder) => builder.setEndOfLine(vscode.EndOfLine.CRLF)), 'the line ends were changed');
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const above = new vscode.Range(doc.positionAt(doc.getText().indexOf('$$')), doc.positionAt(doc.getText().indexOf('$$\r\nw = ')));
    await edit(doc, [above, '']);   // q and u (with its annotation) are gone: the pinned block is the first one now
    await edit(doc, [rangeOfText(doc, 'x_2^2', 'w = '), 'x_2^3']);
    await waitForGraphTitle('Graph: w = \\ln(x_1) + x_2^3');
  });

  async function deletePinnedBlock(): Promise<void> {
    const text = doc.getText();
    const start = text.indexOf('$$\r\nw = ');
    const end = text.indexOf('$$', text.indexOf('w = ')) + '$$\r\n\r\n'.length;
    await edit(doc, [new vscode.Range(doc.positionAt(start), doc.positionAt(end)), '']);
  }

  it('the pinned block deleted: the panel says so instead of showing another block', async () => {
    await deletePinnedBlock();
    await waitForGraphTitle('Graph: block deleted');
  });

  it('the deletion undone: the block is back, and so is its graph', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitForGraphTitle('Graph: w = \\ln(x_1) + x_2^3');
    await deletePinnedBlock();
    await waitForGraphTitle('Graph: block deleted');
  });

  it('unpinned, it follows the cursor again', async () => {
    const inZ = positionOf(doc, 'z = ', 2);
    editor.selection = new vscode.Selection(inZ, inZ);
    assert.equal(await vscode.commands.executeCommand(SET_GRAPH_PINNED, false), true);
    await waitForGraphTitle('Graph: z = \\sin(x_1) \\cdot x_2');
  });
});

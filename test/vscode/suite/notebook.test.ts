// A Jupyter notebook in VS Code's notebook editor (code-server's built-in ipynb extension):
// x_1 and x_2 are defined in cell 0's prose, the lecture's y in cell 2's `equation` environment,
// q = y² in cell 3. Hover in the Markdown cell, Check gradient on it, the graph panel opened from it
// and following the cursor into the next cell.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { BlockRef, CheckResult } from '../../../server/protocol';
import { activateExtension, codeLenses, hoverAt, hoverText, waitFor } from './helpers';

const X1 = 2, X2 = 5;
const DY_DX2 = X1 - Math.cos(X2);

describe('a Jupyter notebook: Markdown cells are one note', () => {
  let cell: vscode.TextDocument;
  before(async () => {
    await activateExtension();
    const folder = vscode.workspace.workspaceFolders![0];
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder.uri, 'lecture.ipynb'));
    const editor = await vscode.window.showNotebookDocument(notebook);
    cell = notebook.cellAt(2).document;
    assert.equal(cell.languageId, 'markdown');
    // A Markdown cell shows its source (and CodeLenses) in edit mode, as a user opens it with Enter.
    editor.selections = [new vscode.NotebookRange(2, 3)];
    await vscode.commands.executeCommand('notebook.cell.edit');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it(`hover on x_2 in the equation shows ∂y/∂x_2 = ${DY_DX2.toFixed(4)}… and the cell that defined it`, async () => {
    const text = cell.getText();
    const at = cell.positionAt(text.indexOf('x_2', text.indexOf('y =')));
    const hover = await waitFor('a hover on x_2 in the cell', () => hoverAt(cell, at).then(hoverText), (t) => t.length > 0);
    const adjointLine = hover.split('\n').find((l) => /adjoint/i.test(l) && !/symbolic|partial/i.test(l)) ?? '';
    assert.ok(adjointLine.includes(DY_DX2.toFixed(3)), `expected the adjoint ${DY_DX2.toFixed(4)}…; hover was:\n${hover}`);
    assert.match(hover, /cell 0/, 'the hover says x_2 comes from cell 0');
  });

  it('Check gradient on the cell passes for x_1 and x_2', async () => {
    const lenses = await waitFor('the cell\'s CodeLenses', () => codeLenses(cell), (ls) => ls.some((l) => l.command?.title === 'Check gradient'));
    const lens = lenses.find((l) => l.command?.title === 'Check gradient')!.command!;
    assert.equal((lens.arguments?.[0] as BlockRef).uri, cell.uri.toString(), 'the lens names the cell');
    const result = await vscode.commands.executeCommand<CheckResult | null>(lens.command, ...(lens.arguments ?? []));
    assert.ok(result, 'the command returned no result');
    assert.equal(result.passed, true, result.summary);
    assert.deepEqual(result.inputs.map((i) => i.name).sort(), ['x_1', 'x_2']);
  });

  it('Show graph from the cell opens the graph panel for its block', async () => {
    const lenses = await waitFor('the Show graph lens', () => codeLenses(cell), (ls) => ls.some((l) => l.command?.title === 'Show graph'));
    const lens = lenses.find((l) => l.command?.title === 'Show graph')!.command!;
    await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label);
    await waitFor('a "Graph: y = \\ln(x_1) …" tab', tabs, (ls) => ls.some((l) => /^Graph: y = \\ln\(x_1\)/.test(l)));
  });

  it('the graph panel follows the cursor into the next cell', async () => {
    const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('lecture.ipynb'))!;
    const editor = await vscode.window.showNotebookDocument(notebook);
    editor.selections = [new vscode.NotebookRange(3, 4)];
    await vscode.commands.executeCommand('notebook.cell.edit');
    const next = notebook.cellAt(3).document;
    const cellEditor = await waitFor('an editor on cell 3', () => vscode.window.visibleTextEditors.find((e) => e.document === next), (e) => e !== undefined);
    const at = next.positionAt(next.getText().indexOf('y^2'));
    cellEditor!.selection = new vscode.Selection(at, at);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label);
    const labels = await waitFor('the graph tab titled "Graph: q = y^2"', tabs, (ls) => ls.some((l) => /^Graph: q = y\^2/.test(l)));
    assert.ok(!labels.some((l) => /^Graph: y = /.test(l)), `the panel moved, not a second one: ${JSON.stringify(labels)}`);
  });

  it('the code cell is not math: no lenses, no hover', async () => {
    const code = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('lecture.ipynb'))!.cellAt(1).document;
    assert.deepEqual(await codeLenses(code), []);
  });
});

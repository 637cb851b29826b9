// The commands, run as the CodeLens runs them (with the block it names): the gradient check
// passes and its verdict appears as a lens; the graph and trace open as webview panels.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands, type BlockRef, type CheckResult } from '../../../server/protocol';
import { activateExtension, codeLenses, hoverAt, hoverText, lensTitles, openFixture, positionOf, waitFor } from './helpers';

async function lensNamed(doc: vscode.TextDocument, title: string): Promise<vscode.Command> {
  const lenses = await waitFor(`the "${title}" CodeLens`, () => codeLenses(doc), (ls) => ls.some((l) => l.command?.title === title));
  return lenses.find((l) => l.command?.title === title)!.command!;
}

function webviewTabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label);
}

/** Waits for a webview tab whose label names the panel kind and the example block ("Graph: y = \ln(x_1) + …"). */
function waitForPanel(kind: 'Graph' | 'Trace'): Promise<string[]> {
  const label = new RegExp(`^${kind}: y = \\\\ln\\(x_1\\)`);
  return waitFor(`a webview tab titled "${kind}: y = \\ln(x_1) …"`, webviewTabLabels, (ls) => ls.some((l) => label.test(l)));
}

describe('commands on y = ln(x_1) + x_1 x_2 - sin(x_2) at x_1 = 2, x_2 = 5', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await activateExtension();
    doc = await openFixture('bound-example.md');
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Check gradient passes for both inputs, then the CodeLens shows the ✓ verdict', async () => {
    const lens = await lensNamed(doc, 'Check gradient');
    const ref = lens.arguments?.[0] as BlockRef;
    assert.equal(ref.uri, doc.uri.toString(), 'the lens names its document');
    const result = await vscode.commands.executeCommand<CheckResult | null>(lens.command, ...(lens.arguments ?? []));
    assert.ok(result, 'the command returned no result');
    assert.equal(result.passed, true, `gradient check failed: ${result.summary}`);
    assert.deepEqual(result.inputs.map((i) => [i.name, i.passed]).sort(), [['x_1', true], ['x_2', true]]);
    // the server remembers the verdict and serves it as a lens from now on
    const titles = await waitFor('the ✓ verdict lens', () => codeLenses(doc).then(lensTitles), (ts) => ts.some((t) => t.startsWith('✓')));
    assert.ok(titles.some((t) => /^✓ gradient check passed/.test(t)), `lenses: ${JSON.stringify(titles)}`);
  });

  it('Show graph opens the graph webview panel for the block', async () => {
    const lens = await lensNamed(doc, 'Show graph');
    assert.deepEqual(webviewTabLabels(), [], 'no panel is open before the command');
    await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
    await waitForPanel('Graph');
  });

  it('Show trace opens the trace webview panel for the block', async () => {
    const lens = await lensNamed(doc, 'Show trace');
    await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
    await waitForPanel('Trace');
  });

  // the lecture note has an evaluable block before the example (f(\theta) = \prod …): only the cursor picks y
  it(`${Commands.showGraph} without arguments opens the panel for the block at the cursor`, async () => {
    const lecture = await openFixture('autodiff-lecture.md');
    const editor = await vscode.window.showTextDocument(lecture);
    const cursor = lecture.positionAt(lecture.getText().indexOf('y = \\ln(x_1)') + 4);
    editor.selection = new vscode.Selection(cursor, cursor);
    await waitFor('the CodeLenses of the lecture note', () => codeLenses(lecture), (ls) => ls.length > 0);
    await vscode.commands.executeCommand(Commands.showGraph);
    await waitForPanel('Graph');
  });

  it(`${Commands.restartServer} starts a new server, which serves the open note again`, async () => {
    // The verdict lens lives in the server's memory: after a restart it is gone, and the new server answers.
    const lens = await lensNamed(doc, 'Check gradient');
    await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
    await waitFor('the ✓ verdict lens', () => codeLenses(doc).then(lensTitles), (ts) => ts.some((t) => t.startsWith('✓')));
    await vscode.commands.executeCommand(Commands.restartServer);
    const titles = await waitFor('the lenses of a fresh server (no verdict yet)', () => codeLenses(doc).then(lensTitles),
      (ts) => ts.includes('Check gradient') && !ts.some((t) => t.startsWith('✓')));
    assert.ok(titles.includes('Show graph'), JSON.stringify(titles));
    const hover = hoverText(await hoverAt(doc, positionOf(doc, '\\ln', 1)));
    assert.match(hover, /0\.693/, `the hover on \\ln after the restart shows ln 2: ${hover}`);
  });
});

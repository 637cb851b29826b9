// Hover, CodeLens and inlay hints on the lecture's example bound at x_1 = 2, x_2 = 5
// (bound-example.md), asked through VS Code's own provider commands, as the editor asks them.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { Commands } from '../../../server/protocol';
import { activateExtension, codeLenses, hoverAt, hoverText, inlayLabels, lensTitles, openFixture, positionOf, waitFor } from './helpers';

// y = ln(x_1) + x_1 x_2 - sin(x_2) at x_1 = 2, x_2 = 5, computed here, not by the extension
const X1 = 2, X2 = 5;
const LN_X1 = Math.log(X1);
const Y = Math.log(X1) + X1 * X2 - Math.sin(X2);
const DY_DX2 = X1 - Math.cos(X2);

describe('language features on y = ln(x_1) + x_1 x_2 - sin(x_2) at x_1 = 2, x_2 = 5', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await activateExtension();
    doc = await openFixture('bound-example.md');
  });

  it(`hover on \\ln shows its value ln 2 = ${LN_X1.toFixed(4)}…`, async () => {
    const at = positionOf(doc, '\\ln', 1);
    const text = await waitFor('a hover on \\ln from the language server', () => hoverAt(doc, at).then(hoverText), (t) => t.length > 0);
    const valueLine = text.split('\n').find((l) => /value/i.test(l)) ?? '';
    assert.ok(valueLine.includes(LN_X1.toFixed(4)), `hover on \\ln should show the value ${LN_X1.toFixed(4)}…; hover was:\n${text}`);
  });

  it(`hover on x_2 shows its adjoint ∂y/∂x_2 = ${DY_DX2.toFixed(4)}… and where it was bound`, async () => {
    const at = positionOf(doc, 'x_2', 1, '$$');
    const text = await waitFor('a hover on x_2', () => hoverAt(doc, at).then(hoverText), (t) => t.length > 0);
    const adjointLine = text.split('\n').find((l) => /adjoint/i.test(l) && !/symbolic|partial/i.test(l)) ?? '';
    assert.ok(adjointLine.includes(DY_DX2.toFixed(3)), `hover on x_2 should show the adjoint ${DY_DX2.toFixed(4)}…; hover was:\n${text}`);
    assert.match(text, /annotation/i, 'a bound name says where it was bound');
  });

  it('CodeLens above the block: Check gradient, Show graph, Show trace, bound to the commands', async () => {
    const lenses = await waitFor('the CodeLenses', () => codeLenses(doc), (ls) => ls.length >= 3);
    const byTitle = new Map(lenses.map((l) => [l.command?.title, l]));
    const expected: Array<[string, string]> = [['Check gradient', Commands.checkGradient], ['Show graph', Commands.showGraph], ['Show trace', Commands.showTrace]];
    for (const [title, command] of expected) {
      const lens = byTitle.get(title);
      assert.ok(lens, `no "${title}" lens; lenses: ${JSON.stringify(lensTitles(lenses))}`);
      assert.equal(lens.command?.command, command);
      assert.equal(lens.range.start.line, positionOf(doc, '$$').line, `"${title}" should sit on the block's first line`);
    }
  });

  it(`inlay hint after the equation: = ${Y.toFixed(2)}…`, async () => {
    const labels = await waitFor('inlay hints', () => inlayLabels(doc), (ls) => ls.length > 0);
    assert.ok(labels.some((l) => new RegExp(`=\\s*${Y.toFixed(2).replace('.', '\\.')}`).test(l)), `expected "= ${Y.toFixed(2)}…" among ${JSON.stringify(labels)}`);
  });
});

// Incremental edits are analysed on the latest text; broken input never takes the server down.
import { strict as assert } from 'node:assert';
import {
  CodeLensRequest, DidChangeTextDocumentNotification, DiagnosticSeverity, DocumentSymbolRequest, HoverRequest, InlayHintRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { blocksRequest, checkGradientRequest, graphRequest, traceRequest } from '../../../server/protocol';
import { buildOnce, LspSession, positionOf } from './lspSession';

describe('edits and bad input (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  before(async () => { buildOnce(); s = await LspSession.start(); });
  after(async () => { await s?.stop(); });

  it('answers a hover right after an incremental edit with the new values', async () => {
    const uri = 'file:///notes/edit.md';
    const text = '<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$\ny = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)\n$$\n';
    await s.open(uri, 'markdown', text);
    const five = positionOf(text, '5');
    // x_2 = 5 -> x_2 = 3, as a one-character range edit
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: five, end: { line: five.line, character: five.character + 1 } }, text: '3' }],
    });
    // no waiting for the debounce: the request must see version 2
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'x_2', 1, 1) });
    const value = (h!.contents as MarkupContent).value;
    assert.ok(value.includes(`- adjoint ∂y/∂x₂: \`${Number((2 - Math.cos(3)).toPrecision(5))}\``), value);
  });

  it('publishes an Error with the exact range for a shape mismatch in autodiff code', async () => {
    const uri = 'file:///notes/bad.autodiff';
    const text = 'W = [[1, 2], [3, 4]]\nx = [1, 2, 3]\ny = sum(W @ x)\n';
    const diags = await s.open(uri, 'autodiff', text);
    const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(errors.length, 1, JSON.stringify(diags));
    assert.equal(errors[0].range.start.line, 2);
    assert.ok(errors[0].range.start.character >= 'y = sum('.length && errors[0].range.end.character <= 'y = sum(W @ x'.length, JSON.stringify(errors[0].range));
    assert.match(typeof errors[0].message === 'string' ? errors[0].message : errors[0].message.value, /\(2, ?2\)/);
  });

  it('stays quiet on valid math it cannot evaluate', async () => {
    const uri = 'file:///notes/limits.md';
    const diags = await s.open(uri, 'markdown', '$$\n\\lim_{\\epsilon \\to 0} f(\\epsilon) \\approx \\int g\n$$\n');
    assert.deepEqual(diags.filter((d) => d.severity !== DiagnosticSeverity.Hint), []);
  });

  const garbage = [
    '$$', '$$\n\\frac{', '$x_$ $$ $ $$$ \\[ \\]', '```autodiff\n(((((\n', '```autodiff\ny = \n```',
    '$$ \\begin{bmatrix} 1 & \\\\ \\end{pmatrix} $$', '\u0000\u0001$\u0002$', '$$ x^{^{^{ $$', '<!-- autodiff: x = [[1, 2], [3] -->\n$$ y = x $$',
    '$$ y = \\sum_{j=1}^{1000000000} j $$', '```autodiff\nW = randn(100000, 100000)\n```', '$' + 'x+'.repeat(5000) + '$',
  ];

  it('answers every request on garbage without crashing', async () => {
    for (const [i, text] of garbage.entries()) {
      const uri = `file:///notes/garbage-${i}.md`;
      await s.open(uri, 'markdown', text);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line += 1) {
        for (const character of [0, 1, Math.floor(lines[line].length / 2), lines[line].length]) {
          await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
          await s.connection.sendRequest(graphRequest, { textDocument: { uri }, position: { line, character } });
        }
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: whole });
      await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
      await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      await s.connection.sendRequest(traceRequest, { textDocument: { uri }, blockIndex: 0 });
      await s.connection.sendRequest(checkGradientRequest, { textDocument: { uri }, blockIndex: 0 });
      assert.ok(s.alive, `server died on garbage #${i}: ${s.stderr.slice(-2000)}`);
    }
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: 'file:///notes/garbage-1.md' } });
    assert.ok(Array.isArray(blocks));
  });

  it('answers requests for documents it never saw with empty results', async () => {
    const uri = 'file:///never-opened.md';
    assert.equal(await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await s.connection.sendRequest(blocksRequest, { textDocument: { uri } }), []);
  });
});

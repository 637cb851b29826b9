// Readable hovers (issue 14): sub-expressions in short Unicode, ∂output/∂node named, no inner
// bookkeeping nodes (`mul(w, w)`), no adjoint for the constant in an exponent.
import { strict as assert } from 'node:assert';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { buildOnce, LspSession, positionOf } from './lspSession';

const NOTE = [
  '<!-- autodiff: X: 4x3, y: 4, w: 3 -->',
  '$$',
  'v = (X^\\top X)^{-1} X^\\top y',
  '$$',
  '',
  '<!-- autodiff: w = [1, 2, 3] -->',
  '$$',
  'L = \\|w\\|^2 + \\frac{\\lambda}{2} w_3',
  '$$',
  '',
].join('\n');

describe('readable hovers (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  const uri = 'file:///notes/readable.md';
  before(async () => {
    buildOnce();
    s = await LspSession.start();
    await s.open(uri, 'markdown', NOTE);
  });
  after(async () => { await s?.stop(); });

  const hoverAt = async (needle: string, delta: number): Promise<string[]> => {
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NOTE, needle, 0, delta) });
    assert.ok(h, `a hover on ${needle}`);
    return (h.contents as MarkupContent).value.split('\n');
  };

  it('writes a sub-expression in Unicode and names output and node in the adjoint', async () => {
    const lines = await hoverAt('(X^\\top X)^{-1}', '(X^\\top'.length);
    assert.equal(lines[0], '`Xᵀ` · transpose');
    assert.ok(lines.some((l) => l.startsWith('- adjoint ∂v/∂Xᵀ: (3, 4)')), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('\\top')), lines.join('\n'));
  });

  it('gives the 1 of ^{-1} no adjoint', async () => {
    const lines = await hoverAt('{-1}', 2);
    assert.equal(lines[0], '`1` · constant');
    assert.ok(lines.includes('- a constant: no adjoint'), lines.join('\n'));
    assert.ok(!lines.some((l) => l.startsWith('- adjoint')), lines.join('\n'));
  });

  it('never shows an inner node such as mul(w, w), nor a slice label for w_3', async () => {
    const norm = await hoverAt('\\|w\\|^2', 1);
    assert.equal(norm[0], '`‖w‖²` · sum');
    const w = await hoverAt('w_3', 0);
    assert.equal(w[0], '`w₃` · slice');
    for (const lines of [norm, w]) assert.ok(!lines.some((l) => /mul\(|w_\{3\}/.test(l)), lines.join('\n'));
    // w feeds ‖w‖² through w·w, twice: the pathways name the written expression it feeds.
    const lambda = await hoverAt('\\lambda}{2}', 1);
    assert.ok(lambda.some((l) => l.startsWith('- adjoint ∂L/∂λ: ')), lambda.join('\n'));
  });
});

// Bold and plain letters over stdio (issue 14, "Honest values"): in a note that writes `\mathbf{h}` for
// the hidden vector and `h` for its size, nothing turns red, and hovers tell the two apart (𝐡 and h).
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { buildOnce, LspSession, positionOf } from './lspSession';

// backprop.md's layout in our own words: declarations in the sentence that goes on after the formula.
const NOTE = [
  'The layer has $h = 3$ hidden units and $d = 2$ inputs.',
  '',
  '$$\\mathbf{z}= \\mathbf{W}^{(1)} \\mathbf{x},$$',
  '',
  'where $\\mathbf{W}^{(1)} \\in \\mathbb{R}^{h \\times d}$.',
  '',
  '$$\\mathbf{h}= \\tanh(\\mathbf{z}).$$',
  '',
  'The output weight is $\\mathbf{W}^{(2)} \\in \\mathbb{R}^{q \\times h}$:',
  '',
  '$$\\mathbf{o}= \\mathbf{W}^{(2)} \\mathbf{h} + h$$',
  '',
].join('\n');

describe('bold and plain letters (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  let errors: string[] = [];
  const uri = 'file:///notes/hidden.md';
  before(async () => {
    buildOnce();
    s = await LspSession.start();
    errors = (await s.open(uri, 'markdown', NOTE)).filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => String(d.message));
  });
  after(async () => { await s?.stop(); });

  const hoverAt = async (needle: string, delta: number): Promise<string[]> => {
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NOTE, needle, 0, delta) });
    assert.ok(h, `a hover on ${needle}`);
    return (h.contents as MarkupContent).value.split('\n');
  };

  it('nothing is red: the size h of \\mathbb{R}^{q \\times h} is not the vector \\mathbf{h}', () => {
    assert.deepEqual(errors, []);
  });

  it('the hover on the bold h shows 𝐡, a vector of h = 3 entries', async () => {
    const lines = await hoverAt('\\mathbf{h} + h', '\\mathbf{'.length);
    assert.equal(lines[0], '`𝐡` · tanh', lines.join('\n'));
    assert.ok(lines.some((l) => /^- value: `\(3,\) \[/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('- adjoint ∂o/∂𝐡: `(3,)')), lines.join('\n'));
  });

  it('the hover on the plain h shows the size 3, and a bold matrix is never a {W} fragment', async () => {
    const h = await hoverAt('+ h', 2);
    assert.equal(h[0], '`h` · input', h.join('\n'));
    assert.ok(h.includes('- value: `3`'), h.join('\n'));
    const w = await hoverAt('\\mathbf{W}^{(2)} \\mathbf{h}', 1);
    assert.match(w[0], /^`W⁽²⁾` · input/, w.join('\n'));
    assert.ok(w.includes('- value: (4, 3) (sampled)'), w.join('\n'));
  });
});

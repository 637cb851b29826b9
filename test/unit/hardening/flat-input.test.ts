// Flat is not deep: a long flat sum or product nests to the left as deep as it is long, and every
// walk over it (evaluation, hover's ancestry, the reverse sweep's record) must be a loop, not recursion.
import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { MAX_QUOTE } from '../../../server/analysis/short-text';
import { hover } from '../../../server/lsp/hover';

function note(body: string): string {
  return `<!-- autodiff: x = 1 -->\n$$\ny = ${body}\n$$\n`;
}

function hoverAt(text: string, offset: number): string | null {
  const document = TextDocument.create('file:///flat.md', 'markdown', 1, text);
  const blocks = new DocumentAnalyzer().analyze(document.uri, text, 'markdown');
  const h = hover({ document, blocks }, { textDocument: { uri: document.uri }, position: document.positionAt(offset) }, { typesetImages: false });
  return h ? (h.contents as MarkupContent).value : null;
}

describe('hardening: flat input is not deep', function () {
  this.timeout(60_000);

  it('evaluates a flat 5,000-term sum (not "nested too deeply")', () => {
    const text = note(Array(5000).fill('x').join(' + '));
    const [a] = new DocumentAnalyzer().analyze('file:///flat.md', text, 'markdown');
    assert.equal(a.message, null);
    assert.equal(a.status, 'ok');
    assert.equal(a.value, 5000);
    assert.deepEqual(a.gradient, { x: 5000 });
  });

  for (const [what, separator] of [['sum', '+'], ['implicit product', ' ']] as const) {
    it(`hovers inside a flat 20,000-term ${what} with the adjoint, a short label and a capped pathway list`, () => {
      const body = Array(20_000).fill('x').join(separator);
      const text = note(body);
      const middle = text.indexOf('y = ') + 4 + 2 * 10_000;
      const value = hoverAt(text, middle);
      assert.ok(value, 'no hover');
      assert.ok(value.includes('- adjoint ∂y/∂x: `20000`'), value.slice(0, 500));
      assert.match(value, /and 19992 more/);
      // Every label quoted is cut: the hover stays small however long the sum.
      assert.ok(value.length < 3000, `hover of ${value.length} characters`);
    });
  }

  it('labels of long source ranges are cut', () => {
    const text = note(Array(2000).fill('x').join(' + '));
    const [a] = new DocumentAnalyzer().analyze('file:///flat.md', text, 'markdown');
    assert.equal(a.status, 'ok');
    const nodes = a.graph.nodes();
    assert.ok(nodes.length >= 2000);
    assert.ok(nodes.every((n) => n.label.length <= MAX_QUOTE), 'a node label is longer than the quote limit');
  });
});

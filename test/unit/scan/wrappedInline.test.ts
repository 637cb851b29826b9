// Inline `$…$` that wraps onto the next line of its paragraph (as markdown-it-katex, VS Code's
// Markdown preview, reads it), with exact UTF-16 offsets, CRLF included; never across a blank line
// or into another block.
import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import type { Expr, SliceExpr } from '../../../server/parse/ast';
import { parseLatex } from '../../../server/parse/latex';
import { scanDocument, type MathBlock } from '../../../server/scan/blocks';
import { allNodes } from '../parse/walk';

const md = (text: string): MathBlock[] => scanDocument(text, 'markdown');
const texts = (text: string): string[] => md(text).map((b) => b.text);

/** The one block of `doc`, checked to span `$…$` exactly from `opener` (a fragment starting with `$`). */
function onlyInline(doc: string, opener: string): MathBlock {
  const blocks = md(doc);
  assert.equal(blocks.length, 1, JSON.stringify(blocks.map((b) => b.text)));
  const [b] = blocks;
  assert.equal(b.kind, 'inline');
  assert.equal(b.span.start, doc.indexOf(opener));
  assert.deepEqual(b.content, { start: b.span.start + 1, end: b.span.end - 1 });
  assert.equal(doc[b.span.end - 1], '$');
  assert.equal(b.text, doc.slice(b.content.start, b.content.end));
  return b;
}

describe('scan: inline math wrapping onto the next line', () => {
  it('finds a formula that wraps in the middle of a sentence as one block', () => {
    const doc = 'For one example the loss is $\\ell(x, y) = -h_y(x) +\n\\log \\sum_{j=1}^n \\exp(h_j(x))$, the softmax loss.\n';
    const b = onlyInline(doc, '$\\ell');
    assert.equal(b.text, '\\ell(x, y) = -h_y(x) +\n\\log \\sum_{j=1}^n \\exp(h_j(x))');
    assert.equal(doc.slice(b.span.end), ', the softmax loss.\n');
  });

  it('goes on over several lines of one paragraph, indented or in a list item', () => {
    const doc = 'Intro.\n\nThe update $\\theta := \\theta -\n  \\alpha\n  \\nabla_\\theta \\ell$ is applied to every batch.\n';
    assert.equal(onlyInline(doc, '$\\theta :=').text, '\\theta := \\theta -\n  \\alpha\n  \\nabla_\\theta \\ell');
    // A line starting with `- ` would start a list (it interrupts the paragraph), so the math stops there.
    assert.deepEqual(texts('The update $\\theta := \\theta\n- \\alpha g$ now'), []);
    const item = '1. the gradient $\\frac{\\partial y}{\\partial x_1}\n   = \\frac{1}{x_1} + x_2$ by hand\n2. next\n';
    assert.equal(onlyInline(item, '$\\frac').text, '\\frac{\\partial y}{\\partial x_1}\n   = \\frac{1}{x_1} + x_2');
  });

  it('keeps scanning after a wrapped formula, on its closing line and below', () => {
    const doc = 'with $a +\nb$ and $c$ here\nthen $d$\n';
    assert.deepEqual(texts(doc), ['a +\nb', 'c', 'd']);
  });

  it('does not join across a blank line, also one holding spaces', () => {
    assert.deepEqual(texts('an open $x +\n\ny$ and more'), []);
    assert.deepEqual(texts('an open $x +\n   \ny$ and more'), []);
    assert.deepEqual(texts('an open $x +\r\n\r\ny$ and more $z$'), ['z']);
  });

  it('leaves a $ unclosed at the paragraph\'s end as text, and finds later math', () => {
    assert.deepEqual(texts('it costs $5\nfor two.\n\nThen $y = x^2$ and $z\n'), ['y = x^2']);
  });

  it('keeps the price rule and escapes across lines', () => {
    assert.deepEqual(texts('It costs $5 and\n$10 today'), []);
    assert.deepEqual(texts('It costs $5 per month\nand $6 per year'), []);
    assert.deepEqual(texts('It costs \\$5 and\nthe other x$ thing'), []);
    // An escaped dollar inside wrapped math does not close it.
    assert.deepEqual(texts('price $p = \\$\nq + r$ paid'), ['p = \\$\nq + r']);
  });

  it('does not run into a block that interrupts the paragraph', () => {
    const inline = (doc: string): string[] => md(doc).filter((b) => b.kind === 'inline').map((b) => b.text);
    assert.deepEqual(inline('a sum $x +\nplain words\nthen y$ end\n'), ['x +\nplain words\nthen y']);
    const interrupters = ['# Heading', '- item', '2) item', '```', '~~~', '> quote', '| a | b |', '$$', '<!-- c -->', '<pre>', '---', '***', '==='];
    for (const line of interrupters) {
      assert.deepEqual(inline(`a sum $x +\n${line}\nthen y$ end\n`), [], line);
    }
  });

  it('does not wrap from a heading, a quoted line or a table row', () => {
    assert.deepEqual(texts('## About $x\ny$ z'), []);
    assert.deepEqual(texts('> quoted $x\ny$ z'), []);
    assert.deepEqual(texts('| $x | a |\n| y$ | b |'), []);
  });

  it('gives exact offsets in a CRLF document, with astral characters before the math', () => {
    const doc = '# 𝔼 notes\r\n\r\n中文 𝔼 and $y = \\ln(x_1) +\r\nx_1 x_2$ end\r\n';
    const b = onlyInline(doc, '$y =');
    assert.equal(b.text, 'y = \\ln(x_1) +\r\nx_1 x_2');
    const lsp = TextDocument.create('file:///n.md', 'markdown', 1, doc);
    assert.deepEqual(lsp.positionAt(b.span.start), { line: 2, character: 10 });
    assert.deepEqual(lsp.positionAt(b.span.end), { line: 3, character: 8 });
  });

  it('lets the parser place every node of a wrapped formula on the right characters', () => {
    for (const eol of ['\n', '\r\n']) {
      const doc = `so $y = \\ln(x_1) +${eol}x_1 \\cdot x_2 - \\sin(x_2)$ holds`;
      const [b] = md(doc);
      const parsed = parseLatex(b.text, b.content.start);
      const written = (e: Expr | SliceExpr): string => doc.slice(e.span.start, e.span.end);
      const nodes = allNodes(parsed);
      assert.ok(nodes.some((n) => n.kind === 'binary' && n.op === '*' && written(n) === 'x_1 \\cdot x_2'), JSON.stringify(nodes.map(written)));
      assert.ok(nodes.some((n) => n.kind === 'call' && n.fn === 'sin' && written(n) === '\\sin(x_2)'));
    }
  });

  it('points a diagnostic on the wrapped line at the right characters (CRLF)', () => {
    const doc = 'Take <!-- autodiff: x_1 = 2, x_2 = 1 --> $y = x_1 +\r\n\\ln(-x_2) \\cdot 3$ here.\r\n';
    const [a] = new DocumentAnalyzer().analyze('file:///notes/wrap.md', doc, 'markdown');
    assert.equal(a.status, 'error', a.message ?? '');
    const [problem] = a.problems;
    assert.equal(doc.slice(problem.span.start, problem.span.end), '\\ln(-x_2)');
    const lsp = TextDocument.create('file:///notes/wrap.md', 'markdown', 1, doc);
    assert.deepEqual(lsp.positionAt(problem.span.start), { line: 1, character: 0 });
  });

  it('reads a paragraph full of unmatched $ as text', () => {
    const line = 'a $x b $y c $z d\n';
    assert.deepEqual(texts(line.repeat(2000)), []);
    // The first opener pairs with the first closer, however many lines later (pandoc's and markdown-it's rule).
    const doc = `${line.repeat(2000)}e$ f`;
    assert.deepEqual(texts(doc), [doc.slice(3, -3)]);
  });
});

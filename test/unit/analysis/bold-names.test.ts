// Bold and plain letters across a note (issue 14, "Honest values"; server/analysis/bold-names.ts):
// where a note writes a letter both ways, `\mathbf{h}` (a vector) and `h` (a size) are two names;
// where it writes only one, bold is only a face.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { pinEdit } from '../../../server/lsp/pinSampled';
import { analyzeMarkdown, assertClose, blockWith, describeBlock, inputValue } from './helpers';

const shapeOf = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : []);

describe('bold and plain letters', () => {
  it('a hidden layer \\mathbf{h} of h units: the vector and the size are two names (backprop.md\'s layout)', () => {
    const note = [
      'Let the layer have $h = 3$ hidden units and $d = 2$ inputs.',
      '',
      '$$\\mathbf{z}= \\mathbf{W}^{(1)} \\mathbf{x},$$',
      '',
      'where $\\mathbf{W}^{(1)} \\in \\mathbb{R}^{h \\times d}$ and $\\mathbf{x} \\in \\mathbb{R}^d$.',
      '',
      '$$\\mathbf{h}= \\tanh(\\mathbf{z}).$$',
      '',
      'The output layer has a weight $\\mathbf{W}^{(2)} \\in \\mathbb{R}^{q \\times h}$:',
      '',
      '$$\\mathbf{o}= \\mathbf{W}^{(2)} \\mathbf{h}.$$',
      '',
    ].join('\n');
    const blocks = analyzeMarkdown(note);
    for (const b of blocks) assert.notEqual(b.status, 'error', describeBlock(b));
    const hidden = blockWith(blocks, '\\mathbf{h}= ');
    assert.equal(hidden.status, 'ok', describeBlock(hidden));
    assert.equal(hidden.outputName, '\\mathbf{h}');
    assert.deepEqual(shapeOf(hidden.value), [3]);
    const o = blockWith(blocks, '\\mathbf{o}= ');
    assert.equal(o.status, 'ok', describeBlock(o));
    assert.deepEqual(shapeOf(o.value), [4]);
    assert.deepEqual(shapeOf(inputValue(o, 'W^{(2)}')), [4, 3]);
    const w2 = blockWith(blocks, '\\mathbf{W}^{(2)} \\in');
    assert.match(w2.message ?? '', /\(4 × 3\)/, describeBlock(w2));
  });

  it('a note that writes x only bold: an annotation\'s x is the bold x', () => {
    const [y] = analyzeMarkdown('<!-- autodiff: x = [1, 2] -->\n$$ y = \\mathbf{x}^\\top \\mathbf{x} $$\n');
    assert.equal(y.value, 5, describeBlock(y));
  });

  it('plain entries x_1 of a bold \\mathbf{x} stay entries when the note also has a plain x', () => {
    const blocks = analyzeMarkdown('The scalar $x = 3$.\n\n<!-- autodiff: \\mathbf{x} = [1, 2] -->\n$$ s = x_1 + x_2 + x $$\n');
    const s = blockWith(blocks, 's = ');
    assert.equal(s.value, 6, describeBlock(s));
  });

  it('a bold vector defined by its entries is no cycle', () => {
    const blocks = analyzeMarkdown('Take $x = 2$.\n\n<!-- autodiff: x_1 = 1, x_2 = 5 -->\n$$\\mathbf{x} = \\begin{bmatrix} x_1 \\\\ x_2 \\end{bmatrix}$$\n\n$$ n = \\mathbf{x}^\\top \\mathbf{x} + x $$\n');
    assertClose(blockWith(blocks, '\\mathbf{x} = ').value, [[1], [5]]);
    assertClose(blockWith(blocks, 'n = ').value, [[28]]);
  });

  it('Greek: \\boldsymbol{\\theta} apart from \\theta', () => {
    const blocks = analyzeMarkdown('A rate $\\theta = 2$.\n\n<!-- autodiff: \\boldsymbol{\\theta} = [1, 2, 3] -->\n$$ L = \\boldsymbol{\\theta}^\\top \\boldsymbol{\\theta} \\, \\theta $$\n');
    assert.equal(blockWith(blocks, 'L = ').value, 28);
  });

  it('pinning a sampled bold letter writes \\mathbf{x}, and the pinned value binds the bold x, not the plain one', () => {
    const text = 'The scalar $x = 3$.\n\n$$ y = \\mathbf{x}^\\top \\mathbf{x} + x $$\n';
    const document = TextDocument.create('file:///notes/pin-bold.md', 'markdown', 1, text);
    const analyzer = new DocumentAnalyzer();
    const blocks = analyzer.analyze(document.uri, text, 'markdown');
    const edit = pinEdit(document, blockWith(blocks, 'y = '), blocks);
    assert.match(edit?.newText ?? '', /^<!-- autodiff: \\mathbf\{x\} = [0-9.]+ -->\n$/);
    const pinned = TextDocument.applyEdits(document, [edit!]);
    const y = blockWith(analyzer.analyze(document.uri, pinned, 'markdown'), 'y = ');
    assert.deepEqual(y.inputs.map((i) => [i.name, i.sampled, i.source]), [['\\mathbf{x}', false, 'annotation'], ['x', false, 'earlier-block']]);
  });

  it('writing the plain letter somewhere else re-reads the blocks that write it bold', () => {
    const analyzer = new DocumentAnalyzer();
    const uri = 'file:///notes/bold.md';
    const block = '<!-- autodiff: x = [1, 2] -->\n$$ y = \\mathbf{x}^\\top \\mathbf{x} $$\n';
    const [before] = analyzer.analyze(uri, block, 'markdown');
    assert.equal(before.value, 5);
    // Now x = 3 is a scalar of the note, and the annotation binds it; the bold x is another name, sampled.
    const after = blockWith(analyzer.analyze(uri, `The scalar $x = 3$.\n\n${block}`, 'markdown'), 'y = ');
    assert.deepEqual(after.inputs.map((i) => [i.name, i.sampled]), [['\\mathbf{x}', true]], describeBlock(after));
  });
});

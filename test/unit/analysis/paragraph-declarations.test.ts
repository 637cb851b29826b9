// A shape declared anywhere in a block's paragraph applies to it (issue 14, "Honest values"): notes
// write "$$ z = W x $$ where $W \in \mathbb{R}^{h \times d}$", the declaration after the formula.
import * as assert from 'node:assert/strict';
import { analyzeMarkdown, blockWith, describeBlock, inputValue } from './helpers';

const shapeOf = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : []);

describe('shape declarations in the paragraph of a block', () => {
  it('a declaration after the display block, in the same paragraph, gives the inputs their shapes', () => {
    const blocks = analyzeMarkdown('The hidden layer is\n$$ \\mathbf{z} = \\mathbf{W}^{(1)} \\mathbf{x} $$\nwhere $\\mathbf{W}^{(1)} \\in \\mathbb{R}^{3 \\times d}$ and $\\mathbf{x} \\in \\mathbb{R}^d$.\n');
    const z = blockWith(blocks, '\\mathbf{z} = ');
    assert.equal(z.status, 'ok', describeBlock(z));
    assert.deepEqual(shapeOf(inputValue(z, 'W^{(1)}')), [3, 4]);
    assert.deepEqual(shapeOf(inputValue(z, 'x')), [4]);
    assert.deepEqual(shapeOf(z.value), [3]);
    // The results stay in document order.
    assert.deepEqual(blocks.map((b) => b.block.index), [0, 1, 2]);
  });

  it('the normal equation with X and y declared after it is a vector of d weights, not a (4, 4) matrix', () => {
    const blocks = analyzeMarkdown('The normal equation gives\n$$ w = (X^\\top X)^{-1} X^\\top y $$\nwith $X \\in \\mathbb{R}^{5 \\times 2}$ and $y \\in \\mathbb{R}^5$.\n');
    const w = blockWith(blocks, 'w = ');
    assert.equal(w.status, 'ok', describeBlock(w));
    assert.deepEqual(shapeOf(w.value), [2]);
  });

  it('the d2l layout: the sentence goes on after a blank line ("where …"), and its declarations apply', () => {
    const blocks = analyzeMarkdown('Here the intermediate variable is:\n\n$$\\mathbf{z}= \\mathbf{W}^{(1)} \\mathbf{x},$$\n\nwhere $\\mathbf{W}^{(1)} \\in \\mathbb{R}^{3 \\times 2}$\nis the weight parameter and $\\mathbf{x} \\in \\mathbb{R}^2$.\n\nThe next paragraph, $\\mathbf{W}^{(1)} \\in \\mathbb{R}^{5 \\times 5}$, is another matter.\n');
    const z = blockWith(blocks, '\\mathbf{z}= ');
    assert.deepEqual(shapeOf(inputValue(z, 'W^{(1)}')), [3, 2], describeBlock(z));
    assert.deepEqual(shapeOf(z.value), [3]);
  });

  it('the normal equation as d2l writes it: y is the vector X^T multiplies, so w has d entries', () => {
    const blocks = analyzeMarkdown('$$ \\mathbf{X} \\in \\mathbb{R}^{5 \\times 2} $$\n\n$$\\mathbf{w}^* = (\\mathbf X^\\top \\mathbf X)^{-1}\\mathbf X^\\top \\mathbf{y}$$\n');
    const w = blockWith(blocks, 'w}^* = ');
    assert.equal(w.status, 'ok', describeBlock(w));
    assert.deepEqual(shapeOf(inputValue(w, 'y')), [5]);
    assert.deepEqual(shapeOf(w.value), [2]);
  });

  it('a declaration in the next paragraph does not reach back', () => {
    const blocks = analyzeMarkdown('$$ y = \\mathbf{w}^\\top \\mathbf{x} $$\n\nLater, $\\mathbf{x} \\in \\mathbb{R}^3$.\n');
    const y = blockWith(blocks, 'y = ');
    assert.deepEqual(shapeOf(inputValue(y, 'x')), [], describeBlock(y));
  });

  it('an inline formula that computes something is not moved: it still reads the block above it', () => {
    const blocks = analyzeMarkdown('<!-- autodiff: a = 2 -->\n$$ u = a^2 $$\nso $v = u + 1$ holds.\n');
    const v = blockWith(blocks, 'v = u');
    assert.equal(v.value, 5, describeBlock(v));
  });
});

// A function parameter the body reads only as an index is an integer (SPEC §3): the softmax loss of
// CMU 10-714's homework 0, `\ell(z, y) = \log\sum_{i=1}^k \exp z_i - z_y`, was red with
// "y = 0.508652 is not an integer", and so was every later call `\ell(\Theta^T x, y)`.
import * as assert from 'node:assert/strict';
import { analyzeMarkdown, assertClose, blockWith, describeBlock, flat, inputValue } from './helpers';

const LOSS = 'Logits $z \\in \\mathbb{R}^k$ and the true class $y$:\n\n$$\n\\ell(z, y) = \\log\\sum_{i=1}^k \\exp z_i - z_y\n$$\n';
const logSumExp = (z: number[]) => Math.log(z.reduce((s, v) => s + Math.exp(v), 0));

describe('index-only function parameters are integers', () => {
  it('the function as a block output: y is an index into z, sampled in 1..k, with no gradient', () => {
    const loss = blockWith(analyzeMarkdown(LOSS), '\\ell(z, y)');
    assert.equal(loss.status, 'ok', describeBlock(loss));
    const z = flat(inputValue(loss, 'z'));
    const y = Number(inputValue(loss, 'y'));
    assert.ok(Number.isInteger(y) && y >= 1 && y <= z.length, `y = ${y}`);
    assert.ok(loss.inputs.find((b) => b.name === 'y')?.sampled, 'y is labelled sampled');
    assertClose(loss.value, logSumExp(z) - z[y - 1]);
    assert.equal(loss.gradient.y, undefined, 'an index has no gradient');
    const softmax = z.map((v) => Math.exp(v - logSumExp(z)));
    assertClose(loss.gradient.z, softmax.map((p, i) => p - (i === y - 1 ? 1 : 0)));
  });

  it('called later with a free name: that name is the index where the body reads it', () => {
    const blocks = analyzeMarkdown(`${LOSS}\nThen\n\n<!-- autodiff: w = [1, 2, 3, 0.5] -->\n$$\nL = \\ell(2 w, c)\n$$\n`);
    const call = blockWith(blocks, 'L = ');
    assert.equal(call.status, 'ok', describeBlock(call));
    const c = Number(inputValue(call, 'c'));
    assert.ok(Number.isInteger(c) && c >= 1 && c <= 4, `c = ${c}`);
    assert.equal(call.gradient.c, undefined);
    assertClose(call.value, logSumExp([2, 4, 6, 1]) - 2 * [1, 2, 3, 0.5][c - 1]);
  });

  it('called with a bound class index: the gradient is softmax minus the one-hot of that class', () => {
    const blocks = analyzeMarkdown(`${LOSS}\n<!-- autodiff: w = [1, 2, 3, 0.5], c = 2 -->\n$$\nL = \\ell(w, c)\n$$\n`);
    const call = blockWith(blocks, 'L = ');
    assert.equal(call.status, 'ok', describeBlock(call));
    const w = [1, 2, 3, 0.5];
    assertClose(call.value, logSumExp(w) - 2);
    const p = w.map((v) => Math.exp(v - logSumExp(w)));
    assertClose(call.gradient.w, [p[0], p[1] - 1, p[2], p[3]]);
  });

  it('the parameter is its own name: a vector y of an earlier section does not leak in (homework 1)', () => {
    const blocks = analyzeMarkdown(`Let $x, y \\in \\mathbb{R}^n$ and\n\n$$\nf = x + y\n$$\n\n# Softmax\n\n${LOSS}`);
    const loss = blockWith(blocks, '\\ell(z, y)');
    assert.equal(loss.status, 'ok', describeBlock(loss));
    const y = Number(inputValue(loss, 'y'));
    assert.ok(Number.isInteger(y) && y >= 1 && y <= 4, `y = ${y}`);
    const z = flat(inputValue(loss, 'z'));
    assertClose(loss.value, logSumExp(z) - z[y - 1]);
  });

  it('an annotation before the block binds the class index', () => {
    const loss = blockWith(analyzeMarkdown(LOSS.replace('$$\n\\ell', () => '<!-- autodiff: y = 2 -->\n$$\n\\ell')), '\\ell(z, y)');
    assert.equal(Number(inputValue(loss, 'y')), 2);
    assert.equal(loss.inputs.find((b) => b.name === 'y')?.sampled, false);
  });
});

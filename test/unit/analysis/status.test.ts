// Statuses (SPEC §4, §6, §9): valid-but-not-computable math is quiet, evaluable math that fails
// is an error with the node's span, and one failing block never stops the others.
import * as assert from 'node:assert/strict';
import { analyzeMarkdown, assertClose, blockWith, describeBlock } from './helpers';

function statusOf(markdown: string): string {
  const blocks = analyzeMarkdown(markdown);
  assert.equal(blocks.length, 1, `${blocks.length} blocks in ${markdown}`);
  return blocks[0].status;
}

describe('block status', () => {
  it('is not-evaluable for \\lim, \\approx, an undefined function, a bare name, \\text', () => {
    assert.equal(statusOf('$$L = \\lim_{\\epsilon \\to 0} \\frac{f(\\theta + \\epsilon) - f(\\theta)}{\\epsilon}$$'), 'not-evaluable');
    assert.equal(statusOf('$$a \\approx b + c$$'), 'not-evaluable');
    assert.equal(statusOf('$$y = g(x) + 1$$'), 'not-evaluable');
    assert.equal(statusOf('Some $\\theta$ here.'), 'not-evaluable');
    assert.equal(statusOf('$$\\text{loss} = \\text{whatever we like}$$'), 'not-evaluable');
  });

  it('reports \\ln of a negative value as an error at the \\ln node', () => {
    const text = '<!-- autodiff: x = 2 -->\n$$y = 3 + \\ln(x - 3)$$\n';
    const [a] = analyzeMarkdown(text);
    assert.equal(a.status, 'error');
    assert.match(a.message ?? '', /\\ln of a negative number \(−1\)/);
    const span = a.problems[0].span;
    assert.equal(text.slice(span.start, span.end), '\\ln(x - 3)');
    assert.equal(a.problems[0].severity, 'error');
  });

  it('reports a shape mismatch and division by zero as errors', () => {
    const mismatch = analyzeMarkdown('<!-- autodiff: a = [1, 2], b = [1, 2, 3] -->\n$$c = a + b$$\n')[0];
    assert.equal(mismatch.status, 'error', describeBlock(mismatch));
    assert.match(mismatch.message ?? '', /\(2,?\).*\(3,?\)/);
    const zero = analyzeMarkdown('<!-- autodiff: a = 0 -->\n$$c = \\frac{1}{a}$$\n')[0];
    assert.equal(zero.status, 'error', describeBlock(zero));
  });

  it('reports autodiff syntax errors and unknown functions as errors with spans', () => {
    const syntax = analyzeMarkdown('```autodiff\ny = (1 + 2\n```\n')[0];
    assert.equal(syntax.status, 'error');
    assert.ok(syntax.problems.length > 0);
    const text = '```autodiff\nx = 2\ny = frobnicate(x)\n```\n';
    const unknown = analyzeMarkdown(text)[0];
    assert.equal(unknown.status, 'error', describeBlock(unknown));
    assert.match(unknown.message ?? '', /unknown function 'frobnicate'/);
    const span = unknown.problems[0].span;
    assert.equal(text.slice(span.start, span.end), 'frobnicate');
  });

  it('bounds work: a tensor above maxTensorSize and a sum above maxNodesPerBlock are errors with the limit named', () => {
    const big = analyzeMarkdown('```autodiff\nW = zeros(1000, 1000)\ny = sum(W)\n```\n', undefined, { maxTensorSize: 10_000 })[0];
    assert.equal(big.status, 'error');
    assert.match(big.message ?? '', /maxTensorSize/);
    const long = analyzeMarkdown('$$s = \\sum_{i=1}^{100000} i$$\n', undefined, { maxNodesPerBlock: 1000 })[0];
    assert.equal(long.status, 'error');
    assert.match(long.message ?? '', /maxNodesPerBlock/);
  });

  it('goes on past a failing block: the blocks after it still evaluate', () => {
    const blocks = analyzeMarkdown([
      '```autodiff', 'y = (((', '```', '',
      '<!-- autodiff: x = -1 -->', '$$q = \\sqrt{x}$$', '',
      '<!-- autodiff: u = 2 -->', '$$w = u^3$$',
    ].join('\n'));
    assert.deepEqual(blocks.map((b) => b.status), ['error', 'error', 'ok']);
    assertClose(blockWith(blocks, 'w = u^3').value, 8);
  });

  it('never throws, whatever the text', () => {
    const nasty = ['$$', '$$\\frac{', '```autodiff\n]]]\n```', '$$' + '('.repeat(5000) + '$$', '$x_$', '$$\\sum_{i=1}^{-3} i$$', '\u0000$$\\ln$$'];
    for (const text of nasty) assert.doesNotThrow(() => analyzeMarkdown(text), text.slice(0, 20));
  });
});

// SPEC §3 "integers are integers", causes of red on valid math in the d2l chapters (issue 12):
// a subscripted size, a size in a product, an index expression t−1 with t bound nowhere.
import * as assert from 'node:assert/strict';
import { analyzeMarkdown, blockWith, describeBlock, inputValue } from './helpers';

describe('sizes and indices bound nowhere are integers', () => {
  it('a subscripted dimension (d_q) and a product of sizes (2h) declare shapes, never "is not an integer"', () => {
    const blocks = analyzeMarkdown('Given $\\mathbf{q} \\in \\mathbb{R}^{d_q}$ and $\\mathbf{H}_t \\in \\mathbb{R}^{n \\times 2h}$.\n');
    assert.deepEqual(blocks.map((b) => b.status), ['not-evaluable', 'not-evaluable'], blocks.map(describeBlock).join('\n'));
    assert.match(blocks[1].message ?? '', /\(4 × 8\)/);
  });

  it('a subscripted sum bound (n_\\textrm{in}) takes the default bound 4, listed as sampled, with no gradient', () => {
    const o = blockWith(analyzeMarkdown('$$o = \\sum_{j=1}^{n_\\textrm{in}} x_j.$$\n'), 'o = ');
    assert.equal(o.status, 'ok', describeBlock(o));
    assert.equal(Number(inputValue(o, 'n_{\\textrm{in}}')), 4);
    assert.equal((inputValue(o, 'x') as number[]).length, 4);
  });

  it('an index expression t−1 with t bound nowhere picks the middle of the axis, so t+1 fits too', () => {
    const blocks = analyzeMarkdown('<!-- autodiff: H = [1, 2, 3, 4] -->\n$$ y = H_{t-1} + H_{t+1} $$\n');
    const y = blockWith(blocks, 'y = ');
    assert.equal(y.status, 'ok', describeBlock(y));
    assert.equal(Number(inputValue(y, 't')), 2);
    assert.equal(y.value, 1 + 3);
  });
});

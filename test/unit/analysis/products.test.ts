// Products of vectors mean what they mean in math (SPEC §4): vectors are columns, `u^\top v` and
// `u \cdot v` are dot products, `u v^\top` and `u \otimes v` outer products, `u \odot v` elementwise,
// `u v` of two columns is ambiguous; a claim whose sides differ in shape says so.
import * as assert from 'node:assert/strict';
import { analyzeMarkdown, assertClose, describeBlock } from './helpers';

const BINDINGS = '<!-- autodiff: u = [1, 2], v = [3, 4], A = [[1, 2], [3, 4]] -->';

function evaluate(math: string) {
  const [a] = analyzeMarkdown(`${BINDINGS}\n$$${math}$$\n`);
  return a;
}

function valueOf(math: string) {
  const a = evaluate(math);
  assert.equal(a.status, 'ok', describeBlock(a));
  return a.value;
}

describe('products of vectors (SPEC §4)', () => {
  it('u v^\\top and u \\otimes v are outer products', () => {
    assertClose(valueOf('u v^\\top'), [[3, 4], [6, 8]]);
    assertClose(valueOf('u \\otimes v'), [[3, 4], [6, 8]]);
  });

  it('u \\odot v and u \\circ v are elementwise', () => {
    assertClose(valueOf('u \\odot v'), [3, 8]);
    assertClose(valueOf('u \\circ v'), [3, 8]);
    assertClose(valueOf('A \\odot A'), [[1, 4], [9, 16]]);
  });

  it('u^\\top v and u \\cdot v are dot products; a scalar scales', () => {
    assertClose(valueOf('u^\\top v'), 11);
    assertClose(valueOf('u \\cdot v'), 11);
    assertClose(valueOf('2 u^\\top v'), 22);
    assertClose(valueOf('2 u'), [2, 4]);
  });

  it('a row times a matrix stays a row: u^\\top A v is a scalar, u^\\top A a row', () => {
    assertClose(valueOf('u^\\top A v'), 61);
    assertClose(valueOf('(A u - v) u^\\top'), [[2, 4], [7, 14]]);
    assertClose(valueOf('A u v^\\top'), [[15, 20], [33, 44]]);
  });

  it('u v of two column vectors is not evaluable and says how to write each meaning', () => {
    for (const math of ['u v', 'u(u + v)', 'u^\\top A u^\\top']) {
      const a = evaluate(math);
      assert.equal(a.status, 'not-evaluable', describeBlock(a));
      assert.match(a.message ?? '', /ambiguous: write u\^\\top v for the dot product, u v\^\\top for the outer product, u \\odot v elementwise/);
    }
  });

  it('f \\circ g of two scalars reads as a composition: not evaluable', () => {
    const a = evaluate('f \\circ g');
    assert.equal(a.status, 'not-evaluable', describeBlock(a));
    assert.match(a.message ?? '', /composition of functions/);
  });

  it('\\otimes of matrices and \\times of two vectors are not evaluable, never red', () => {
    assert.match(evaluate('A \\otimes A').message ?? '', /Kronecker product of matrices is not evaluable/);
    assert.match(evaluate('u \\times v').message ?? '', /cross product/);
    assert.equal(evaluate('u \\times v').status, 'not-evaluable');
  });

  it('the autodiff language keeps * elementwise', () => {
    const [a] = analyzeMarkdown('```autodiff\nu = [1, 2]\nv = [3, 4]\nw = u * v\n```\n');
    assert.equal(a.status, 'ok', describeBlock(a));
    assertClose(a.value, [3, 8]);
  });
});

describe('claims whose sides differ in shape', () => {
  const LOSS = '<!-- autodiff: W = [[1, 2], [3, 4]], x = [1, 2], y = [3, 4] -->\n$$\\ell = \\frac{1}{2}\\|W x - y\\|^2, \\quad \\nabla_W \\ell = ';

  it('a true outer-product gradient holds', () => {
    const [a] = analyzeMarkdown(`${LOSS}(W x - y) x^\\top$$\n`);
    assert.equal(a.claims.length, 1, describeBlock(a));
    assert.equal(a.claims[0].holds, true, JSON.stringify(a.claims[0]));
  });

  it('a scalar claimed for a matrix gradient says "yours is a scalar, autodiff a 2×2 matrix"', () => {
    const [a] = analyzeMarkdown(`${LOSS}(W x - y)^\\top x$$\n`);
    assert.equal(a.claims[0].holds, false);
    assert.equal(a.claims[0].shapes, 'yours is a scalar, autodiff a 2×2 matrix');
    assert.ok(a.problems.some((p) => p.message.includes('yours is a scalar, autodiff a 2×2 matrix')), a.problems.map((p) => p.message).join('; '));
  });
});

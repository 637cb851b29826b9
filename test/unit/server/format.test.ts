import { strict as assert } from 'node:assert';
import { pinLiteral, formatCompact, formatNumber, formatValue } from '../../../server/lsp/format';

describe('server/lsp/format', () => {
  it('writes five significant digits, as the inlay hint `= 11.652`', () => {
    assert.equal(formatNumber(11.652071455223084), '11.652');
    assert.equal(formatNumber(1.7163378145367738), '1.7163');
    assert.equal(formatNumber(5.5), '5.5');
    assert.equal(formatNumber(-0.2836621854632263), '−0.28366');
  });

  it('switches to exponents for tiny and huge numbers and names non-finite values', () => {
    assert.equal(formatNumber(3e-10), '3e-10');
    assert.equal(formatNumber(2.5e7), '2.5e+7');
    assert.equal(formatNumber(NaN), 'NaN');
    assert.equal(formatNumber(-Infinity), '−∞');
  });

  it('shows small tensors in full after their shape and large ones as a summary', () => {
    assert.equal(formatValue([1, 2, 3]), '(3,) [1, 2, 3]');
    assert.equal(formatValue([[1, 2], [3, 4]]), '(2, 2) [[1, 2], [3, 4]]');
    const big = Array.from({ length: 20 }, (_, i) => i);
    assert.equal(formatValue(big), '(20,) min 0, mean 9.5, max 19');
  });

  it('writes pinned values with four significant digits and an ASCII minus (issue 14)', () => {
    assert.equal(pinLiteral(0.8403827915899456), '0.8404');
    assert.equal(pinLiteral(-1.3712345678901234), '-1.371');
    assert.equal(pinLiteral(4), '4');
    assert.deepEqual(JSON.parse(pinLiteral([[1.23456, 0.1], [2, -3.00049]])), [[1.235, 0.1], [2, -3]]);
  });

  it('keeps inline hints short: a shape and a range beyond four entries', () => {
    assert.equal(formatCompact([1, 2, 3, 4]), '(4,) [1, 2, 3, 4]');
    assert.equal(formatCompact([[0.5, -2.25, 3], [1, 1, 1]]), '(2, 3) in [−2.25, 3]');
    assert.equal(formatCompact(11.652071455223084), '11.652');
  });
});

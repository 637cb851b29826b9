// checkBlock: the block re-evaluated as a function of its inputs agrees with its own gradient.
import * as assert from 'node:assert/strict';
import { checkBlock, defaultSettings } from '../../../server/analysis';
import { analyzeMarkdown, assertClose } from './helpers';

describe('checkBlock', () => {
  it('passes the lecture example and rebuild() recomputes the value at new inputs', async () => {
    const [a] = analyzeMarkdown('<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)$$\n');
    const report = await checkBlock(a, defaultSettings);
    assert.equal(report.passed, true);
    assert.deepEqual(report.inputs.map((i) => i.name), ['x_1', 'x_2']);
    assert.ok(report.maxRelError < 1e-6, String(report.maxRelError));
    const rebuilt = a.rebuild()!;
    const { variable } = await import('../../../engine');
    assertClose(rebuilt.f(variable(1), variable(0)).value.toNested(), 0);
  });

  it('checks tensor blocks with in-block inputs (autodiff code)', async () => {
    const [a] = analyzeMarkdown('```autodiff\nW = randn(3, 2); x = [1, 2]\nloss = logsumexp(W @ x) - (W @ x)[1]\n```\n');
    assert.equal(a.status, 'ok', a.message ?? '');
    const report = await checkBlock(a, defaultSettings);
    assert.equal(report.passed, true);
    assert.deepEqual(report.inputs.map((i) => i.name), ['W', 'x']);
  });

  it('refuses a block that is not evaluable', async () => {
    const [a] = analyzeMarkdown('$$a \\approx b$$');
    await assert.rejects(checkBlock(a, defaultSettings), /not-evaluable/);
  });
});

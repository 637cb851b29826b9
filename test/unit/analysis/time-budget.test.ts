// The per-block time budget (issue 13): past it a block is not evaluable and says why; the blocks
// around it still evaluate. The editor's setting is validated (a non-positive budget keeps the default).
import * as assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../server/analysis';
import { EDITOR_BLOCK_TIME_MS, toServerSettings } from '../../../server/lsp/settings';

const heavy = 'Let $\\theta \\in \\mathbb{R}^{2000}$.\n\n$$ f = \\sum_{i=1}^{2000} \\sin(\\theta_i)\\cdot\\theta_i $$\n';
const light = '<!-- autodiff: x = 2 -->\n$$ y = x^2 $$\n';

describe('analysis: per-block time budget', () => {
  it('gives up on a block that takes longer, with a message naming the setting', () => {
    const [, sum] = new DocumentAnalyzer({ blockTimeMs: 0.001 }).analyze('file:///budget.md', heavy, 'markdown');
    assert.equal(sum.status, 'not-evaluable');
    assert.match(sum.message ?? '', /takes longer than 0\.001 ms \(setting adjoint\.limits\.blockTimeMs\)/);
  });

  it('a block within the budget evaluates', () => {
    const [square] = new DocumentAnalyzer({ blockTimeMs: 60_000 }).analyze('file:///budget.md', light, 'markdown');
    assert.equal(square.status, 'ok', square.message ?? '');
    assert.equal(square.value, 4);
  });

  it('has no budget by default outside the editor (the CLI evaluates whatever it takes)', () => {
    const [, sum] = new DocumentAnalyzer().analyze('file:///budget.md', heavy, 'markdown');
    assert.equal(sum.status, 'ok', sum.message ?? '');
  });

  it('reads adjoint.limits.blockTimeMs, 2 s when missing, not positive or not a number', () => {
    assert.equal(EDITOR_BLOCK_TIME_MS, 2000);
    assert.equal(toServerSettings({ limits: { blockTimeMs: 500 } }).analysis.blockTimeMs, 500);
    assert.equal(toServerSettings({}).analysis.blockTimeMs, 2000);
    assert.equal(toServerSettings({ limits: { blockTimeMs: 0 } }).analysis.blockTimeMs, 2000);
    assert.equal(toServerSettings({ limits: { blockTimeMs: -3 } }).analysis.blockTimeMs, 2000);
    assert.equal(toServerSettings({ limits: { blockTimeMs: 'soon' as unknown as number } }).analysis.blockTimeMs, 2000);
  });
});

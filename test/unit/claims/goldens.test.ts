// Second derivatives in LaTeX notation against PyTorch (test/goldens/derivatives_goldens.py).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBlock, defaultSettings } from '../../../server/analysis';
import { analyze, close, display, onlyBlock } from './helpers';

interface GoldenCase { id: string; lines: string[]; annotation: string; value: number }
const goldens = JSON.parse(readFileSync(join(__dirname, '../../goldens/derivatives.json'), 'utf8')) as { cases: GoldenCase[] };

describe('second derivatives against PyTorch goldens', () => {
  it('has the cases', () => assert.ok(goldens.cases.length >= 6));

  for (const c of goldens.cases) {
    it(`${c.id}: ${c.lines[c.lines.length - 1]}`, async () => {
      const blocks = c.lines[0].includes('(x) =')
        // A function definition is its own block; the derivative block calls it.
        ? [display([c.lines[0]], c.annotation), display(c.lines.slice(1), c.annotation)].join('\n')
        : display(c.lines, c.annotation);
      const analyses = analyze(blocks);
      const a = analyses[analyses.length - 1];
      assert.equal(a.status, 'ok', a.message ?? '');
      close(a.value, c.value, 1e-10);
      // The derivative block's own gradient (third derivatives) passes the finite-difference check.
      const report = await checkBlock(a, defaultSettings);
      assert.equal(report.passed, true, JSON.stringify(report.inputs));
    });
  }

  it('a claim block passes its gradient check too (derivatives re-evaluated at perturbed points)', async () => {
    const a = onlyBlock(display(['y = \\ln(x_1) + x_1 x_2 - \\sin(x_2)', '\\frac{\\partial y}{\\partial x_1} = \\frac{1}{x_1} + x_2'], 'x_1 = 2, x_2 = 5'));
    const report = await checkBlock(a, defaultSettings);
    assert.equal(report.passed, true);
    assert.deepEqual(report.inputs.map((i) => i.name), ['x_1', 'x_2']);
  });
});

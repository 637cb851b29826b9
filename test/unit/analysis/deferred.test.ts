// settings.deferAfterMs (the server's main thread): a block that outruns it is deferred, not judged,
// and so is every block that reads a name it defines; the others are analysed as always. The
// background worker (test/unit/server/background.test.ts) evaluates the deferred ones.
import * as assert from 'node:assert/strict';
import { DocumentAnalyzer, type BlockAnalysis } from '../../../server/analysis';

// A few hundred milliseconds of scalar graph: far past the 20 ms given here.
const slow = '$$ f = \\sum_{i=1}^{3000} \\sin(\\theta_i) \\cdot \\theta_i $$';
const note = (withSlow: boolean) => [
  'Let $\\theta \\in \\mathbb{R}^{3000}$.',
  '',
  withSlow ? slow : '$$ q = 1 $$',
  '',
  '<!-- autodiff: a = 2 -->',
  '$$ b = a^2 $$',
  '',
  '$$ g = f + b $$',
  '',
  '$$ c = b + 1 $$',
  '',
].join('\n');

function byText(blocks: BlockAnalysis[], start: string): BlockAnalysis {
  const found = blocks.find((a) => a.block.text.trim().startsWith(start));
  assert.ok(found, `no block starting with ${start}`);
  return found;
}

describe('deferring slow blocks (settings.deferAfterMs)', () => {
  const uri = 'file:///notes/deferred.md';

  it('defers the slow block and its readers, and analyses the rest as without the limit', () => {
    const deferred = new DocumentAnalyzer({ deferAfterMs: 20 }).analyze(uri, note(true), 'markdown');
    const full = new DocumentAnalyzer().analyze(uri, note(true), 'markdown');
    for (const start of ['f =', 'g =']) {
      const a = byText(deferred, start);
      assert.equal(a.deferred, true, start);
      assert.equal(a.status, 'not-evaluable');
      assert.match(a.message ?? '', /analysing in the background/);
      assert.deepEqual(a.problems, [], 'a deferred block shows nothing until the background has it');
      assert.equal(byText(full, start).status, 'ok');
    }
    for (const start of ['b =', 'c =']) {
      assert.equal(byText(deferred, start).deferred, undefined, start);
      assert.deepEqual(byText(deferred, start).value, byText(full, start).value, start);
    }
  });

  it('never defers a small block, however long it took (a cold start, a collection, a busy machine)', () => {
    const lecture = '<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$ y = \\ln(x_1) + x_1 x_2 - \\sin(x_2) $$\n';
    const [y] = new DocumentAnalyzer({ deferAfterMs: 0 }).analyze(uri, lecture, 'markdown');
    assert.equal(y.deferred, undefined);
    assert.equal(y.status, 'ok');
    assert.equal(byText(new DocumentAnalyzer({ deferAfterMs: 0 }).analyze(uri, note(true), 'markdown'), 'f =').deferred, true);
  });

  it('takes a reader out of the deferred list once the slow block is gone (the cache keeps no verdict)', () => {
    const analyzer = new DocumentAnalyzer({ deferAfterMs: 20 });
    analyzer.analyze(uri, note(true), 'markdown');
    const after = analyzer.analyze(uri, note(false), 'markdown');
    const fresh = new DocumentAnalyzer({ deferAfterMs: 20 }).analyze(uri, note(false), 'markdown');
    const g = byText(after, 'g =');
    assert.equal(g.deferred, undefined);
    assert.equal(g.status, byText(fresh, 'g =').status);
    assert.deepEqual(g.value, byText(fresh, 'g =').value);
  });

  it('keeps the limit of the whole block (blockTimeMs) a verdict: not evaluable, naming the setting', () => {
    const blocks = new DocumentAnalyzer({ blockTimeMs: 20 }).analyze(uri, note(true), 'markdown');
    const f = byText(blocks, 'f =');
    assert.equal(f.deferred, undefined);
    assert.match(f.message ?? '', /takes longer than 20 ms \(setting adjoint\.limits\.blockTimeMs\)/);
  });
});

// Incremental analysis: after an edit only the edited block and the blocks that read its
// definitions are evaluated again; everything else comes from the cache, spans shifted.
import * as assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../server/analysis';
import { assertClose, blockWith } from './helpers';

const uri = 'file:///notes/incremental.md';
const doc = (a: string) => [
  `Let $a = ${a}$.`, '',
  '$$b = 2 a$$', '',
  '$$c = b + 1$$', '',
  '<!-- autodiff: x = 3 -->', '$$d = x^2$$', '',
  '$$e = \\sin(z)$$',
].join('\n');

describe('incremental analysis', () => {
  it('recomputes nothing when nothing changed', () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.analyze(uri, doc('1'), 'markdown');
    assert.equal(analyzer.stats.recomputed, 5);
    analyzer.analyze(uri, doc('1'), 'markdown');
    assert.equal(analyzer.stats.recomputed, 0);
    assert.equal(analyzer.stats.reused, 5);
  });

  it('after a one-character edit recomputes that block and its dependents only', () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.analyze(uri, doc('1'), 'markdown');
    const blocks = analyzer.analyze(uri, doc('4'), 'markdown');
    assert.equal(analyzer.stats.recomputed, 3, 'a, b = 2a, c = b + 1');
    assert.equal(analyzer.stats.reused, 2, 'd and e come from the cache');
    assertClose(blockWith(blocks, 'c = b').value, 9);
  });

  it('shifts the spans of reused blocks when text before them grows', () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.analyze(uri, doc('1'), 'markdown');
    const edited = doc('1').replace('Let $a = 1$.', () => 'Let $a = 1$ (some more prose).');
    const blocks = analyzer.analyze(uri, edited, 'markdown');
    assert.equal(analyzer.stats.recomputed, 0);
    const d = blockWith(blocks, 'd = x^2');
    const power = d.graph.nodes().find((n) => n.op === 'pow');
    assert.ok(power?.span, 'the x^2 node has a span');
    assert.equal(edited.slice(power.span.start, power.span.end), 'x^2');
    const def = d.definitions.find((x) => x.name === 'd')!;
    assert.equal(edited.slice(def.span.start, def.span.end), 'd');
  });

  it('recomputes a reader when an earlier block starts defining a name it sampled', () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.analyze(uri, doc('1'), 'markdown');
    const blocks = analyzer.analyze(uri, doc('1').replace('Let $a = 1$.', 'Let $a = 1$ and $z = 0$.'), 'markdown');
    assertClose(blockWith(blocks, 'e = \\sin(z)').value, 0);
  });
});

describe('incremental analysis of claims', () => {
  it('moves a cached claim to its new line when lines are inserted above it', () => {
    const note = '<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$\ny = \\ln(x_1) + x_1 x_2 - \\sin(x_2) \\\\\n\\frac{\\partial y}{\\partial x_1} = \\frac{1}{x_1} + x_2\n$$\n';
    const analyzer = new DocumentAnalyzer();
    const [before] = analyzer.analyze(uri, note, 'markdown');
    assert.equal(before.claims.length, 1, before.message ?? '');
    const [after] = analyzer.analyze(uri, '# Title\n\n' + note, 'markdown');
    assert.equal(analyzer.stats.recomputed, 0);
    assert.equal(after.claims[0].line, before.claims[0].line + 2);
  });
});

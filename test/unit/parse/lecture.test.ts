// Every block of the lecture note parses without a ParseError (LaTeX must never turn red), and
// the blocks the analysis evaluates have the expected trees.
import { strict as assert } from 'assert';
import { parseLatex } from '../../../server/parse/latex';
import { scanDocument } from '../../../server/scan/blocks';
import { describeOnSharedLecture } from '../../lectureNote';
import { sxBlock } from './sexpr';

describeOnSharedLecture('parse: the lecture note', (lecture) => {
  const parsed = scanDocument(lecture, 'markdown').map((b) => parseLatex(b.text, b.content.start));

  it('has no ParseError and no unreadable equation in any block', () => {
    for (const [i, block] of parsed.entries()) {
      assert.deepEqual(block.errors, [], `block ${i}`);
      assert.equal(block.unsupported, undefined, `block ${i}: ${block.unsupported?.reason}`);
    }
  });

  it('reads the evaluable blocks', () => {
    assert.equal(sxBlock(parsed[10]), '(= y (- (+ (log x_1) (* x_1 x_2)) (sin x_2)))');
    assert.equal(sxBlock(parsed[9]), '(= (f \\theta) (prod i 1 n \\theta_i))');
    assert.equal(sxBlock(parsed[1]), '(= (\\ell x y) (+ (neg (h[y] x)) (log (sum j 1 n (exp (h[j] x))))))');
    assert.equal(sxBlock(parsed[2]), '(:= \\theta (- \\theta (*i \\alpha (deriv nabla \\ell \\theta))))');
  });

  it('reads the derivative blocks as derivatives and the rest as not evaluable', () => {
    assert.equal(sxBlock(parsed[6]), '(= (deriv partial (+ (f \\theta) (g \\theta)) \\theta) (+ (deriv partial f \\theta) (deriv partial g \\theta)))');
    assert.equal(sxBlock(parsed[20]).split('; ')[1], '(= y (f v_2 v_3))');
    assert.match(sxBlock(parsed[4]), /^\(= \(deriv partial \(f \\theta\) \\theta_i\) \(\? limits are not evaluable\)\); \(\\approx /);
    assert.match(sxBlock(parsed[11]), /\\to/);
    assert.match(sxBlock(parsed[23]), /^\(= \(\? .*adjoint.*\) \(deriv partial y Z\)\); \(= \(deriv partial y Z\) \[\[\(deriv partial y Z_\{1,1\}\)/);
  });
});

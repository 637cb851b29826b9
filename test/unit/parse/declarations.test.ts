// Shape declarations of several names at once, `x, y \in \mathbb{R}^n` (SPEC §3): each listed name is
// declared with the shape; a broken list is abandoned with a message and the range of the break.
import { strict as assert } from 'assert';
import type { Stmt } from '../../../server/parse/ast';
import { parseLatex } from '../../../server/parse/latex';
import { sxBlock } from './sexpr';

const OFFSET = 40;   // as if the formula started at offset 40 of a note
type Shape = Extract<Stmt, { kind: 'shape' }>;

function shapesOf(source: string): Shape[] {
  const block = parseLatex(source, OFFSET);
  assert.equal(block.unsupported, undefined, block.unsupported?.reason);
  assert.deepEqual(block.errors, []);
  return block.statements.filter((s): s is Shape => s.kind === 'shape');
}

/** The source text under a span given in document offsets. */
const under = (source: string, span: { start: number; end: number }): string => source.slice(span.start - OFFSET, span.end - OFFSET);

describe('parseLatex: lists of declared names', () => {
  const LISTS: Array<[string, string]> = [
    ['x, y \\in \\mathbb{R}^n', '(shape x n); (shape y n)'],
    ['x_1, x_2 \\in \\mathbb{R}', '(shape x_1); (shape x_2)'],
    ['W, b \\in \\mathbb{R}^{3\\times 4}', '(shape W 3 4); (shape b 3 4)'],
    ['\\mathbf{u}, \\mathbf{v}, \\mathbf{w} \\in \\mathbb{R}^{d}', '(shape u d); (shape v d); (shape w d)'],
    ['W^{(1)}, W^{(2)} \\in \\mathbb{R}^{m \\times n}.', '(shape W^{(1)} m n); (shape W^{(2)} m n)'],
    ['y = Wx + b, \\quad W, b \\in \\mathbb{R}^{2}', '(= y (+ (*i W x) b)); (shape W 2); (shape b 2)'],
    ['x, y \\in \\mathbb{R}^n, \\; z \\in \\mathbb{R}', '(shape x n); (shape y n); (shape z)'],
    ['a, b \\in \\mathbb{R}^2 \\\\ c = a^T b', '(shape a 2); (shape b 2); (= c (*i (T a) b))'],
  ];
  for (const [source, expected] of LISTS) {
    it(`declares every name of ${source}`, () => {
      assert.equal(sxBlock(parseLatex(source, OFFSET)), expected);
    });
  }

  it('gives each declared name its own range and the whole declaration as the statement range', () => {
    const source = 'x_1, \\theta \\in \\mathbb{R}^{3}';
    const [x, theta] = shapesOf(source);
    assert.deepEqual([under(source, x.nameSpan), under(source, theta.nameSpan)], ['x_1', '\\theta']);
    assert.equal(under(source, x.span), source);
    assert.deepEqual(theta.span, x.span);
  });

  it('keeps what is not a declared list as before', () => {
    assert.equal(sxBlock(parseLatex('a, b', 0)), 'a; b');
    assert.equal(sxBlock(parseLatex('a = 1, b \\in \\mathbb{R}^2', 0)), '(= a 1); (shape b 2)');
    assert.equal(sxBlock(parseLatex('x \\in \\mathbb{R}^n, y \\in \\mathbb{R}^m', 0)), '(shape x n); (shape y m)');
    // Not ℝ: a relation about y, nothing declared (as a single `y \in S` is).
    assert.equal(sxBlock(parseLatex('x, y \\in S', 0)), 'x; (\\in y S)');
  });

  const BROKEN: Array<[string, string, string]> = [
    // source, words of the message, the text its range covers
    ['x, \\in \\mathbb{R}', "expected a name after ',' in the list of declared names, found '\\in'", ', \\in'],
    ['x,, y \\in \\mathbb{R}^3', "expected a name after ',' in the list of declared names, found ','", ',,'],
    ['x, y,, z \\in \\mathbb{R}^3', "found ','", ',,'],
    ['x + 1, y \\in \\mathbb{R}', "expected a name in the list of declared names, found 'x + 1'", 'x + 1'],
    ['x, 2 \\in \\mathbb{R}', "found '2'", '2'],
    ['x, y \\in \\mathbb{R} = 3', "unexpected '='", '='],
    ['x, y) \\in \\mathbb{R}', "expected \\in \\mathbb{R}… after the list of declared names, found ')'", ')'],
    ['x_1, \\ldots, x_n \\in \\mathbb{R}', 'ellipsis', '\\ldots'],
  ];
  for (const [source, message, covered] of BROKEN) {
    it(`says what is wrong in ${source}, with its range`, () => {
      const block = parseLatex(source, OFFSET);
      assert.ok(block.unsupported, sxBlock(block));
      assert.ok(block.unsupported.reason.includes(message), block.unsupported.reason);
      assert.equal(under(source, block.unsupported.span), covered);
      assert.ok(!block.statements.some((s) => s.kind === 'shape'), sxBlock(block));
    });
  }
});

import { strict as assert } from 'assert';
import { parseAutodiff } from '../../../server/parse/autodiff';
import { sxBlock } from './sexpr';

const tree = (source: string): string => {
  const block = parseAutodiff(source, 0);
  assert.deepEqual(block.errors, [], JSON.stringify(block.errors));
  return sxBlock(block);
};

describe('parseAutodiff: the language of SPEC §2', () => {
  it('reads the SPEC example', () => {
    const source = 'x1 = 2; x2 = 5\ny = log(x1) + x1*x2 - sin(x2)\nW = randn(4, 3); b = zeros(4); x = [1, 2, 3]\nloss = logsumexp(W @ x + b) - (W @ x + b)[2]';
    assert.equal(tree(source), [
      '(= x1 2)', '(= x2 5)', '(= y (- (+ (log x1) (* x1 x2)) (sin x2)))', '(= W (randn 4 3))', '(= b (zeros 4))', '(= x [1 2 3])',
      '(= loss (- (logsumexp (+ (@ W x) b)) (index0 (+ (@ W x) b) 2)))',
    ].join('; '));
  });

  it('follows Python precedence: ** right-assoc and above unary minus', () => {
    assert.equal(tree('-x**2'), '(neg (^ x 2))');
    assert.equal(tree('a**b**c'), '(^ a (^ b c))');
    assert.equal(tree('2**-1'), '(^ 2 (neg 1))');
    assert.equal(tree('a + b * c @ d / e'), '(+ a (/ (@ (* b c) d) e))');
    assert.equal(tree('-(a - b) - c'), '(- (neg (- a b)) c)');
  });

  it('reads indexing and slicing from 0', () => {
    assert.equal(tree('a[1] + a[1:3] + a[:, 0] + a[-1] + a[::2]'),
      '(+ (+ (+ (+ (index0 a 1) (index0 a (: 1 3 _))) (index0 a (: _ _ _) 0)) (index0 a (neg 1))) (index0 a (: _ _ 2)))');
  });

  it('reads .T, attributes, keyword axis, module prefixes and methods', () => {
    assert.equal(tree('x.T + x.shape'), '(+ (T x) (attr x shape))');
    assert.equal(tree('sum(t, axis=0)'), '(sum t :axis 0)');
    assert.equal(tree('np.log(x) + x.sum(axis=1)'), '(+ (log x) (sum x :axis 1))');
    assert.equal(tree('grad(y, x)'), '(grad y x)');
  });

  it('reads array literals and tuples', () => {
    assert.equal(tree('[[1, 2], [3, 4],]'), '[[1 2] [3 4]]');
    assert.equal(tree('reshape(x, (2, 3)) + zeros((4,))'), '(+ (reshape x [2 3]) (zeros [4]))');
    assert.equal(tree('[]'), '[]');
  });

  it('separates statements by newlines and ;, ignores comments and newlines inside brackets', () => {
    assert.equal(tree('# setup\na = 1  # one\n\nb = f(a,\n      2); c = [1,\n 2]\r\nd = 3'), '(= a 1); (= b (f a 2)); (= c [1 2]); (= d 3)');
  });

  it('gives exact spans', () => {
    const block = parseAutodiff('y = log(x1)', 50);
    const stmt = block.statements[0];
    assert.deepEqual(stmt.span, { start: 50, end: 61 });
    assert.ok(stmt.kind === 'assign' && stmt.value.kind === 'call');
    assert.deepEqual(stmt.value.fnSpan, { start: 54, end: 57 });
    assert.deepEqual(stmt.value.args[0].span, { start: 58, end: 60 });
  });

  it('reads huge and tiny numbers', () => {
    assert.equal(tree('1e999 + 1.5e-3 + .5'), '(+ (+ Infinity 0.0015) 0.5)');
  });
});

describe('parseAutodiff: syntax errors', () => {
  const errorsOf = (source: string, offset = 0): Array<[number, number, string]> =>
    parseAutodiff(source, offset).errors.map((e) => [e.span.start, e.span.end, e.message]);

  it('names the unclosed bracket and where it opened, then reads the next line', () => {
    const block = parseAutodiff('a = 1\ny = (x + 1\nz = 3', 0);
    assert.deepEqual(block.errors.map((e) => [e.span.start, e.message]), [[17, "expected ')' to close '(' opened at line 2, column 5, found 'z'"]]);
    assert.equal(sxBlock(block), '(= a 1); (= z 3)');
  });

  it('locates positions in the document when given positionOf, else within the block', () => {
    const positionOf = (offset: number): { line: number; character: number } => ({ line: 40, character: offset - 100 });
    assert.match(parseAutodiff('f(1, 2', 100, positionOf).errors[0].message, /opened at line 41, column 2/);
    assert.match(parseAutodiff('f(1, 2', 100).errors[0].message, /opened at line 1, column 2 of this block/);
  });

  it('reports an unexpected = and recovers', () => {
    const block = parseAutodiff('x = = 3\nok = 1', 0);
    assert.deepEqual(block.errors.map((e) => [e.span.start, e.span.end, e.message]), [[4, 5, "expected an expression, found '='"]]);
    assert.equal(sxBlock(block), '(= ok 1)');
  });

  it('refuses to assign to anything but a name', () => {
    assert.deepEqual(errorsOf('f(x) = 3'), [[0, 4, "cannot assign to a function call: the left side of '=' must be a name"]]);
    assert.deepEqual(errorsOf('2 = x'), [[0, 1, "cannot assign to a number: the left side of '=' must be a name"]]);
  });

  it('explains a missing operand at the end of a line', () => {
    assert.deepEqual(errorsOf('y = 3 +\nz = 2'), [[7, 8, 'expected an expression, found the end of the line']]);
    assert.deepEqual(errorsOf('y = (3 +'), [[8, 8, 'unexpected end of input: expected an expression']]);
  });

  it('reports two statements on one line and stray characters', () => {
    assert.deepEqual(errorsOf('a b'), [[2, 3, "unexpected 'b': expected the end of the statement"]]);
    assert.deepEqual(errorsOf('x = 1 $ 2').map((e) => e[2])[0], "unexpected character '$'");
  });

  it('rejects unknown keywords, unsupported operators and augmented assignment', () => {
    assert.deepEqual(errorsOf('sum(x, keepdims=1)'), [[7, 15, "unknown keyword argument 'keepdims' (only axis= is supported)"]]);
    assert.deepEqual(errorsOf('a // b'), [[2, 4, "the operator '//' is not supported"]]);
    assert.match(errorsOf('a += 1')[0][2], /'\+=' is not supported: write a = a \+/);
    assert.deepEqual(errorsOf('sum(axis=0, x)'), [[12, 13, 'a positional argument cannot follow axis=']]);
  });

  it('reports an error inside a multi-line call once', () => {
    const block = parseAutodiff('y = f(a,\n  b c)\nz = 1', 0);
    assert.deepEqual(block.errors.map((e) => e.span.start), [13]);
    assert.equal(sxBlock(block), '(= z 1)');
  });

  it('reports one error per broken statement and keeps the good ones', () => {
    const block = parseAutodiff('a = (\nb = 2\nc = ]\nd = 4', 0);
    assert.equal(block.errors.length, 2);
    assert.equal(sxBlock(block), '(= b 2); (= d 4)');
  });

  it('gives up on 10,000 nested brackets with an error, not a stack overflow', () => {
    for (const source of ['('.repeat(10000) + 'x' + ')'.repeat(10000), '['.repeat(10000), '-'.repeat(10000) + 'x', 'x' + '**x'.repeat(10000)]) {
      const block = parseAutodiff(source, 0);
      assert.ok(block.errors.some((e) => /nesting deeper/.test(e.message)), JSON.stringify(block.errors.slice(0, 2)));
    }
  });
});

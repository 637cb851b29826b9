// Derivation claims in the autodiff language: `grad(y, x1) == 1/x1 + x2` (also after `assert`) is an
// assign statement with op '==' whose target is the grad call; '==' anywhere else is a syntax error
// with its range.
import { strict as assert } from 'assert';
import { parseAutodiff } from '../../../server/parse/autodiff';
import { sxBlock } from './sexpr';

const tree = (source: string): string => {
  const block = parseAutodiff(source, 0);
  assert.deepEqual(block.errors, [], JSON.stringify(block.errors));
  return sxBlock(block);
};

/** Each error as [the source text it covers, its message]. */
const errorsOf = (source: string): Array<[string, string]> =>
  parseAutodiff(source, 0).errors.map((e) => [source.slice(e.span.start, e.span.end), e.message]);

describe('parseAutodiff: derivation claims', () => {
  it('reads grad(y, x1) == formula as a claim, with Python precedence (== binds loosest)', () => {
    assert.equal(tree('grad(y, x1) == 1/x1 + x2'), '(== (grad y x1) (+ (/ 1 x1) x2))');
    assert.equal(tree('grad(loss, w) == 2 * X.T @ (X @ w - y)'), '(== (grad loss w) (@ (* 2 (T X)) (- (@ X w) y)))');
    assert.equal(tree('grad(y, x1) == -x1 ** 2'), '(== (grad y x1) (neg (^ x1 2)))');
  });

  it('reads nested grad (second order) and assert', () => {
    assert.equal(tree('grad(grad(y, x1), x2) == 1'), '(== (grad (grad y x1) x2) 1)');
    assert.equal(tree('assert grad(y, x1) == 1/x1 + x2'), '(== (grad y x1) (+ (/ 1 x1) x2))');
  });

  it('gives the claim the span of the whole statement, assert included, and its sides their own', () => {
    const source = 'y = 1\nassert grad(y, x1) == x2 + 1';
    const [, claim] = parseAutodiff(source, 100).statements;
    assert.ok(claim.kind === 'assign' && claim.op === '==');
    assert.equal(claim.span.start, 106);
    assert.equal(claim.span.end, 100 + source.length);
    assert.equal(source.slice(claim.target.span.start - 100, claim.target.span.end - 100), 'grad(y, x1)');
    assert.equal(source.slice(claim.value.span.start - 100, claim.value.span.end - 100), 'x2 + 1');
  });

  it('keeps claims among other statements, separated by newlines and ;', () => {
    assert.equal(tree('x1 = 2; y = x1 ** 2\ngrad(y, x1) == 2 * x1; z = y'), '(= x1 2); (= y (^ x1 2)); (== (grad y x1) (* 2 x1)); (= z y)');
  });

  it('still lets assert be an ordinary name when it is assigned', () => {
    assert.equal(tree('assert = 3'), '(= assert 3)');
  });
});

describe('parseAutodiff: malformed claims and stray ==', () => {
  const EXAMPLE = 'grad(y, x1) == 1/x1 + x2';

  it('== inside an expression or an assigned value is an error on the ==', () => {
    const inside = `'==' is allowed only in a derivation claim, a statement of its own outside brackets: ${EXAMPLE}`;
    assert.deepEqual(errorsOf('a = (b == c)'), [['==', inside]]);
    assert.deepEqual(errorsOf('a = b == c'), [['==', inside]]);
    assert.deepEqual(errorsOf('f(grad(y, x) == 2)'), [['==', inside]]);
    assert.deepEqual(errorsOf('assert (grad(y, x1) == 2)'), [['==', inside]]);
  });

  it('a left side that is not grad(…) is an error on that left side', () => {
    const message = `the left side of '==' must be a derivative grad(…, …): a claim compares autodiff's derivative with your formula, as in ${EXAMPLE}`;
    assert.deepEqual(errorsOf('x1 == 2'), [['x1', message]]);
    assert.deepEqual(errorsOf('grad(y, x1) + 1 == 3'), [['grad(y, x1) + 1', message]]);
    assert.deepEqual(errorsOf('log(y) == 3'), [['log(y)', message]]);
  });

  it('grad with other than two arguments, at any depth, is an error on that call', () => {
    const message = 'grad takes two arguments, what to differentiate and the input: grad(y, x1)';
    assert.deepEqual(errorsOf('grad(y) == 1'), [['grad(y)', message]]);
    assert.deepEqual(errorsOf('grad(grad(y, x1, x2), x2) == 1'), [['grad(grad(y, x1, x2), x2)', message]]);
    assert.deepEqual(errorsOf('grad(y, axis=0) == 1'), [['grad(y, axis=0)', message]]);
  });

  it('two == in one claim, a lone assert, a claim written with = and a missing formula', () => {
    assert.deepEqual(errorsOf('grad(y, x1) == 1 == 2'), [['==', `a claim has only one '==', as in ${EXAMPLE}`]]);
    assert.deepEqual(errorsOf('assert y > 0'), [['>', "the operator '>' is not supported"]]);
    assert.deepEqual(errorsOf('assert y'), [['y', `assert takes a derivation claim, as in assert ${EXAMPLE}`]]);
    assert.deepEqual(errorsOf('grad(y, x1) = x2'), [['grad(y, x1)', `cannot assign to a function call: the left side of '=' must be a name; to claim a derivative write ${EXAMPLE}`]]);
    assert.deepEqual(errorsOf('grad(y, x1) =='), [['', 'unexpected end of input: expected an expression']]);
  });

  it('reports each broken claim once and keeps the statements around it', () => {
    const block = parseAutodiff('x1 = 2\nx1 == 2\ny = x1 ** 2\na = (y == 1)\ngrad(y, x1) == 2 * x1', 0);
    assert.equal(block.errors.length, 2);
    assert.equal(sxBlock(block), '(= x1 2); (= y (^ x1 2)); (== (grad y x1) (* 2 x1))');
  });
});

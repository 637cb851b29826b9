import { strict as assert } from 'assert';
import { parseLatex } from '../../../server/parse/latex';
import { sxBlock } from './sexpr';
import { allNodes } from './walk';

/** [LaTeX, expected tree] — every construct of SPEC §2's LaTeX subset. */
const CASES: Array<[string, string]> = [
  // numbers, names, subscripts, primes, Greek
  ['3.25', '3.25'],
  ['x_1 + x_{12} + \\theta_i + W^{(1)} + x\'', '(+ (+ (+ (+ x_1 x_12) \\theta_i) W^{(1)}) x\')'],
  ['x_{1}', 'x_1'],
  ['x_12', '(*i x_1 2)'],
  ['\\Theta_{ij} + h_{y} + Z_{1,1}', '(+ (+ \\Theta_ij h_y) Z_{1,1})'],
  ['W^{(1)}_{ij}', 'W^{(1)}_ij'],
  ['\\theta^* + \\mathrm{x} + \\mathbf{x} + \\boldsymbol{\\theta}', '(+ (+ (+ \\theta^* x) x) \\theta)'],
  ['\\hat{y} + \\mathcal{L}', '(+ \\hat{y} \\mathcal{L})'],
  // operators and precedence
  ['a + b - c', '(- (+ a b) c)'],
  ['a \\cdot b \\times c * d / e', '(/ (* (* (* a b) c) d) e)'],
  ['-x^2', '(neg (^ x 2))'],
  ['a - -b', '(- a (neg b))'],
  ['\\frac{a}{b} + \\dfrac{1}{2} + \\tfrac12', '(+ (+ (/ a b) (/ 1 2)) (/ 1 2))'],
  // implicit multiplication
  ['x_1 x_2', '(*i x_1 x_2)'],
  ['2x', '(*i 2 x)'],
  ['xy', '(*i x y)'],
  ['\\alpha \\nabla_\\theta \\ell', '(*i \\alpha (deriv nabla \\ell \\theta))'],
  ['\\alpha (x + y)', '(*i \\alpha (+ x y))'],
  // powers and transposes
  ['x^2 + x^{n+1} + e^{-x}', '(+ (+ (^ x 2) (^ x (+ n 1))) (^ e (neg x)))'],
  ['W^T x + W^\\top y + W^{\\top} z + W^{T} u', '(+ (+ (+ (*i (T W) x) (*i (T W) y)) (*i (T W) z)) (*i (T W) u))'],
  // functions
  ['\\ln x + \\log(x) + \\exp(x) + \\sqrt{x}', '(+ (+ (+ (log x) (log x)) (exp x)) (sqrt x))'],
  ['\\sin x + \\cos(x) + \\tan x + \\tanh(x)', '(+ (+ (+ (sin x) (cos x)) (tan x)) (tanh x))'],
  ['\\sigma(z) + \\sigma^2', '(+ (sigmoid z) (^ \\sigma 2))'],
  ['\\max(0, x) + \\min\\{a, b\\}', '(+ (max 0 x) (min a b))'],
  ['\\operatorname{relu}(x) + \\mathrm{softmax}(z) + \\operatorname{logsumexp}(z)', '(+ (+ (relu x) (softmax z)) (logsumexp z))'],
  ['relu(x)', '(relu x)'],
  ['\\sin 2x', '(sin (*i 2 x))'],
  ['\\sin x \\cos y', '(*i (sin x) (cos y))'],
  ['\\sin^2 x', '(^ (sin x) 2)'],
  ['\\log \\sum_j \\exp(h_j)', '(log (sum j 1 (? implicit upper bound) (exp h_j)))'],
  ['\\sqrt[3]{x}', '(^ x (/ 1 3))'],
  // bars and norms
  ['|x| + \\|x\\| + \\|x\\|_2 + \\|x\\|_2^2 + \\|x\\|^2', '(+ (+ (+ (+ (abs x) (norm x)) (norm x)) (norm2sq x)) (norm2sq x))'],
  ['\\|w\\|_1 + \\|w\\|_\\infty + \\|w\\|_1^2', '(+ (+ (norm1 w) (normInf w)) (^ (norm1 w) 2))'],
  // a logarithm to a base is ln x / ln b
  ['\\log_2 p + \\log_{b}(x)', '(+ (/ (log p) (log 2)) (/ (log x) (log b)))'],
  // a function named with a word subscript; a component of a vector function
  ['\\ell_{ce}(z, y) + \\ell_{\\mathrm{softmax}}(z) + h_j(x)', '(+ (+ (\\ell_{ce} z y) (\\ell_{\\mathrm{softmax}} z)) (h[j] x))'],
  ['|a - |b||', '(abs (- a (abs b)))'],
  ['\\lvert x \\rvert', '(abs x)'],
  // brackets and layout
  ['\\left( a + b \\right) \\cdot \\bigl[ c \\bigr] + \\{ d \\}', '(+ (* (+ a b) c) d)'],
  ['\\displaystyle a \\, b \\; c \\! d \\quad', '(*i (*i (*i a b) c) d)'],
  ['{x}_i', 'x_i'],
  ['(a + b)_i', '(index1 (+ a b) i)'],
  // big operators
  ['\\sum_{j=1}^{n} x_j', '(sum j 1 n x_j)'],
  ['\\sum_{i=0}^{n-1} a_i b_i + c', '(+ (sum i 0 (- n 1) (*i a_i b_i)) c)'],
  ['\\prod_{i=1}^n \\theta_i', '(prod i 1 n \\theta_i)'],
  ['\\sum^{n}_{k=1} k', '(sum k 1 n k)'],
  // matrices
  ['\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}', '[[1 2] [3 4]]'],
  ['\\begin{pmatrix} a \\\\ b \\\\ \\end{pmatrix}', '[[a] [b]]'],
  // several equations
  ['a = 1 \\\\ b = a + 1', '(= a 1); (= b (+ a 1))'],
  ['\\begin{aligned} y &= a \\\\ &= b \\end{aligned}', '(= y a); (= a b)'],
  ['a = 1, b = 2.', '(= a 1); (= b 2)'],
  ['v_1 = x_1\nv_2 = x_2\nv_3 = v_1 v_2', '(= v_1 x_1); (= v_2 x_2); (= v_3 (*i v_1 v_2))'],
  ['y = a\n  + b', '(= y (+ a b))'],
  ['\\theta := \\theta - \\alpha g', '(:= \\theta (- \\theta (*i \\alpha g)))'],
  ['a \\coloneqq 2', '(:= a 2)'],
  // function definitions and calls
  ['h(x) = \\Theta^T x', '(= (h x) (*i (T \\Theta) x))'],
  ['f(x_1, x_2) = x_1 x_2', '(= (f x_1 x_2) (*i x_1 x_2))'],
  ['h_j(x)', '(h[j] x)'],
  ['\\ell(x, y) = -h_y(x) + \\log \\sum_{j=1}^n \\exp(h_j(x))', '(= (\\ell x y) (+ (neg (h[y] x)) (log (sum j 1 n (exp (h[j] x))))))'],
  // derivatives
  ['\\frac{\\partial y}{\\partial x_1}', '(deriv partial y x_1)'],
  ['\\frac{dy}{dx}', '(deriv d y x)'],
  ['\\frac{\\mathrm{d}y}{\\mathrm{d}x}', '(deriv d y x)'],
  ['\\frac{d}{dx} x^2', '(deriv d (^ x 2) x)'],
  ['\\partial_{x} y + \\partial_x y', '(+ (deriv partial-sub y x) (deriv partial-sub y x))'],
  ['\\nabla_\\theta \\ell + \\nabla f(x)', '(+ (deriv nabla \\ell \\theta) (deriv nabla (f x)))'],
  ['\\frac{\\partial^2 y}{\\partial x_1^2}', '(deriv partial y x_1 x_1)'],
  ['\\frac{\\partial^2 y}{\\partial x_1 \\partial x_2}', '(deriv partial y x_1 x_2)'],
  ['\\frac{\\partial f(\\theta)}{\\partial \\theta_i}', '(deriv partial (f \\theta) \\theta_i)'],
  ['\\partial y / \\partial x', '(deriv partial y x)'],
  ['\\frac{\\partial y}{\\partial x_1} = \\frac{1}{x_1} + x_2', '(= (deriv partial y x_1) (+ (/ 1 x_1) x_2))'],
  ['\\frac{d_1}{d_2}', '(/ d_1 d_2)'],
  // shapes
  ['\\theta \\in \\mathbb{R}^{n}', '(shape \\theta n)'],
  ['W \\in \\mathbb{R}^{m \\times n}', '(shape W m n)'],
  ['b \\in \\mathbb{R}^3', '(shape b 3)'],
  ['c \\in \\mathbb{R}', '(shape c)'],
  // relations
  ['a \\approx b', '(\\approx a b)'],
  ['x \\rightarrow h(x)', '(\\rightarrow x (h x))'],
  ['a \\le b < c', '(\\le a b); (< b c)'],
  // as ML notes write them
  ['\\mathbf{W}^{(1)} \\mathbf{x} + \\mathbf{b}^{(1)}', '(+ (*i W^{(1)} x) b^{(1)})'],
  ['\\frac{1}{m}\\sum_{i=1}^m (y_i - \\hat{y}_i)^2', '(*i (/ 1 m) (sum i 1 m (^ (- y_i \\hat{y}_i) 2)))'],
  ['L = -\\sum_i y_i \\log \\hat{y}_i', '(= L (neg (sum i 1 (? implicit upper bound) (*i y_i (log \\hat{y}_i)))))'],
  ['\\operatorname{softmax}(z)_i', '(index1 (softmax z) i)'],
  ['\\sigma\\left(W x + b\\right)', '(sigmoid (+ (*i W x) b))'],
  ['\\|W\\|_F^2 + \\mathcal{L}(\\theta)', '(+ (norm2sq W) (\\mathcal{L} \\theta))'],
  ['\\frac{\\partial}{\\partial \\theta_j} J(\\theta)', '(deriv partial (J \\theta) \\theta_j)'],
  ['\\exp\\left(x\\right) \\label{eq:1} \\tag{2}', '(exp x)'],
  // π
  ['2\\pi r', '(*i (*i 2 3.141592653589793) r)'],
];

/** Valid but not evaluable: each gives an unsupported node whose reason contains the word shown. */
const UNSUPPORTED: Array<[string, string]> = [
  ['\\lim_{\\epsilon \\to 0} \\frac{f(x + \\epsilon) - f(x)}{\\epsilon}', 'limit'],
  ['\\int_0^1 f(x) dx', 'integral'],
  ['\\mathbb{E}[x]', 'expectation'],
  ['\\mathbb{E}_{x \\sim p}[f(x)]', 'expectation'],
  ['\\text{where } x', 'prose'],
  ['x_1, \\ldots, x_n', 'ellipsis'],
  ['a + \\cdots + b', 'ellipsis'],
  ['\\bar{v}_i', 'adjoint'],
  ['\\dot{v}', 'tangent'],
  ['f + o(\\epsilon^2)', 'Landau'],
  ['\\foo{x}', '\\foo'],
  ['(x_1, x_2)', 'tuple'],
  ['\\sum_{j \\in S} x_j', 'set'],
  ['\\max_j h_j', 'over an index'],
  ['\\exp_2 x', 'over an index'],
  ['\\nabla^2 f', 'Hessian'],
  ['\\begin{cases} 1 \\\\ 0 \\end{cases}', 'cases'],
  ['n!', 'factorial'],
  ['\\mathbb{R}^n', 'set'],
  ['\\sin^{-1} x', 'inverse'],
  ['\\|x\\|_p', 'the p-norm'],
  ['p(y|x)', "'|'"],
  ['\\left. x^2 \\right|_{x=0}', 'evaluation'],
];

describe('parseLatex: the SPEC §2 subset', () => {
  for (const [source, expected] of CASES) {
    it(`reads ${source.replace(/\n/g, '\\n')}`, () => {
      const block = parseLatex(source, 0);
      assert.deepEqual(block.errors, []);
      assert.equal(block.unsupported, undefined, block.unsupported?.reason);
      assert.equal(sxBlock(block), expected);
    });
  }
});

describe('parseLatex: product commands record which product they write (SPEC §4)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['u \\cdot v', 'dot'], ['u \\bullet v', 'dot'], ['u \\times v', 'times'], ['u \\odot v', 'elementwise'],
    ['u \\circ v', 'circ'], ['u \\otimes v', 'outer'], ['u * v', undefined], ['u v', undefined],
  ];
  for (const [source, product] of cases) {
    it(`${source} -> ${product ?? 'no product symbol'}`, () => {
      const [statement] = parseLatex(source, 0).statements;
      assert.ok(statement.kind === 'expr' && statement.value.kind === 'binary' && statement.value.op === '*', JSON.stringify(statement));
      assert.equal(statement.value.product, product);
    });
  }
});

describe('parseLatex: valid math that is not evaluable', () => {
  for (const [source, reason] of UNSUPPORTED) {
    it(`marks ${source} as not evaluable (${reason})`, () => {
      const block = parseLatex(source, 0);
      assert.deepEqual(block.errors, [], 'no ParseError for unsupported LaTeX');
      const reasons = allNodes(block).filter((n) => n.kind === 'unsupported').map((n) => (n as { reason: string }).reason);
      assert.ok(reasons.some((r) => r.includes(reason)), `reasons: ${JSON.stringify(reasons)}`);
    });
  }
});

describe('parseLatex: positions', () => {
  const source = 'y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)';
  const offset = 1000;
  const doc = ' '.repeat(offset) + source;
  const block = parseLatex(source, offset);
  const textOf = (span: { start: number; end: number }): string => doc.slice(span.start, span.end);

  it('gives every node an absolute span that covers its source text', () => {
    const nodes = allNodes(block);
    const texts = nodes.map((n) => textOf(n.span));
    for (const expected of ['y', '\\ln(x_1)', 'x_1', 'x_1 \\cdot x_2', '\\sin(x_2)', '\\ln(x_1) + x_1 \\cdot x_2', source.slice(4)]) {
      assert.ok(texts.includes(expected), `no node spans ${expected}; spans: ${JSON.stringify(texts)}`);
    }
    assert.equal(textOf(block.statements[0].span), source);
  });

  it('spans the function name of a call', () => {
    const call = allNodes(block).find((n) => n.kind === 'call' && n.fn === 'log');
    assert.ok(call && call.kind === 'call');
    assert.equal(textOf(call.fnSpan), '\\ln');
  });

  it('spans function definitions: target, params and component', () => {
    const def = parseLatex('h_j(x) = x', 10).statements[0];
    assert.ok(def.kind === 'assign');
    assert.deepEqual(def.target.span, { start: 10, end: 13 });
    assert.deepEqual(def.params, [{ name: 'x', span: { start: 14, end: 15 } }]);
    assert.equal(def.target.kind === 'name' && def.target.name, 'h_j');
  });

  it('parses subscripts into index expressions', () => {
    const [stmt] = parseLatex('\\Theta_{ij} + x_{i+1}', 0).statements;
    const names = allNodes({ syntax: 'latex', statements: [stmt], errors: [] }).filter((n) => n.kind === 'name' && n.subscript);
    const subscripts = names.map((n) => n.kind === 'name' ? n.subscript!.map((s) => s.kind === 'name' ? s.name : s.kind) : []);
    assert.deepEqual(subscripts.sort(), [['binary'], ['i', 'j']]);
  });

  it('counts CRLF line breaks as separators with offsets into the original text', () => {
    const text = 'a = 1\r\nb = 2';
    const block2 = parseLatex(text, 0);
    assert.equal(sxBlock(block2), '(= a 1); (= b 2)');
    assert.deepEqual(block2.statements[1].span, { start: 7, end: 12 });
  });
});

describe('parseLatex: broken input', () => {
  it('reports unbalanced braces as a ParseError and reads nothing', () => {
    const block = parseLatex('\\frac{a}{b', 5);
    assert.equal(block.errors.length, 1);
    assert.deepEqual(block.errors[0].span, { start: 13, end: 14 });
    assert.match(block.errors[0].message, /never closed/);
    assert.ok(block.unsupported);
    assert.deepEqual(block.statements, []);
  });

  it('keeps the good equations when one cannot be read', () => {
    const block = parseLatex('a = 1 \\\\ b = ) \\\\ c = 3', 0);
    assert.deepEqual(block.errors, []);
    assert.equal(sxBlock(block).split('; ').length, 3);
    assert.ok(sxBlock(block).startsWith('(= a 1); (? '));
    assert.ok(sxBlock(block).endsWith('(= c 3)'));
    assert.ok(block.unsupported);
  });

  it('gives up on 10,000 nested brackets without overflowing the stack', () => {
    for (const source of ['('.repeat(10000) + 'x' + ')'.repeat(10000), '{'.repeat(10000) + 'x' + '}'.repeat(10000),
      'x^{'.repeat(10000) + '2' + '}'.repeat(10000), '-'.repeat(10000) + 'x', '\\sqrt{'.repeat(10000) + 'x' + '}'.repeat(10000)]) {
      const block = parseLatex(source, 0);
      assert.match(block.unsupported?.reason ?? '', /nesting/);
    }
  });
});

describe('parseLatex: subscripts of letters and digits', () => {
  it('Z_{i1} is two indices, i and 1; x_{2i} one index, 2i', () => {
    const [a, b] = ['Z_{i1}', 'x_{2i}'].map((src) => parseLatex(src, 0).statements[0]);
    assert.ok(a.kind === 'expr' && a.value.kind === 'name' && b.kind === 'expr' && b.value.kind === 'name');
    assert.deepEqual(a.value.subscript?.map((e) => e.kind), ['name', 'number']);
    assert.deepEqual(b.value.subscript?.map((e) => e.kind), ['binary']);
  });
});

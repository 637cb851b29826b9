import { strict as assert } from 'assert';
import fc from 'fast-check';
import {
  abs, add, broadcastTo, concat, constant, div, exp, grad, index, log, logSoftmax, logsumexp, matmul, max, maximum,
  mean, mul, NDArray, neg, pow, relu, reshape, sigmoid, sin, softmax, sqrt, sub, sum, tanh, Tensor, toFormula,
  transpose, variable, where,
} from '../../../engine';
import { evaluateExpr } from '../../../engine/formula/evaluate';
import { unicodeLabel } from '../../../engine/formula/labels';
import { Simplifier } from '../../../engine/formula/simplify';

const unicode = (t: Tensor) => toFormula(t, { style: 'unicode' });
const latex = (t: Tensor) => toFormula(t, { style: 'latex' });

function lecture() {
  const x1 = variable(2, 'x_1');
  const x2 = variable(5, 'x_2');
  const y = sub(add(log(x1), mul(x1, x2)), sin(x2));
  return { x1, x2, y };
}

describe('engine/symbolic toFormula', () => {
  describe("the lecture's example y = log(x₁) + x₁x₂ − sin(x₂)", () => {
    it('prints ∂y/∂x₁ as 1/x₁ + x₂', () => {
      const { x1, x2, y } = lecture();
      const [g1] = grad(y, [x1, x2]);
      assert.deepEqual(unicode(g1), { text: '1/x₁ + x₂', definitions: [] });
      assert.equal(latex(g1).text, '\\frac{1}{x_1} + x_2');
    });

    it('prints ∂y/∂x₂ as x₁ − cos(x₂)', () => {
      const { x1, x2, y } = lecture();
      const [, g2] = grad(y, [x1, x2]);
      assert.deepEqual(unicode(g2), { text: 'x₁ − cos(x₂)', definitions: [] });
      assert.equal(latex(g2).text, 'x_1 - \\cos(x_2)');
    });

    it('prints the function itself', () => {
      assert.equal(unicode(lecture().y).text, 'log(x₁) + x₁·x₂ − sin(x₂)');
      assert.equal(latex(lecture().y).text, '\\log(x_1) + x_1 \\cdot x_2 - \\sin(x_2)');
    });
  });

  describe('composite gradients', () => {
    it("sigmoid: σ' = σ(1 − σ), with σ(x) named once", () => {
      const x = variable(0.3, 'x');
      const f = unicode(grad(sigmoid(x), [x])[0]);
      assert.deepEqual(f, { text: 't₁·(1 − t₁)', definitions: [{ name: 't₁', text: 'σ(x)' }] });
      const l = latex(grad(sigmoid(x), [x])[0]);
      assert.deepEqual(l, { text: 't_{1} \\cdot \\left(1 - t_{1}\\right)', definitions: [{ name: 't_{1}', text: '\\sigma(x)' }] });
    });

    it('chain rule: d/dx sin(exp(x)) = cos(eˣ)·eˣ, with exp(x) named once', () => {
      const x = variable(0.7, 'x');
      assert.deepEqual(unicode(grad(sin(exp(x)), [x])[0]), { text: 'cos(t₁)·t₁', definitions: [{ name: 't₁', text: 'exp(x)' }] });
    });

    it('softmax cross-entropy: ∂/∂z of −log softmax(z)_1 is softmax(z) − e₁', () => {
      const z = variable([1, 2, 3], 'z');
      assert.equal(unicode(grad(neg(index(logSoftmax(z), 1)), [z])[0]).text, 'softmax(z) − [0, 1, 0]');
    });

    it('logsumexp: the gradient is softmax', () => {
      const z = variable([1, 2, 3], 'z');
      assert.equal(unicode(grad(logsumexp(z), [z])[0]).text, 'softmax(z)');
    });

    it('least squares: ∂/∂w mean((Xw − y)²) = Xᵀ·2(Xw − y)/3', () => {
      const w = variable([0.1, 0.2], 'w');
      const X = constant([[1, 2], [3, 4], [5, 6]], 'X');
      const y = constant([1, 0, 1], 'y');
      const g = grad(mean(pow(sub(matmul(X, w), y), 2)), [w])[0];
      assert.equal(unicode(g).text, 'Xᵀ·(2(X·w − y)/3)');
      assert.equal(latex(g).text, '{X}^\\top \\left(\\frac{2 \\left(X w - y\\right)}{3}\\right)');
    });

    it('norm: ∂‖v‖/∂v = v/‖v‖ (the 2 of the square and of the square root cancel)', () => {
      const v = variable([1, -2, 3], 'v');
      assert.equal(unicode(grad(sqrt(sum(mul(v, v))), [v])[0]).text, 'v/√Σ(v²)');
      assert.equal(latex(grad(sqrt(sum(mul(v, v))), [v])[0]).text, '\\frac{v}{\\sqrt{\\sum({v}^{2})}}');
    });

    it('max: the gradient marks where the maximum is', () => {
      const v = variable([1, -2, 3], 'v');
      assert.equal(unicode(grad(max(v), [v])[0]).text, '[v = max(v)]');
    });

    it('MLP hidden bias: elementwise and matrix products are kept apart by parentheses', () => {
      const W1 = variable([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], 'W^{(1)}');
      const b1 = variable([0.1, -0.2], 'b^{(1)}');
      const W2 = variable([[1, -1], [0.5, 0.5]], 'W^{(2)}');
      const x = constant([1, 2, 3], 'x');
      const z = matmul(W2, relu(add(matmul(W1, x), b1)));
      const f = unicode(grad(sub(logsumexp(z), index(z, 0)), [b1])[0]);
      assert.deepEqual(f, {
        text: '(W⁽²⁾ᵀ·(softmax(W⁽²⁾·relu(t₁)) − [1, 0])) ⊙ [t₁ > 0]',
        definitions: [{ name: 't₁', text: 'W⁽¹⁾·x + b⁽¹⁾' }],
      });
    });

    it('second derivative: d²/dx² x³ = 6x', () => {
      const x = variable(1.5, 'x');
      const first = grad(mul(x, mul(x, x)), [x])[0];
      assert.equal(unicode(first).text, '3x²');
      assert.equal(unicode(grad(first, [x])[0]).text, '6x');
    });
  });

  describe('simplification rules', () => {
    const x = variable(1.2, 'x');
    const y = variable(0.4, 'y');
    const z = variable(-0.8, 'z');
    const cases: Array<[string, () => Tensor, string, string?]> = [
      ['folds constants', () => mul(add(2, 3), x), '5x', '5 x'],
      ['x·1 + 0 → x', () => add(mul(x, 1), 0), 'x'],
      ['1·x → x', () => mul(1, x), 'x'],
      ['−(−x) → x', () => neg(neg(x)), 'x'],
      ['x/1 → x', () => div(x, 1), 'x'],
      ['x·(1/y) → x/y', () => mul(x, div(1, y)), 'x/y', '\\frac{x}{y}'],
      ['0·y terms dropped', () => add(x, mul(0, y)), 'x'],
      ['x − (y − z) flattens', () => sub(x, sub(y, z)), 'x − y + z'],
      ['x + (−y) → x − y', () => add(x, neg(y)), 'x − y'],
      ['like terms combine', () => add(mul(x, y), mul(mul(x, y), 2)), '3x·y'],
      ['x − x → 0', () => sub(x, x), '0'],
      ['parentheses only where needed: (x + y)·z', () => mul(add(x, y), z), '(x + y)·z', '\\left(x + y\\right) \\cdot z'],
      ['x/(y·z)', () => div(x, mul(y, z)), 'x/(y·z)', '\\frac{x}{y \\cdot z}'],
      ['(x + y)²', () => pow(add(x, y), 2), '(x + y)²', '{\\left(x + y\\right)}^{2}'],
      ['x·x → x², x⁻¹ in superscript', () => mul(pow(x, -3), mul(x, x)), 'x⁻¹'],
      ['√ of a sum', () => sqrt(add(x, 1)), '√(x + 1)', '\\sqrt{x + 1}'],
      ['broadcast and reshape of a scalar are elided', () => sum(broadcastTo(reshape(x, [1, 1]), [2, 3])), '6x'],
      ['a negative number term', () => sub(x, 2.5), 'x − 2.5'],
    ];
    for (const [name, make, text, tex] of cases) {
      it(name, () => {
        assert.equal(unicode(make()).text, text);
        if (tex) assert.equal(latex(make()).text, tex);
      });
    }
  });

  describe('shared subexpressions', () => {
    it('are named once, inner definitions first, avoiding names the leaves use', () => {
      const t = variable(0.5, 't');
      const t1 = variable(0.25, 't_1');
      const u = add(mul(t, t1), 1);
      const v = add(mul(u, u), sin(u));
      const y = mul(v, exp(v));
      const f = unicode(y);
      assert.equal(f.text, 'u₂·exp(u₂)');
      assert.deepEqual(f.definitions, [{ name: 'u₁', text: 't·t₁ + 1' }, { name: 'u₂', text: 'u₁² + sin(u₁)' }]);
    });

    it('recognises the same subexpression built twice', () => {
      const x = variable(0.5, 'x');
      const y = mul(tanh(add(x, 1)), tanh(add(x, 1)));
      assert.deepEqual(unicode(y), { text: 'tanh(x + 1)²', definitions: [] });
      const w = add(tanh(add(x, 1)), mul(2, exp(tanh(add(x, 1)))));
      assert.deepEqual(unicode(w), { text: 't₁ + 2exp(t₁)', definitions: [{ name: 't₁', text: 'tanh(x + 1)' }] });
    });
  });

  describe('labels', () => {
    const cases: Array<[string, string]> = [
      ['x_1', 'x₁'], ['x_{12}', 'x₁₂'], ['\\theta', 'θ'], ['\\theta_i', 'θᵢ'], ['W^{(1)}', 'W⁽¹⁾'],
      ['\\hat{y}', 'ŷ'], ["x'", 'x′'], ['v_3', 'v₃'], ['\\Theta_{ij}', 'Θᵢⱼ'], ['x_{b}', 'x_b'], ['loss', 'loss'],
    ];
    for (const [label, expected] of cases) it(`${label} → ${expected}`, () => assert.equal(unicodeLabel(label), expected));

    it('LaTeX keeps labels as written, words upright', () => {
      const theta = variable(1, '\\theta_i');
      const loss = variable(1, 'loss');
      assert.equal(latex(mul(theta, loss)).text, '\\theta_i \\cdot \\mathrm{loss}');
    });
  });

  it('says a graph is too large instead of printing it', () => {
    let t: Tensor = variable(0.1, 'x');
    for (let i = 0; i < 2500; i++) t = sin(t);
    const f = unicode(t);
    assert.match(f.text, /2,501 nodes.*too large.*2,000/);
  });
});

describe('engine/symbolic simplification is sound', () => {
  // Each case builds a graph from inputs; we check the output, every first derivative and (for
  // scalar functions) one second derivative: the simplified expression, evaluated, must equal the
  // engine's value at random points.
  interface Case { name: string; shapes: number[][]; positive?: boolean; f: (...xs: Tensor[]) => Tensor }
  const cases: Case[] = [
    { name: 'lecture', shapes: [[], []], positive: true, f: (a, b) => sub(add(log(a), mul(a, b)), sin(b)) },
    { name: 'sigmoid chain', shapes: [[], []], f: (a, b) => mul(sigmoid(add(mul(a, b), 1)), tanh(a)) },
    { name: 'powers and quotients', shapes: [[], []], positive: true, f: (a, b) => sub(add(div(a, pow(b, 3)), sqrt(a)), mul(pow(a, 0.5), b)) },
    { name: 'softplus', shapes: [[], []], f: (a, b) => log(add(1, exp(neg(mul(a, b))))) },
    { name: 'softmax cross-entropy', shapes: [[3, 4], [4]], f: (W, x) => neg(index(logSoftmax(matmul(W, x)), 1)) },
    { name: 'two-layer MLP', shapes: [[4, 3], [4], [2, 4], [3]],
      f: (W1, b1, W2, x) => { const z = matmul(W2, relu(add(matmul(W1, x), b1))); return sub(logsumexp(z), index(z, 0)); } },
    { name: 'least squares', shapes: [[3, 2], [2], [3]], f: (X, w, y) => mean(pow(sub(matmul(X, w), y), 2)) },
    { name: 'broadcasting', shapes: [[3, 1], [1, 4]], f: (a, b) => sum(mul(a, exp(b))) },
    { name: 'max, maximum, abs', shapes: [[3], [3]], f: (a, b) => add(add(sum(maximum(a, b)), max(a)), sum(abs(mul(a, b)))) },
    { name: 'softmax, transpose, reshape, concat, where', shapes: [[2, 3], [3, 2]],
      f: (a, c) => {
        const s = softmax(reshape(concat([a, a], 0), [3, 4]), 0);
        const t = reshape(concat([transpose(c), transpose(c)], 0), [3, 4]);
        return sum(mul(s, where(constant([1, 0, 1, 0]), t, 2)));
      } },
  ];

  function randomInput(shape: number[], seed: number, positive: boolean): NDArray {
    const size = shape.reduce((p, d) => p * d, 1);
    let s = seed >>> 0 || 1;
    const data = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
      const u = s / 4294967296;
      data[i] = positive ? 0.2 + 2.8 * u : -2 + 4 * u;
    }
    return new NDArray(data, shape);
  }

  function assertSound(node: Tensor, what: string) {
    const expr = new Simplifier().fromGraph(node, (t) => t.label);
    const value = broadcastTo(evaluateExpr(expr), node.shape as number[]).value;
    for (let i = 0; i < node.value.size; i++) {
      const [got, want] = [value.data[i], node.value.data[i]];
      if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `${what}[${i}]: NaN expected`);
      else assert.ok(Math.abs(got - want) <= 1e-9 * (1 + Math.abs(want)), `${what}[${i}]: ${got} vs ${want}`);
    }
  }

  for (const c of cases) {
    it(c.name, () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const xs = c.shapes.map((s, i) => variable(randomInput(s, seed + 7919 * i, c.positive === true), `x_${i + 1}`));
        const y = c.f(...xs);
        assertSound(y, 'y');
        const grads = grad(y, xs);
        grads.forEach((g, i) => assertSound(g, `∂y/∂x_${i + 1}`));
        const second = grad(sum(mul(grads[0], grads[0])), xs);
        second.forEach((g, i) => assertSound(g, `∂(Σ(∂y/∂x_1)²)/∂x_${i + 1}`));
      }), { numRuns: 15 });
    });
  }
});

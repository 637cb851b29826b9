// Second derivatives: grad of grad (the gradient graph differentiated again) as Hessian-vector
// products, against central differences of the autodiff first derivative. Every elementwise op, and
// the structural ops whose gradients are built of other ops (scatter, masks, transposes).
import * as E from '../../../engine';
import { NDArray, Tensor } from '../../../engine';
import { assertAllClose, awayFromZero, numericGradient, randomArray, rng } from './helpers';

/** d/dx of (d/dx Σ w·f(x)) evaluated by autodiff, as a function of x (so it can be differenced). */
function firstDerivative(f: (x: Tensor) => Tensor, w: NDArray): (xs: NDArray[]) => Float64Array {
  return ([x]) => {
    const v = E.variable(x);
    return E.grad(E.sum(E.mul(f(v), E.constant(w))), [v])[0].value.data;
  };
}

/** Hessian-vector product u ↦ H u of Σ w·f(x) by grad of grad, vs central differences of the gradient along u. */
function checkSecondDerivative(name: string, f: (x: Tensor) => Tensor, x: NDArray): void {
  const next = rng(11);
  const w = randomArray(f(E.constant(x)).shape, next, -1, 1);
  const u = randomArray(x.shape, next, -1, 1);
  const v = E.variable(x);
  const g = E.grad(E.sum(E.mul(f(v), E.constant(w))), [v])[0];
  const hu = E.grad(E.sum(E.mul(g, E.constant(u))), [v])[0].value.data;
  // Numerical: ⟨∇f(x), u⟩ differenced coordinate-wise gives (H u)_i since H is symmetric.
  const first = firstDerivative(f, w);
  const phi = (xs: NDArray[]): number => first(xs).reduce((s, gi, i) => s + gi * u.data[i], 0);
  const num = numericGradient(phi, [x], 0, 1e-5);
  assertAllClose(hu, num, 1e-5, 1e-5, `${name}: H u`);
}

describe('engine: second derivatives (grad of grad)', () => {
  const anyX = randomArray([5], rng(1), -2, 2);
  const positiveX = randomArray([5], rng(2), 0.3, 2);
  const smallX = randomArray([5], rng(3), -1, 1);
  const kinkFree = awayFromZero([5], rng(4));
  const cases: Array<[string, (x: Tensor) => Tensor, NDArray]> = [
    ['exp', E.exp, anyX], ['log', E.log, positiveX], ['sin', E.sin, anyX], ['cos', E.cos, anyX],
    ['tan', E.tan, smallX], ['tanh', E.tanh, anyX], ['sigmoid', E.sigmoid, anyX], ['sqrt', E.sqrt, positiveX],
    ['relu', E.relu, kinkFree], ['abs', E.abs, kinkFree], ['neg', E.neg, anyX],
    ['pow x^3', (x) => E.pow(x, 3), anyX], ['pow x^-1.5', (x) => E.pow(x, -1.5), positiveX],
    ['pow x^x (tensor exponent)', (x) => E.pow(x, x), positiveX],
    ['mul x·x', (x) => E.mul(x, x), anyX], ['div 1/x', (x) => E.div(1, x), positiveX],
    ['div x/(1+x²)', (x) => E.div(x, E.add(1, E.mul(x, x))), anyX],
    ['add x + x²', (x) => E.add(x, E.mul(x, x)), anyX], ['sub x² − x³', (x) => E.sub(E.mul(x, x), E.pow(x, 3)), anyX],
    ['maximum(x², 1)', (x) => E.maximum(E.mul(x, x), 1), kinkFree],
    ['minimum(x³, x)', (x) => E.minimum(E.pow(x, 3), x), kinkFree],
  ];
  for (const [name, f, x] of cases) it(name, () => checkSecondDerivative(name, f, x));

  // Gradients of the structural ops are ops too (scatter, masks, transposes): differentiate them again.
  const matrixX = randomArray([2, 3], rng(5), -2, 2);
  const structural: Array<[string, (x: Tensor) => Tensor, NDArray]> = [
    ['softmax', (x) => E.mul(E.softmax(x), x), matrixX],
    ['logSoftmax along axis 0', (x) => E.mul(E.logSoftmax(x, 0), x), matrixX],
    ['logsumexp', (x) => E.logsumexp(E.mul(x, x), 1), matrixX],
    ['mean and sum', (x) => E.mul(E.mean(E.mul(x, x), 0, true), E.sum(x, 1, true)), matrixX],
    ['max', (x) => E.mul(E.max(x, 1), E.sum(x, 1)), matrixX],
    ['matmul', (x) => E.matmul(E.transpose(x), E.tanh(x)), matrixX],
    ['index, slice, gather (scatter gradients)', (x) => E.mul(E.index(x, 1), E.add(E.slice(x, [0, { step: -1 }]), E.gather(E.sin(x), [2, 0, 2], 1))), matrixX],
    ['stack and concat', (x) => E.mul(E.reshape(E.stack([x, E.exp(x)], 0), [4, 3]), E.concat([x, E.sin(x)], 0)), matrixX],
    ['reshape, broadcastTo, where', (x) => E.where(E.constant([1, 0, 1]), E.broadcastTo(E.reshape(E.mul(x, x), [2, 3]), [2, 2, 3]), E.cos(x)), matrixX],
  ];
  for (const [name, f, x] of structural) it(`${name}: Hessian-vector product`, () => checkSecondDerivative(name, f, x));

  it('the lecture example: ∂²y/∂x₁² = −1/x₁², ∂²y/∂x₁∂x₂ = 1, ∂²y/∂x₂² = sin x₂', () => {
    const x1 = E.variable(2);
    const x2 = E.variable(5);
    const y = E.sub(E.add(E.log(x1), E.mul(x1, x2)), E.sin(x2));
    const [g1, g2] = E.grad(y, [x1, x2]);
    const [h11, h12] = E.grad(g1, [x1, x2]).map((t) => t.value.item());
    const [h21, h22] = E.grad(g2, [x1, x2]).map((t) => t.value.item());
    assertAllClose([h11, h12, h21, h22], [-1 / 4, 1, 1, Math.sin(5)], 1e-14, 1e-14, 'Hessian');
  });
});

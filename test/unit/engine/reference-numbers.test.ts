// SPEC §8 reference numbers, computed through the engine and compared to the spec's independent values.
import { strict as assert } from 'assert';
import * as E from '../../../engine';
import { assertAllClose } from './helpers';

describe('engine: SPEC §8 reference numbers', () => {
  it('y = ln x₁ + x₁x₂ − sin x₂ at (2, 5)', () => {
    const x1 = E.variable(2, 'x_1');
    const x2 = E.variable(5, 'x_2');
    const y = E.sub(E.add(E.log(x1), E.mul(x1, x2)), E.sin(x2));
    assertAllClose([y.value.item()], [11.652071455223084], 1e-13, 1e-15, 'value');
    const g = E.grad(y, [x1, x2]).map((t) => t.value.item());
    assertAllClose(g, [5.5, 1.7163378145367738], 1e-13, 1e-15, 'gradient');
  });

  it('f(θ) = Π θᵢ at θ = (1, 2, 3, 4): product by a chain of index/mul', () => {
    const theta = E.variable([1, 2, 3, 4], '\\theta');
    let f: E.Tensor = E.index(theta, 0);
    for (let i = 1; i < 4; i++) f = E.mul(f, E.index(theta, i));
    assert.equal(f.value.item(), 24);
    assert.deepEqual(E.grad(f, [theta])[0].value.toNested(), [24, 12, 8, 6]);
  });

  it('ℓ = −h_y + log Σ exp(h_j) at h = (1, 2, 3), y = 2 (1-based)', () => {
    const h = E.variable([1, 2, 3], 'h');
    const ell = E.add(E.neg(E.index(h, 2 - 1)), E.log(E.sum(E.exp(h))));
    assertAllClose([ell.value.item()], [1.40760596444438], 1e-13, 1e-13, 'value');
    const expected = [0.0900305731703805, -0.755271528945202, 0.665240955774822];
    assertAllClose(E.grad(ell, [h])[0].value.data, expected, 1e-14, 1e-13, 'gradient');
    // The same loss through the stable logsumexp agrees.
    const viaLse = E.sub(E.logsumexp(h), E.index(h, 1));
    assertAllClose(E.grad(viaLse, [h])[0].value.data, expected, 1e-14, 1e-13, 'gradient via logsumexp');
  });
});

// How much rounding to expect in one float64 evaluation of a graph: what the gradient check needs to
// pick its finite-difference step and to widen its tolerance by (a central difference divides the
// rounding of two evaluations by 2h, so a big sum evaluated at a small step is mostly noise).
import { topoSort } from './graph';
import { Tensor } from './tensor';

/** The unit roundoff of float64, 2⁻⁵³. */
export const UNIT_ROUNDOFF = 2 ** -53;

// Rounding errors of n additions behave like a random walk (Higham, "Accuracy and Stability of
// Numerical Algorithms", §4.2): the error of a sum is typically ~√n·u times the magnitudes summed,
// not the worst case n·u. Measured for sum(x * x) of 10⁵–10⁶ normal numbers: 1.7·√n·u·Σ|xᵢ²|;
// this factor leaves headroom over that.
const SAFETY = 8;

function l1(data: Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += Math.abs(data[i]);
  return s;
}

/** Additions per output element: the contracted length of a matmul, the terms of a reduction, else 1. */
function termsPerElement(node: Tensor): number {
  if (node.op!.name === 'matmul') {
    const a = node.inputs[0].shape;
    return a[a.length - 1];
  }
  const biggest = Math.max(...node.inputs.map((t) => t.value.size));
  return Math.max(1, biggest / Math.max(1, node.value.size));
}

/**
 * An estimate of the absolute rounding error of `output`'s sum, as computed: every op node rounds
 * its results (a reduction over n terms ~√n times, relative to the magnitudes it adds), and those
 * errors add up along the graph. It does not follow how later ops damp or amplify an error (tanh
 * flattens it, exp scales it by its value): the step and tolerance it feeds have a margin for that.
 */
export function roundingNoise(output: Tensor): number {
  let noise = 0;
  for (const node of topoSort([output])) {
    if (node.op === null) continue;
    const terms = termsPerElement(node);
    // A reduction adds up its input's magnitudes, which cancellation can make far bigger than its result's.
    const input = node.inputs[0];
    const magnitude = terms > 1 && node.op.name !== 'matmul' && input.value.size > node.value.size
      ? l1(input.value.data) : l1(node.value.data);
    // A non-finite value fails the check by itself; it says nothing about rounding.
    if (Number.isFinite(magnitude)) noise += Math.sqrt(terms) * magnitude;
  }
  return SAFETY * UNIT_ROUNDOFF * noise;
}

// 100,000 elementary scalar ops: build the graph, then the backward pass. Per-node overhead is all
// this measures. Adjoint against tfjs-cpu (tf.grad over the same chain).
import { add, gradValues, mul, sin, Tensor, variable } from '../../engine';
import { formatMs, medianMs } from '../measure';
import { Suite } from '../suite';
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import { tfWith } from '../tfjs';

const OPS = 100_000;
// tfjs runs a kernel per op and needs seconds for the full chain: it is measured on a shorter chain
// and scaled linearly (its cost per op does not depend on the chain's length).
const TFJS_OPS = 2_000;
const TARGET_MS = 10;

/** The chain: x → x + 0.1 → (·) 0.999 → sin → … , `ops` ops in all. */
function chain<T>(x: T, ops: number, addC: (t: T) => T, mulC: (t: T) => T, sinT: (t: T) => T): T {
  let t = x;
  for (let i = 0; i < ops; i++) t = i % 3 === 0 ? addC(t) : i % 3 === 1 ? mulC(t) : sinT(t);
  return t;
}

export const suite: Suite = {
  section: 'engine',
  order: 3,
  title: '100,000 elementary scalar ops, graph build + backward, ms (lower is better)',
  async run() {
    const adjoint = medianMs(() => {
      const x = variable(0.5);
      const y = chain<Tensor>(x, OPS, (t) => add(t, 0.1), (t) => mul(t, 0.999), sin);
      gradValues(y, [x])[0].item();
    }, { runs: 7, warmup: 2, minRunMs: 0 });

    const tf = await tfWith('cpu');
    const f = (x: TfTensor) => chain<TfTensor>(x, TFJS_OPS, (t) => tf.add(t, 0.1), (t) => tf.mul(t, 0.999), (t) => tf.sin(t));
    const tfjsShort = medianMs(() => {
      tf.tidy(() => tf.grad(f)(tf.scalar(0.5)).dataSync());
    }, { runs: 5, warmup: 1, minRunMs: 0 });
    const tfjs = tfjsShort * (OPS / TFJS_OPS);

    return {
      columns: ['implementation', 'ops measured', 'ms for 100,000 ops'],
      rows: [
        ['Adjoint', OPS.toLocaleString('en-US'), formatMs(adjoint)],
        ['tfjs-cpu (tf.grad)', `${TFJS_OPS.toLocaleString('en-US')}, scaled ×${OPS / TFJS_OPS}`, formatMs(tfjs)],
      ],
      notes: [
        'The chain cycles through x + 0.1, 0.999·x, sin(x). Median of 5–7 runs.',
        `Target (issue 2): ≤ ${TARGET_MS} ms — ${adjoint <= TARGET_MS ? 'met' : 'missed'} (${formatMs(adjoint)} ms).`,
      ],
    };
  },
};

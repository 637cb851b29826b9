// A node that passes its input through: gives `v_1 = x_1` and a call `h(x)` nodes of their own.
import { makeOp, type Op, type Tensor } from '../../engine';

const identityOp: Op = {
  name: 'identity',
  compute: ([a]) => a,
  gradient: (g) => [g],
};

export function identity(t: Tensor): Tensor {
  return makeOp(identityOp, [t]);
}

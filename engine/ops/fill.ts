// Constant tensors used inside gradient rules.
import { NDArray } from '../ndarray';
import { Shape } from '../shape';
import { constant, Tensor } from '../tensor';

export function zerosOf(shape: Shape): Tensor {
  return constant(NDArray.zeros(shape));
}

// Forward mode by tangent propagation (the lecture's v̇ trace): one pass from the inputs to the output.
import { grad } from './autodiff';
import { ShapeError } from './errors';
import { topoSort } from './graph';
import { NDArray } from './ndarray';
import { add, mul } from './ops/arithmetic';
import { sum } from './ops/reduce';
import { formatShape, sameShape } from './shape';
import { constant, Tensor, variable } from './tensor';

/**
 * Tangent of an op without its own jvp rule, derived from its gradient: gradient(u) is linear in the
 * cotangent u, so ∂/∂u Σ_j ⟨gradient(u)_j, ṫ_j⟩ = Σ_j J_j ṫ_j.
 */
function jvpFromGradient(tangents: ReadonlyArray<Tensor | null>, node: Tensor): Tensor {
  const u = variable(NDArray.zeros(node.shape));
  const vjps = node.op!.gradient(u, node);
  let total: Tensor | null = null;
  for (let j = 0; j < tangents.length; j++) {
    const t = tangents[j];
    if (!t) continue;
    const term = sum(mul(vjps[j], t));
    total = total ? add(total, term) : term;
  }
  return grad(total!, [u])[0];
}

/** Tangents (as tensors) of every node of `order`, from the seeded leaves; null where independent of them. */
function propagate(order: readonly Tensor[], seeds: Map<Tensor, Tensor>): Array<Tensor | null> {
  const position = new Map<Tensor, number>(order.map((t, i) => [t, i]));
  const tangents = new Array<Tensor | null>(order.length).fill(null);
  order.forEach((node, i) => {
    const seed = seeds.get(node);
    if (seed) {
      tangents[i] = seed;
      return;
    }
    if (!node.op) return;
    const inputTangents = node.inputs.map((input) => tangents[position.get(input)!]);
    if (inputTangents.every((t) => t === null)) return;
    tangents[i] = node.op.jvp ? node.op.jvp(inputTangents, node) : jvpFromGradient(inputTangents, node);
  });
  return tangents;
}

function checkTangent(primal: NDArray, tangent: NDArray, i: number): void {
  if (!sameShape(primal.shape, tangent.shape)) {
    throw new ShapeError(`jvp: tangent ${i} of shape ${formatShape(tangent.shape)} does not match input of shape ${formatShape(primal.shape)}`);
  }
}

/** Value of f at `primals` and its directional derivative along `tangents` (one per primal). */
export function jvp(
  f: (...xs: Tensor[]) => Tensor, primals: NDArray[], tangents: NDArray[],
): { value: NDArray; tangent: NDArray } {
  if (primals.length !== tangents.length) {
    throw new ShapeError(`jvp: ${primals.length} inputs but ${tangents.length} tangents`);
  }
  primals.forEach((p, i) => checkTangent(p, tangents[i], i));
  const inputs = primals.map((p) => variable(p));
  const output = f(...inputs);
  const seeds = new Map(inputs.map((x, i) => [x, constant(tangents[i])] as [Tensor, Tensor]));
  const order = topoSort([output]);
  const result = propagate(order, seeds);
  const tangent = result[order.length - 1];
  return { value: output.value, tangent: tangent ? tangent.value : NDArray.zeros(output.shape) };
}

/** v̇ of every node `output` depends on, for input `wrt` moving along `direction` (default ones). */
export function forwardTangents(output: Tensor, wrt: Tensor, direction?: NDArray): Map<Tensor, NDArray> {
  const dir = direction ?? NDArray.ones(wrt.shape);
  checkTangent(wrt.value, dir, 0);
  const order = topoSort([output]);
  const result = propagate(order, new Map([[wrt, constant(dir)]]));
  return new Map(order.map((node, i) => [node, result[i]?.value ?? NDArray.zeros(node.shape)]));
}

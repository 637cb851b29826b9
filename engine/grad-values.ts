// Reverse mode for values only (PyTorch's create_graph=False): the adjoints grad() would build as graph
// nodes, computed as plain NDArrays by each op's numeric vjp, so the backward pass builds no nodes. The
// sweep needs no topological sort up front: it takes the newest node of the frontier each time (frontier.ts).
import { ShapeError } from './errors';
import { Frontier } from './frontier';
import { newWalkStamp } from './graph';
import { NDArray } from './ndarray';
import { formatShape, sameShape } from './shape';
import { constant, Tensor } from './tensor';

function seedArrayFor(output: Tensor, seed: NDArray | undefined): NDArray {
  if (!seed) return NDArray.ones(output.shape);
  if (!sameShape(seed.shape, output.shape)) {
    throw new ShapeError(`gradValues: seed of shape ${formatShape(seed.shape)} does not match output of shape ${formatShape(output.shape)}`);
  }
  return seed;
}

/** The adjoints node sends to its inputs: the op's vjp, or (without one) the values of its graph gradient. */
export function vjpOf(g: NDArray, node: Tensor, onlyRequiringGrad: boolean): Array<NDArray | null> {
  const op = node.op!;
  if (op.vjp) return op.vjp(g, node, onlyRequiringGrad);
  return op.gradient(constant(g), node).map((t) => t.value);
}

/**
 * The values of grad(output, wrt, seed): ∂(Σ seed ⊙ output)/∂w for every w in `wrt`, as arrays, without
 * building a gradient graph (so no gradient of these gradients; use grad() for that). A wrt tensor the
 * output does not depend on gets zeros of its shape. The arrays may share storage with values or the seed.
 */
export function gradValues(output: Tensor, wrt: readonly Tensor[], seed?: NDArray): NDArray[] {
  const seedArray = seedArrayFor(output, seed);
  if (wrt.length === 0) return [];
  // When every wrt tensor requires grad, inputs that do not (constants and what is made only of them)
  // cannot lie on a path to one: the sweep leaves them out.
  const onlyRequiringGrad = wrt.every((w) => w.requiresGrad);
  const wanted = newWalkStamp();
  for (const w of wrt) w._visit = wanted;
  const results = new Map<Tensor, NDArray>();
  const frontier = new Frontier(newWalkStamp(), (node) => node._visit === wanted);
  frontier.add(output, seedArray);
  while (frontier.size > 0) {
    const { node, adjoint, wanted: isWanted } = frontier.take();
    if (isWanted) results.set(node, adjoint);
    const op = node.op;
    if (op === null) continue;
    const inputs = node.inputs;
    if (op.vjpInto && inputs.length === 1) {
      if (!onlyRequiringGrad || inputs[0].requiresGrad) frontier.addInto(inputs[0], (into) => op.vjpInto!(adjoint, into));
      continue;
    }
    const partials = vjpOf(adjoint, node, onlyRequiringGrad);
    for (let j = 0; j < inputs.length; j++) {
      const input = inputs[j];
      if (onlyRequiringGrad && !input.requiresGrad) continue;
      frontier.add(input, partials[j]!);
    }
  }
  return wrt.map((w) => results.get(w) ?? NDArray.zeros(w.shape));
}

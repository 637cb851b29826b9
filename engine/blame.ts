// Node blame: check each op node's local vector–Jacobian product against central differences of
// that op's own compute(), and name the first node (in topological order) that disagrees.
import { topoSort } from './graph';
import { broadcastShapes, NDArray } from './ndarray';
import { centralDifference, compare, dot, Tolerances } from './numeric';
import { normalVector, seededRandom, unitVector, Rng } from './random';
import { reduceMax, reductionIndex } from './reduce';
import { broadcastIndex } from './elementwise';
import { constant, Tensor } from './tensor';

export interface NodeBlame { node: Tensor; op: string; maxAbsError: number; reason?: string }

export interface BlameSettings extends Tolerances { maxCoordinates: number; directions: number; seed: number }

/** Checks one input of one node; returns the largest failing error, or undefined when it agrees. */
function checkLocal(node: Tensor, j: number, settings: BlameSettings, rng: Rng): number | undefined {
  const op = node.op!;
  const w = normalVector(rng, node.value.size);
  let adjoint: NDArray;
  try {
    adjoint = op.gradient(constant(new NDArray(w, node.shape)), node)[j].value;
  } catch {
    return Infinity;
  }
  const inputs = node.inputs.map((t) => t.value);
  const x = Float64Array.from(inputs[j].data);
  const perturbed = inputs.slice();
  perturbed[j] = new NDArray(x, inputs[j].shape);
  const phi = (): number => dot(w, op.compute(perturbed).data);
  let worst: number | undefined;
  const record = (ad: number, num: number): void => {
    const c = compare(ad, num, settings);
    if (!c.passed) worst = Math.max(worst ?? 0, Number.isNaN(c.absError) ? Infinity : c.absError);
  };
  if (x.length <= settings.maxCoordinates) {
    for (let i = 0; i < x.length; i++) record(adjoint.data[i], centralDifference(phi, x, settings.eps, { index: i }));
  } else {
    for (let k = 0; k < settings.directions; k++) {
      const d = unitVector(rng, x.length);
      record(dot(d, adjoint.data), centralDifference(phi, x, settings.eps, { direction: d }));
    }
  }
  return worst;
}

const near = (v: number, eps: number): boolean => Math.abs(v) <= eps;

/** Why a local derivative can legitimately disagree with finite differences, when we can tell. */
export function explainDisagreement(node: Tensor, eps: number): string | undefined {
  const name = node.op?.name;
  const [a, b] = node.inputs.map((t) => t.value);
  switch (name) {
    case 'relu':
    case 'abs':
      return a.data.some((v) => near(v, eps)) ? `${name} kink at 0` : undefined;
    case 'log':
    case 'sqrt':
      return a.data.some((v) => v <= eps) ? `domain edge of ${name} at 0` : undefined;
    case 'div':
      return b.data.some((v) => near(v, eps)) ? 'domain edge of div at 0 (denominator)' : undefined;
    case 'pow':
      return a.data.some((v) => v <= eps) ? 'domain edge of pow at 0 (base)' : undefined;
    case 'maximum':
    case 'minimum': {
      const shape = broadcastShapes(a.shape, b.shape);
      const ia = broadcastIndex(a.shape, shape);
      const ib = broadcastIndex(b.shape, shape);
      for (let i = 0; i < ia.length; i++) if (near(a.data[ia[i]] - b.data[ib[i]], eps)) return `${name === 'maximum' ? 'max' : 'min'} tie`;
      return undefined;
    }
    case 'max': {
      const axes = (node.op!.attrs?.axes as number[]) ?? [];
      const m = reduceMax(a, axes, true);
      const { index, outSize } = reductionIndex(a.shape, axes);
      const atMax = new Int32Array(outSize);
      for (let i = 0; i < index.length; i++) if (m.data[index[i]] - a.data[i] <= eps) atMax[index[i]]++;
      return atMax.some((c) => c > 1) ? 'max tie' : undefined;
    }
    default:
      return undefined;
  }
}

export function blameWith(output: Tensor, settings: BlameSettings): NodeBlame | undefined {
  const rng = seededRandom(settings.seed);
  for (const node of topoSort([output])) {
    if (!node.op || !node.requiresGrad) continue;
    for (let j = 0; j < node.inputs.length; j++) {
      if (!node.inputs[j].requiresGrad) continue;
      const error = checkLocal(node, j, settings, rng);
      if (error === undefined) continue;
      const blame: NodeBlame = { node, op: node.op.name, maxAbsError: error };
      const reason = explainDisagreement(node, settings.eps);
      if (reason) blame.reason = reason;
      return blame;
    }
  }
  return undefined;
}

// Questions about an engine graph that the analysis asks.
import type { Tensor } from '../../engine';

/** Whether `target` is `output` or one of the nodes it was computed from. */
export function dependsOn(output: Tensor, target: Tensor): boolean {
  const seen = new Set<Tensor>();
  const stack = [output];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t === target) return true;
    if (seen.has(t)) continue;
    seen.add(t);
    for (const x of t.inputs) stack.push(x);
  }
  return false;
}

/** Every node the `roots` are computed from, the roots included. */
export function reachedFrom(roots: Tensor[]): Set<Tensor> {
  const reached = new Set<Tensor>();
  const stack = [...roots];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (reached.has(t)) continue;
    reached.add(t);
    stack.push(...t.inputs);
  }
  return reached;
}

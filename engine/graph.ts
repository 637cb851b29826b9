// Graph walks. Iterative (explicit stack), so a graph a million nodes deep does not overflow the call stack.
import { Tensor } from './tensor';

let walkNumber = 0;

/** A fresh stamp for `_visit`: walks mark the nodes they reach with it (shared so stamps never collide). */
export function newWalkStamp(): number {
  return ++walkNumber;
}

/**
 * Forward topological order (inputs before consumers) of every node `roots` depend on.
 * Sets each node's `_slot` to its position in the returned order.
 */
export function topoSort(roots: readonly Tensor[]): Tensor[] {
  const visit = newWalkStamp();
  const order: Tensor[] = [];
  const nodes: Tensor[] = [];
  const next: number[] = [];
  for (const root of roots) {
    if (root._visit === visit) continue;
    root._visit = visit;
    nodes.push(root);
    next.push(0);
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const node = nodes[top];
      const i = next[top];
      if (i < node.inputs.length) {
        next[top] = i + 1;
        const input = node.inputs[i];
        if (input._visit !== visit) {
          input._visit = visit;
          nodes.push(input);
          next.push(0);
        }
      } else {
        nodes.pop();
        next.pop();
        node._slot = order.length;
        order.push(node);
      }
    }
  }
  return order;
}

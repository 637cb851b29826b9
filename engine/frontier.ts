// The frontier of a reverse sweep: the nodes that have received adjoint contributions but are not yet
// processed, newest first. Ids grow in creation order and every input is created before its consumers,
// so taking the largest id each time visits a node only after all its consumers: a reverse topological
// order without sorting the graph first, holding only the frontier in memory.
import { NDArray } from './ndarray';
import { Tensor } from './tensor';

export class Frontier {
  // A binary max-heap by id, in parallel arrays; a queued node's `_slot` is its heap index and its
  // `_visit` is `stamp` (walk state on the nodes, as in graph.ts).
  private readonly nodes: Tensor[] = [];
  private readonly adjoints: NDArray[] = [];
  private readonly flags: boolean[] = [];

  /** `stamp`: a fresh walk stamp (newWalkStamp()); `isWanted`: whether a node's adjoint is to be reported. */
  constructor(private readonly stamp: number, private readonly isWanted: (node: Tensor) => boolean) {}

  get size(): number {
    return this.nodes.length;
  }

  /** Adds `adjoint` to the node's pending adjoint, queueing the node if it is not queued yet. */
  add(node: Tensor, adjoint: NDArray, plus: (a: NDArray, b: NDArray) => NDArray): void {
    if (node._visit === this.stamp) {
      const i = node._slot;
      this.adjoints[i] = plus(this.adjoints[i], adjoint);
      return;
    }
    const wanted = this.isWanted(node);
    node._visit = this.stamp;
    this.nodes.push(node);
    this.adjoints.push(adjoint);
    this.flags.push(wanted);
    this.siftUp(this.nodes.length - 1);
  }

  /** The newest queued node (call only when size > 0), with its complete adjoint, removed from the queue. */
  take(): { node: Tensor; adjoint: NDArray; wanted: boolean } {
    const top = { node: this.nodes[0], adjoint: this.adjoints[0], wanted: this.flags[0] };
    const lastNode = this.nodes.pop()!;
    const lastAdjoint = this.adjoints.pop()!;
    const lastFlag = this.flags.pop()!;
    if (this.nodes.length > 0) {
      this.place(0, lastNode, lastAdjoint, lastFlag);
      this.siftDown(0);
    }
    return top;
  }

  private place(i: number, node: Tensor, adjoint: NDArray, flag: boolean): void {
    this.nodes[i] = node;
    this.adjoints[i] = adjoint;
    this.flags[i] = flag;
    node._slot = i;
  }

  private swap(i: number, j: number): void {
    const node = this.nodes[i];
    const adjoint = this.adjoints[i];
    const flag = this.flags[i];
    this.place(i, this.nodes[j], this.adjoints[j], this.flags[j]);
    this.place(j, node, adjoint, flag);
  }

  private siftUp(i: number): void {
    this.nodes[i]._slot = i;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.nodes[parent].id >= this.nodes[i].id) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.nodes.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < n && this.nodes[left].id > this.nodes[largest].id) largest = left;
      if (right < n && this.nodes[right].id > this.nodes[largest].id) largest = right;
      if (largest === i) return;
      this.swap(i, largest);
      i = largest;
    }
  }
}

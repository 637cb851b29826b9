// The frontier of a reverse sweep: the nodes that have received adjoint contributions but are not yet
// processed, newest first. Ids grow in creation order and every input is created before its consumers,
// so taking the largest id each time visits a node only after all its consumers: a reverse topological
// order without sorting the graph first, holding only the frontier in memory.
// A node's adjoint is summed in place once the frontier owns its storage (the first contribution may
// share storage with a value or the seed, so it is copied by the first sum): n contributions to an
// input cost one array of its size, not n.
import { mapBinary, plus } from './elementwise';
import { NDArray } from './ndarray';
import { Tensor } from './tensor';

/**
 * previous + partial: written into `previous` when `owned` (storage a sweep made by an earlier sum, so
 * nobody else holds it), else a new array (a first contribution may share storage with a value or a seed).
 */
export function accumulate(previous: NDArray, partial: NDArray, owned = false): NDArray {
  if (owned && previous.ndim > 0 && previous.size === partial.size) {
    const into = previous.data, from = partial.data;
    for (let k = 0; k < into.length; k++) into[k] += from[k];
    return previous;
  }
  if (previous.ndim === 0) return NDArray.scalar(previous.first() + partial.first());
  return mapBinary(previous, partial, plus, 'gradValues');
}

export class Frontier {
  // A binary max-heap by id, in parallel arrays; a queued node's `_slot` is its heap index and its
  // `_visit` is `stamp` (walk state on the nodes, as in graph.ts).
  private readonly nodes: Tensor[] = [];
  private readonly adjoints: NDArray[] = [];
  private readonly flags: boolean[] = [];
  /** Whether the adjoint's storage is the frontier's own (written in place from then on). */
  private readonly owned: boolean[] = [];

  /** `stamp`: a fresh walk stamp (newWalkStamp()); `isWanted`: whether a node's adjoint is to be reported. */
  constructor(private readonly stamp: number, private readonly isWanted: (node: Tensor) => boolean) {}

  get size(): number {
    return this.nodes.length;
  }

  /** Adds `adjoint` (of the node's shape) to the node's pending adjoint, queueing the node if it is not queued yet. */
  add(node: Tensor, adjoint: NDArray): void {
    if (node._visit !== this.stamp) return this.push(node, adjoint, false);
    const i = node._slot;
    this.adjoints[i] = accumulate(this.adjoints[i], adjoint, this.owned[i]);
    this.owned[i] = true;
  }

  /** Adds a contribution written straight into the node's adjoint (Op.vjpInto: a selection of a few numbers). */
  addInto(node: Tensor, write: (into: Float64Array) => void): void {
    if (node._visit !== this.stamp) {
      const adjoint = NDArray.zeros(node.shape);
      write(adjoint.data);
      return this.push(node, adjoint, true);
    }
    const i = node._slot;
    if (!this.owned[i]) {
      const previous = this.adjoints[i];
      this.adjoints[i] = new NDArray(Float64Array.from(previous.data), previous.shape);
      this.owned[i] = true;
    }
    write(this.adjoints[i].data);
  }

  private push(node: Tensor, adjoint: NDArray, owned: boolean): void {
    const wanted = this.isWanted(node);   // before the stamp: isWanted reads the caller's own stamp
    node._visit = this.stamp;
    this.nodes.push(node);
    this.adjoints.push(adjoint);
    this.flags.push(wanted);
    this.owned.push(owned);
    this.siftUp(this.nodes.length - 1);
  }

  /** The newest queued node (call only when size > 0), with its complete adjoint, removed from the queue. */
  take(): { node: Tensor; adjoint: NDArray; wanted: boolean } {
    const top = { node: this.nodes[0], adjoint: this.adjoints[0], wanted: this.flags[0] };
    const lastNode = this.nodes.pop()!;
    const lastAdjoint = this.adjoints.pop()!;
    const lastFlag = this.flags.pop()!;
    const lastOwned = this.owned.pop()!;
    if (this.nodes.length > 0) {
      this.place(0, lastNode, lastAdjoint, lastFlag, lastOwned);
      this.siftDown(0);
    }
    return top;
  }

  private place(i: number, node: Tensor, adjoint: NDArray, flag: boolean, owned: boolean): void {
    this.nodes[i] = node;
    this.adjoints[i] = adjoint;
    this.flags[i] = flag;
    this.owned[i] = owned;
    node._slot = i;
  }

  private swap(i: number, j: number): void {
    const node = this.nodes[i];
    const adjoint = this.adjoints[i];
    const flag = this.flags[i];
    const owned = this.owned[i];
    this.place(i, this.nodes[j], this.adjoints[j], this.flags[j], this.owned[j]);
    this.place(j, node, adjoint, flag, owned);
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

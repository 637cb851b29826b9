// Which values rest on sampled inputs. A node is "sampled" when any leaf it is computed from is
// sampled, or is a name imported from an earlier block whose own value rests on sampled inputs
// (`y = \sum_i x_i w_i + b` with x, w, b sampled makes `\sigma(y)` below sampled too).
import type { BlockAnalysis, NodeInfo } from '../analysis';

export class SampledReach {
  private readonly byIndex: Map<number, BlockAnalysis>;
  private readonly memo = new Map<BlockAnalysis, Set<number>>();

  constructor(blocks: readonly BlockAnalysis[]) {
    this.byIndex = new Map(blocks.map((a) => [a.block.index, a]));
  }

  /** Ids of the nodes of `a` whose value rests on a sampled input. */
  nodes(a: BlockAnalysis): Set<number> {
    const known = this.memo.get(a);
    if (known) return known;
    const sampled = new Set<number>();
    this.memo.set(a, sampled); // earlier blocks only are consulted, but never loop on a bad index
    // Trace order is topological: inputs come before the nodes computed from them.
    for (const n of a.graph.nodes()) {
      if (this.leafSampled(a, n) || n.inputs.some((id) => sampled.has(id))) sampled.add(n.id);
    }
    return sampled;
  }

  /** Does the block's output rest on a sampled input? */
  output(a: BlockAnalysis): boolean {
    return a.outputId !== null && this.nodes(a).has(a.outputId);
  }

  /** Does every input the block reads rest on sampled values (and there is at least one)? */
  allInputs(a: BlockAnalysis): boolean {
    const leaves = a.graph.nodes().filter((n) => n.op === 'input');
    const sampled = this.nodes(a);
    return leaves.length > 0 && leaves.every((n) => sampled.has(n.id));
  }

  private leafSampled(a: BlockAnalysis, n: NodeInfo): boolean {
    if (n.op !== 'input') return false;
    if (n.sampled) return true;
    const binding = a.inputs.find((b) => b.name === (n.name ?? n.label));
    if (!binding || binding.source !== 'earlier-block' || binding.blockIndex === undefined) return binding?.sampled ?? false;
    const upstream = this.byIndex.get(binding.blockIndex);
    if (!upstream || upstream === a) return false;
    const definition = upstream.graph.nodes().find((m) => m.name === binding.name) ?? upstream.graph.node(upstream.outputId ?? -1);
    return definition !== undefined && this.nodes(upstream).has(definition.id);
  }
}

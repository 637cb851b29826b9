// What a user sees of an analysis, as one string: the incremental analysis must show exactly what a
// fresh one shows after any edit (the fuzz tests compare the two).
import type { BlockAnalysis, NodeInfo } from '../../../server/analysis';

/** `node` may hide what a comparison should not look at. */
export function visible(blocks: BlockAnalysis[], node: (b: BlockAnalysis, n: NodeInfo) => NodeInfo = (_b, n) => n): string {
  return JSON.stringify(blocks.map((b) => [b.status, b.message, b.outputName, b.value, b.gradient, b.block.span, b.problems,
    b.inputs.map((i) => [i.name, i.source, i.sampled, i.value.toNested()]),
    b.claims.map((c) => [c.line, c.claim, c.holds, c.autodiff, c.yours, c.where]),
    b.graph.nodes().map((x) => node(b, x)).map((n) => [n.label, n.span, n.value, n.adjoint, b.graph.symbolicAdjoint(n.id)])]));
}

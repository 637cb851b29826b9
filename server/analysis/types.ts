// The public shape of an analysis (DEVELOPERS.md, Contract 3).
import type { NDArray, Nested, Tensor } from '../../engine';
import type { Shown } from '../nested';
import type { Span } from '../parse/ast';
import type { MathBlock } from '../scan/blocks';
import type { BlockGraph } from './graph-session';

export type Status = 'ok' | 'not-evaluable' | 'error';

export interface Binding {
  name: string;
  value: NDArray;
  sampled: boolean;
  source: 'block' | 'annotation' | 'earlier-block' | 'sampled';
  span?: Span;
  blockIndex?: number;
  /** Declared with a size nothing binds (`x \in \mathbb{R}^d`, d free): its length is the default bound. */
  guessedShape?: boolean;
}

export interface NodeInfo {
  id: number;
  /** Source text of the node ("\\ln(x_1)") or its name ("v_3"). */
  label: string;
  /** When the block names it (y, v_3, x_1). */
  name?: string;
  /** Engine op name, or "input" / "constant". */
  op: string;
  span?: Span;
  inputs: number[];
  value: Shown;
  shape: number[];
  adjoint: Shown;
  sampled?: boolean;
  /** Made by the definition of an earlier block (0-based index), no span then; or, for an input, bound by
   *  that block's annotation (its span, if any, is where this block reads it). The note is one graph. */
  upstreamBlock?: number;
}

export interface EdgeInfo { from: number; to: number; partialAdjoint: Shown }

/**
 * A node of the gradient graph that reverse mode builds on top of the block's graph (the lecture's "reverse
 * mode AD by extending the computational graph"): its inputs are other gradient nodes or nodes of the block's
 * graph, whose values the rules read (v̄₂ · x₂). Ids are engine tensor ids, like NodeInfo's: they never collide.
 */
export interface GradientNodeInfo {
  id: number;
  op: string;               // engine op name, or "constant" for a leaf (the seed ȳ = 1, a rule's literal)
  inputs: number[];         // ids of gradient nodes and of the block's nodes
  value: Shown; shape: number[];
  adjointOf: number[];      // the block's nodes whose adjoint v̄ this node is (several: an add passes its v̄ on as it is)
  step: number;             // the block's node whose reverse step builds it
}
/** The gradient graph, or why it is not drawn (too large for the panel, or a rule that cannot build it). */
export type GradientGraph = { nodes: GradientNodeInfo[] } | { unavailable: string };

/** One step of the reverse sweep: the node processed and what it added to node_to_grad (its
 *  partial adjoint for each input). The table after a step is the sum of the steps up to it. */
export interface ReverseStepInfo { nodeId: number; added: Array<{ nodeId: number; partial: Shown }> }

export interface ClaimResult {
  span: Span; line: number; claim: string; holds: boolean; autodiff: Nested; yours: Nested;
  maxError: number; points: number; where: Record<string, Nested> | null; pathways?: string;
  /** Set when the two sides differ in shape: "yours is a scalar, autodiff a 2×2 matrix". */
  shapes?: string;
  /** Set (with `holds` false) when the claim could not be judged: "c on the right side is sampled …". */
  unchecked?: string;
}

export interface Problem { span: Span; message: string; severity: 'error' | 'warning' | 'hint' }

export interface Rebuilt {
  output: Tensor;
  inputs: Tensor[];
  f: (...xs: Tensor[]) => Tensor;
}

export interface BlockAnalysis {
  block: MathBlock;
  status: Status;
  message: string | null;
  problems: Problem[];
  /** Evaluation outran settings.deferAfterMs (or reads a name such a block defines): the background
   *  analysis owns this block's results; status and message say so meanwhile, with no problem shown. */
  deferred?: true;
  outputName: string | null;
  outputId: number | null;
  value: Nested | null;
  reducedBySum: boolean;
  inputs: Binding[];
  gradient: Record<string, Nested>;
  /** Nodes, edges, reverse steps: built when first asked for (hovers, hints, panels), never by analysis. */
  graph: BlockGraph;
  /** Names this block binds (outline, go to definition). */
  definitions: Array<{ name: string; span: Span }>;
  claims: ClaimResult[];
  rebuild(): Rebuilt | null;
}

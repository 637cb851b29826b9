// Per-evaluation bookkeeping: where each node came from, which inputs were used, how much was built.
import { constant, type Tensor } from '../../engine';
import type { Span } from '../parse/ast';
import type { Syntax } from '../scan/blocks';
import type { Settings } from './settings';
import { reachedFrom } from './graph-walk';
import type { Binding } from './types';

export interface NodeMeta {
  span?: Span;
  /** The name the block gives the node (y, v_3) or, for an input, its own name. */
  name?: string;
  /** Shown instead of the source text (unrolled terms: "\\theta_{2}", "\\exp(h_j) (j = 2)"). */
  label?: string;
  /** Index of the earlier block whose definition made the node (the note is one graph). */
  upstreamBlock?: number;
}

export interface InputRecord {
  binding: Binding;
  tensor: Tensor;
  /** False while the input has only been read as an integer (an index, a bound): no gradient then. */
  differentiable: boolean;
}

export interface AnnotationValue { name: string; value: import('../../engine').NDArray; sampled: boolean; span: Span }

export interface BlockContext {
  uri: string;
  settings: Settings;
  syntax: Syntax;
  /** The whole document: node labels are slices of it. */
  documentText: string;
  blockIndex: number;
  /** rebuild(), claims at other points: these inputs take the given tensors instead of their bound values. */
  overrides?: ReadonlyMap<string, Tensor>;
  /** Domain and finiteness checks (off when re-evaluating at perturbed points for a gradient check). */
  strict: boolean;
}

/** A sampled value whose shape the user gave: an annotation's `x: (3,)`, or `x \in \mathbb{R}^3` (evaluator.ts `sampled`). */
function shapeDeclared(b: Binding): boolean {
  return !b.guessedShape && (b.source === 'annotation' || (b.source === 'sampled' && b.span !== undefined));
}

export class BlockState {
  readonly inputs = new Map<string, InputRecord>();
  readonly inputOf = new Map<Tensor, InputRecord>();
  readonly meta = new Map<Tensor, NodeMeta>();
  /** Free index bounds (`n`) resolved so far, so every use in the block agrees. */
  readonly freeBounds = new Map<string, number>();
  private readonly firstId: number;

  /** performance.now() past which evaluation gives up (settings.blockTimeMs; only when strict). */
  readonly deadline: number;
  /** performance.now() past which a big block is deferred (settings.deferAfterMs; only when strict). */
  readonly deferAt: number;
  /** Numbers the block's nodes have read and written so far: what tells a big block from a slow moment. */
  work = 0;

  constructor(readonly ctx: BlockContext) {
    this.firstId = constant(0).id;
    const now = performance.now();
    this.deadline = ctx.strict ? now + ctx.settings.blockTimeMs : Infinity;
    this.deferAt = ctx.strict && ctx.settings.deferAfterMs !== undefined ? now + ctx.settings.deferAfterMs : Infinity;
  }

  /** Tensor ids increase in creation order, so this counts every node made since the block began. */
  nodesBuiltUpTo(t: Tensor): number {
    return t.id - this.firstId;
  }

  addInput(binding: Binding, tensor: Tensor, differentiable: boolean, span?: Span): InputRecord {
    const record: InputRecord = { binding, tensor, differentiable };
    this.inputs.set(binding.name, record);
    this.inputOf.set(tensor, record);
    this.meta.set(tensor, { span, name: binding.name });
    tensor.label = binding.name;
    return record;
  }

  /**
   * The sampled inputs `t` is computed from (SPEC §9: what fails only because of them is no mistake of
   * the user's). `guessedShape`: only those whose shape nothing declared, for failures of shape.
   */
  sampledBehind(t: Tensor, guessedShape = false): string[] {
    return this.inputsBehind(t, (b) => b.sampled && (!guessedShape || !shapeDeclared(b)));
  }

  /** The names of the inputs `t` is computed from whose binding passes `keep`. */
  inputsBehind(t: Tensor, keep: (b: Binding) => boolean): string[] {
    const names = new Set<string>();
    for (const x of reachedFrom([t])) {
      const b = this.inputOf.get(x)?.binding;
      if (b && keep(b)) names.add(b.name);
    }
    return [...names];
  }

  sourceText(span: Span): string {
    return this.ctx.documentText.slice(span.start, span.end);
  }
}

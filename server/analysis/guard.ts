// Every node the analysis builds goes through here: engine errors become errors at the node's span,
// sizes and node counts stay within the settings, and NaN/∞ out of finite inputs is reported.
import { ArgumentError, broadcastShapes, ShapeError, type Shape, type Tensor } from '../../engine';
import type { Span } from '../parse/ast';
import { Deferred, DomainError, EvaluationError, NotEvaluable } from './errors';
import { formatNumber } from './format-number';
import { shortText } from './short-text';
import type { BlockState } from './state';

function shapeText(shape: Shape): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `sampling`: the tensor would be drawn at random, so the size is no computation of the user's (SPEC §9). */
export function checkSize(state: BlockState, shape: Shape, span: Span | undefined, what: string, sampling = false): void {
  const limit = state.ctx.settings.maxTensorSize;
  const size = sizeOf(shape);
  if (size > limit) {
    const message = `${what} of shape ${shapeText(shape)} would hold ${size} numbers, above the limit of ${limit} (setting maxTensorSize)`;
    throw sampling ? new NotEvaluable(message, span) : new EvaluationError(message, span);
  }
}

function listed(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A failure at the value `t` (a domain error, NaN) or at its shape (an index out of range, too many
 * indices). Red only when the user's values or shapes cause it (SPEC §9): when it rests on sampled
 * values, or shapes guessed for sampled names, the block is not evaluable and says which.
 */
export function failureAt(state: BlockState, message: string, span: Span | undefined, t: Tensor, cause: 'value' | 'shape'): Error {
  const sampled = state.sampledBehind(t, cause === 'shape');
  if (sampled.length === 0) {
    if (cause === 'shape') return new EvaluationError(message, span);
    // At constants and values the note's text binds, prose names a value in passing (block.ts); at an
    // annotation's values the user asked for this computation.
    const annotated = state.inputsBehind(t, (b) => b.source === 'annotation').length > 0;
    return annotated ? new EvaluationError(message, span) : new DomainError(message, span);
  }
  const names = listed(sampled);
  const why = cause === 'shape'
    ? `the shape of ${names} is a guess, nothing declares it; declare it (${sampled[0]} \\in \\mathbb{R}^{n}) or bind a value`
    : `at sampled ${names}; pin ${sampled.length === 1 ? 'a value' : 'values'} to evaluate`;
  return new NotEvaluable(`${message} (${why})`, span);
}

/** Elementwise ops broadcast: refuse before allocating an oversized result. */
export function checkBroadcast(state: BlockState, a: Tensor, b: Tensor, span: Span): void {
  let shape: Shape;
  try {
    shape = broadcastShapes(a.shape, b.shape);
  } catch (e) {
    throw new EvaluationError(e instanceof Error ? e.message : String(e), span);
  }
  checkSize(state, shape, span, 'the result');
}

function allFinite(t: Tensor): boolean {
  const d = t.value.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
  return true;
}

function firstNonFinite(t: Tensor): number {
  const d = t.value.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return d[i];
  return 0;
}

/** 2000 -> "2 s", 250 -> "250 ms". */
function duration(ms: number): string {
  return ms >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

/**
 * Numbers a block's nodes must have handled before it is deferred. Below it a block is small however
 * long it took: its time went to a cold start, a garbage collection or a busy machine, and deferring it
 * would only make its results arrive later. A 3,000-term sum handles ~50,000; a 300×300 product 270,000.
 */
const DEFER_MIN_WORK = 5_000;

function checkTime(state: BlockState, t: Tensor, span: Span): void {
  state.work += sizeOf(t.shape) + t.inputs.reduce((n, x) => n + sizeOf(x.shape), 0);
  const now = performance.now();
  const { settings } = state.ctx;
  if (now > state.deadline) throw new NotEvaluable(`not evaluated: this block takes longer than ${duration(settings.blockTimeMs)} (setting adjoint.limits.blockTimeMs)`, span);
  if (now > state.deferAt && state.work >= DEFER_MIN_WORK) throw new Deferred(`analysing in the background: this block takes longer than ${duration(settings.deferAfterMs!)}`, span);
}

/** Builds one node (or a few, for composite functions) and checks it. */
export function guarded(state: BlockState, span: Span, make: () => Tensor, label?: string): Tensor {
  let t: Tensor;
  try {
    t = make();
  } catch (e) {
    if (e instanceof ShapeError || e instanceof ArgumentError) throw new EvaluationError(e.message, span);
    if (e instanceof RangeError) throw new EvaluationError(`the result is too large to compute (${e.message})`, span);
    throw e;
  }
  const limit = state.ctx.settings.maxNodesPerBlock;
  if (state.nodesBuiltUpTo(t) > limit) {
    throw new EvaluationError(`this block builds more than ${limit} graph nodes (setting maxNodesPerBlock)`, span);
  }
  checkTime(state, t, span);
  checkSize(state, t.shape, span, 'a value');
  if (state.ctx.strict && !allFinite(t) && t.inputs.every(allFinite)) {
    const bad = firstNonFinite(t);
    const kind = Number.isNaN(bad) ? 'is not a number (NaN)' : `overflows to ${formatNumber(bad)}`;
    // `label` first: an earlier block's node is labelled with its own text, its span is in that text.
    throw failureAt(state, `${shortText(label ?? state.sourceText(span))} ${kind}`, span, t, 'value');
  }
  if (!state.meta.has(t)) state.meta.set(t, { span, label });
  // Reports that only see the tensor (gradient check blame) name it by its source text.
  if (t.op && t.label === undefined) t.label = label ?? shortText(state.sourceText(span));
  return t;
}

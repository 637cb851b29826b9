// Expressions -> engine tensors. Names resolve in SPEC §3 order: the block's own names, the
// annotation, earlier blocks, else a deterministic sample. Every node keeps its source span.
import * as E from '../../engine';
import { constant, NDArray, variable, type Tensor } from '../../engine';
import type { Expr, ExprOf, ProductSymbol, SliceExpr, Span } from '../parse/ast';
import { bodyChildren, toLiteral } from './ast-walk';
import { builtins, isBuiltin, type CallSite } from './builtins';
import { EvaluationError, NotEvaluable, RecursionError } from './errors';
import { formatNumber } from './format-number';
import { Frame, type FunctionDef } from './frame';
import { checkBroadcast, checkSize, guarded } from './guard';
import { dependsOn } from './graph-walk';
import { identity } from './identity-op';
import { impliedShapes, reduceBounds } from './implied-shapes';
import { multiply, productKind, type Factor } from './products';
import { sampleIndex, sampleUniform } from './sampling';
import { shortText } from './short-text';
import { BlockState, type BlockContext, type InputRecord } from './state';
import type { Binding } from './types';
import { differentiated } from './upstream-definitions';

type Reduce = ExprOf<'reduce'>;
type Name = ExprOf<'name'>;

const MAX_CALL_DEPTH = 32;

export class Evaluator implements CallSite {
  readonly state: BlockState;
  readonly root = new Frame();
  /** Free names used as `\theta_i` under `\prod_{i=1}^n` somewhere in the block: tensors, not scalars. */
  private implied = new Map<string, Reduce[]>();
  /** Free names that bound a sum or product (`n` in `\\sum_{j=1}^n`): integers, whatever else uses them. */
  private boundOf = new Map<string, Reduce>();
  /** Bound indices of the sums/products being unrolled, innermost last. */
  private readonly activeReduces: Array<{ index: string; upper: number; value: number }> = [];
  private callDepth = 0;
  private randomCount = 0;
  /** Name of the statement being evaluated: keys `randn` draws so they stay the same across edits elsewhere. */
  statementKey = '';

  constructor(readonly ctx: BlockContext) {
    this.state = new BlockState(ctx);
  }

  get syntax() { return this.ctx.syntax; }
  get uri() { return this.ctx.uri; }
  get strict() { return this.ctx.strict; }

  prepare(roots: Expr[]): void {
    this.implied = impliedShapes(roots);
    this.boundOf = reduceBounds(roots);
  }

  sourceText(span: Span): string {
    return this.state.sourceText(span);
  }

  op(span: Span, make: () => Tensor): Tensor {
    return guarded(this.state, span, make, this.reduceSuffix(span));
  }

  checkShape(shape: number[], span: Span): void {
    checkSize(this.state, shape, span, 'a tensor');
  }

  randomKey(): string {
    return `randn:${this.statementKey}:${this.randomCount++}`;
  }

  /** Unrolled terms share a span; the label says which term ("\\exp(h_j) (j = 2)"). */
  private reduceSuffix(span: Span): string | undefined {
    if (this.activeReduces.length === 0) return undefined;
    const assignment = this.activeReduces.map((r) => `${r.index} = ${r.value}`).join(', ');
    return `${shortText(this.sourceText(span))} (${assignment})`;
  }

  // ---- expressions ------------------------------------------------------------------------

  evalExpr(e: Expr, frame: Frame): Tensor {
    switch (e.kind) {
      case 'number': return this.op(e.span, () => constant(e.value));
      case 'name': return this.evalName(e, frame);
      case 'unary': {
        const a = this.evalExpr(e.arg, frame);
        return e.op === '-' ? this.op(e.span, () => E.neg(a)) : a;
      }
      case 'binary': return this.evalBinary(e, frame);
      case 'call': return this.evalCall(e, frame);
      case 'index': return this.evalIndex(e, frame);
      case 'transpose': {
        const a = this.evalExpr(e.arg, frame);
        return a.shape.length < 2 ? a : this.op(e.span, () => E.transpose(a));
      }
      case 'attr':
        throw this.failure(`unknown attribute .${e.attr}`, e.span);
      case 'array': return this.evalArray(e, frame);
      case 'reduce': return this.evalReduce(e, frame);
      case 'derivative': return this.evalDerivative(e, frame);
      case 'unsupported':
        throw new NotEvaluable(e.reason, e.span);
    }
  }

  /** LaTeX we merely do not support is never an error; autodiff code that fails is. */
  failure(message: string, span: Span): Error {
    return this.syntax === 'latex' ? new NotEvaluable(message, span) : new EvaluationError(message, span);
  }

  /**
   * Flat chains (`x + x + …`, `x x x …`) nest to the left as deep as they are long: the left spine is
   * walked with a loop, innermost first, so only real nesting costs stack. Same evaluation order as recursion.
   */
  private evalBinary(e: ExprOf<'binary'>, frame: Frame): Tensor {
    const spine: Array<ExprOf<'binary'>> = [];
    let inner: Expr = e;
    while (inner.kind === 'binary' && inner.op !== '^') { spine.push(inner); inner = inner.left; }
    let value = inner.kind === 'binary' ? this.evalPower(inner, frame) : this.evalExpr(inner, frame);
    for (let i = spine.length - 1; i >= 0; i--) value = this.combine(spine[i], value, frame);
    return value;
  }

  private evalPower(e: ExprOf<'binary'>, frame: Frame): Tensor {
    if (this.isEuler(e.left, frame)) {
      const x = this.evalExpr(e.right, frame);
      return this.op(e.span, () => E.exp(x));
    }
    const a = this.evalExpr(e.left, frame);
    if (e.right.kind === 'number') {
      const k = e.right.value;
      return this.op(e.span, () => E.pow(a, k));
    }
    return this.combine(e, a, frame);
  }

  /** `left op right` with the left operand already evaluated. */
  private combine(e: ExprOf<'binary'>, a: Tensor, frame: Frame): Tensor {
    const b = this.evalExpr(e.right, frame);
    switch (e.op) {
      case '+': checkBroadcast(this.state, a, b, e.span); return this.op(e.span, () => E.add(a, b));
      case '-': checkBroadcast(this.state, a, b, e.span); return this.op(e.span, () => E.sub(a, b));
      case '/':
        checkBroadcast(this.state, a, b, e.span);
        if (this.strict && b.value.data.some((v) => v === 0)) {
          throw new EvaluationError(`division by zero at ${this.sourceText(e.span)}`, e.span);
        }
        return this.op(e.span, () => E.div(a, b));
      case '^': checkBroadcast(this.state, a, b, e.span); return this.op(e.span, () => E.pow(a, b));
      case '@': return this.op(e.span, () => E.matmul(a, b));
      case '*': return this.product(e, { expr: e.left, tensor: a }, { expr: e.right, tensor: b }, e.product);
    }
  }

  /** A product as math means it (SPEC §4, products.ts); in the autodiff language `*` is elementwise. */
  private product(whole: Expr, left: Factor, right: Factor, symbol: ProductSymbol | undefined): Tensor {
    const kind = this.syntax === 'latex' ? productKind(whole, left, right, symbol, (x) => this.sourceText(x.span)) : 'elementwise';
    if (kind === 'scale' || kind === 'elementwise') checkBroadcast(this.state, left.tensor, right.tensor, whole.span);
    return this.op(whole.span, () => multiply(kind, left.tensor, right.tensor));
  }

  /** `e^{…}` is exp unless `e` is bound. */
  private isEuler(e: Expr, frame: Frame): boolean {
    return this.syntax === 'latex' && e.kind === 'name' && e.name === 'e' && !this.isBound('e', frame);
  }

  private isBound(name: string, frame: Frame): boolean {
    return frame.value(name) !== undefined || this.state.inputs.has(name) || this.ctx.annotation.has(name)
      || this.ctx.upstream.get(name) !== undefined;
  }

  private evalArray(e: ExprOf<'array'>, frame: Frame): Tensor {
    const literal = toLiteral(e);
    if (literal !== undefined) {
      try {
        const value = NDArray.from(literal);
        checkSize(this.state, value.shape, e.span, 'an array');
        return this.op(e.span, () => constant(value));
      } catch (err) {
        if (err instanceof E.ShapeError) throw new EvaluationError(`rows of different lengths: ${err.message}`, e.span);
        throw err;
      }
    }
    const items = e.rows.map((r) => this.evalExpr(r, frame));
    return this.op(e.span, () => E.stack(items, 0));
  }

  // ---- names --------------------------------------------------------------------------------

  private evalName(e: Name, frame: Frame): Tensor {
    if (e.subscript && e.subscript.length > 0 && e.base !== e.name) {
      const base = this.tensorBase(e, frame);
      if (base) return this.indexBySubscript(base, e, frame);
    }
    const local = frame.value(e.name);
    if (local) {
      const record = this.state.inputOf.get(local);
      if (record) record.differentiable = true;
      return local;
    }
    if (this.syntax === 'latex' && !this.isBound(e.name, frame)) {
      if (e.name === 'e') return this.op(e.span, () => constant(Math.E, 'e'));
      if (e.name === '\\pi') return this.op(e.span, () => constant(Math.PI, 'π'));
    }
    const record = this.input(e.name, e.span);
    record.differentiable = true;
    return record.tensor;
  }

  /** `x_1` indexes x when x is a tensor in scope (bound, declared, or implied by a sum's index). */
  private tensorBase(e: Name, frame: Frame): Tensor | undefined {
    const local = frame.value(e.base);
    if (local) {
      if (local.shape.length === 0) return undefined;
      const record = this.state.inputOf.get(local);
      if (record) record.differentiable = true;
      return local;
    }
    const shape = this.peekShape(e.base, frame);
    if (shape && shape.length >= 1) return this.useInput(e.base, e.span);
    if (shape === undefined && !this.isBound(e.base, frame)) {
      const active = new Map(this.activeReduces.map((r) => [r.index, r.upper]));
      const dims = e.subscript!.map((s) => (s.kind === 'name' && !s.subscript ? active.get(s.name) : undefined));
      if (dims.every((d): d is number => d !== undefined)) return this.useInput(e.base, e.span, dims);
    }
    return undefined;
  }

  private useInput(name: string, span: Span, dims?: number[]): Tensor {
    const record = this.input(name, span, dims);
    record.differentiable = true;
    return record.tensor;
  }

  /** The shape a global name has or will have, without binding it; undefined: a scalar sample. */
  private peekShape(name: string, frame: Frame): readonly number[] | undefined {
    const existing = this.state.inputs.get(name);
    if (existing) return existing.tensor.shape;
    const override = this.ctx.overrides?.get(name);
    if (override) return override.shape;
    const annotated = this.ctx.annotation.get(name);
    if (annotated) return annotated.value.shape;
    const entry = this.ctx.upstream.get(name);
    if (entry?.kind === 'value') return entry.value.shape;
    if (entry?.kind === 'shape') return entry.dims;
    const reduces = this.implied.get(name);
    if (reduces) return reduces.map((r) => this.upperBound(r, frame));
    return undefined;
  }

  private indexBySubscript(base: Tensor, e: Name, frame: Frame): Tensor {
    const subs = e.subscript!;
    if (subs.length > base.shape.length) {
      throw new EvaluationError(`${e.name}: ${e.base} has ${base.shape.length} ax${base.shape.length === 1 ? 'is' : 'es'}, not ${subs.length}`, e.span);
    }
    const positions = subs.map((s, axis) => this.evalIndexInteger(s, frame, base.shape[axis]));
    positions.forEach((k, axis) => {
      if (k < 1 || k > base.shape[axis]) {
        throw new EvaluationError(`${e.name}: index ${k} is out of range; ${e.base} has ${base.shape[axis]} entries along axis ${axis + 1} (1 to ${base.shape[axis]})`, e.span);
      }
    });
    const label = `${e.base}_{${positions.join(',')}}`;
    return guarded(this.state, e.span, () => E.slice(base, positions.map((k) => k - 1)), label);
  }

  /**
   * The input bound to a global name (annotation, earlier block, declared shape) or a sample.
   * `dims` is the shape implied by use when nothing binds the name.
   */
  input(name: string, span: Span, dims?: number[]): InputRecord {
    const existing = this.state.inputs.get(name);
    if (existing) return existing;
    const { settings, uri } = this.ctx;
    const override = this.ctx.overrides?.get(name);
    if (override) return this.state.addInput({ name, value: override.value, sampled: false, source: 'block' }, override, false, span);
    const annotated = this.ctx.annotation.get(name);
    let binding: Binding;
    if (annotated) {
      binding = { name, value: annotated.value, sampled: annotated.sampled, source: 'annotation', span: annotated.span };
    } else {
      const entry = this.ctx.upstream.get(name);
      if (entry?.kind === 'value') {
        binding = { name, value: entry.value, sampled: false, source: 'earlier-block', span: entry.span, blockIndex: entry.blockIndex };
      } else if (entry?.kind === 'function') {
        throw this.failure(`${name} is a function (defined in an earlier block); call it with arguments`, span);
      } else if (entry === undefined && this.boundOf.has(name)) {
        this.upperBound(this.boundOf.get(name)!, this.root);
        return this.state.inputs.get(name)!;
      } else {
        const shape = entry?.kind === 'shape' ? entry.dims : dims ?? this.impliedDims(name);
        checkSize(this.state, shape, span, `sampled ${name}`);
        const value = sampleUniform(uri, name, shape, settings.sampleLow, settings.sampleHigh);
        binding = entry?.kind === 'shape'
          ? { name, value, sampled: true, source: 'sampled', span: entry.span, blockIndex: entry.blockIndex }
          : { name, value, sampled: true, source: 'sampled' };
      }
    }
    return this.state.addInput(binding, variable(binding.value, name), false, span);
  }

  private impliedDims(name: string): number[] {
    const reduces = this.implied.get(name);
    return reduces ? reduces.map((r) => this.upperBound(r, this.root)) : [];
  }

  // ---- integers: indices, bounds, dimensions ---------------------------------------------------

  /** An integer read from an expression; a free name used as an index samples an index in 1..length. */
  evalIndexInteger(e: Expr, frame: Frame, length?: number): number {
    if (e.kind === 'name' && !frame.value(e.name) && length !== undefined && !this.isBound(e.name, frame)) {
      const k = sampleIndex(this.ctx.uri, e.name, length);
      const binding: Binding = { name: e.name, value: NDArray.scalar(k), sampled: true, source: 'sampled' };
      this.state.addInput(binding, variable(binding.value, e.name), false, e.span);
      return k;
    }
    return this.evalInteger(e, frame);
  }

  evalInteger(e: Expr, frame: Frame): number {
    let value: number;
    if (e.kind === 'number') value = e.value;
    else if (e.kind === 'name' && !e.subscript) {
      // Read the value without making the name a differentiable input: an index has no gradient.
      const t = frame.value(e.name) ?? this.input(e.name, e.span).tensor;
      if (t.value.size !== 1) throw new EvaluationError(`${e.name} is a tensor of shape (${t.shape.join(', ')}), not an integer`, e.span);
      value = t.value.data[0];
    } else {
      const t = this.evalExpr(e, frame);
      if (t.value.size !== 1) throw new EvaluationError(`${this.sourceText(e.span)} is a tensor, not an integer`, e.span);
      value = t.value.data[0];
    }
    if (!Number.isInteger(value)) {
      throw new EvaluationError(`${this.sourceText(e.span)} = ${formatNumber(value)} is not an integer`, e.span);
    }
    return value;
  }

  /** The upper bound of a sum/product; a free bound takes the length of what the index reads, else the default. */
  upperBound(r: Reduce, frame: Frame): number {
    const u = r.upper;
    const implicit = u.kind === 'unsupported' && u.reason === 'implicit upper bound';
    const freeName = u.kind === 'name' && !u.subscript && !frame.value(u.name) && !this.isBound(u.name, frame);
    if (!implicit && !freeName) return this.evalInteger(u, frame);
    const key = u.kind === 'name' ? u.name : `(bound of ${r.index})`;
    const known = this.state.freeBounds.get(key);
    if (known !== undefined) return known;
    const inferred = this.lengthReadBy(r, frame);
    const bound = inferred ?? this.ctx.settings.defaultIndexBound;
    this.state.freeBounds.set(key, bound);
    if (u.kind === 'name') {
      // Listed with the inputs so it can be pinned; "sampled" when only the default chose it.
      const binding: Binding = { name: u.name, value: NDArray.scalar(bound), sampled: inferred === undefined, source: 'sampled' };
      this.state.addInput(binding, variable(binding.value, u.name), false, u.span);
    }
    return bound;
  }

  /** `\sum_{j=1}^n \exp(h_j)` with h bound to 3 numbers: n is 3. */
  private lengthReadBy(r: Reduce, frame: Frame): number | undefined {
    let found: number | undefined;
    const stack: Expr[] = [r.body];
    while (stack.length > 0 && found === undefined) {
      const e = stack.pop()!;
      if (e.kind === 'name' && e.subscript) {
        const axis = e.subscript.findIndex((s) => s.kind === 'name' && s.name === r.index);
        if (axis >= 0) {
          const local = frame.value(e.base);
          const shape = local ? local.shape : this.boundShape(e.base);
          if (shape && shape.length > axis) found = shape[axis];
        }
      }
      if (e.kind === 'name' || e.kind === 'number' || e.kind === 'unsupported') continue;
      for (const child of bodyChildren(e)) stack.push(child);
    }
    return found;
  }

  /** Shape of a name bound by the annotation, an earlier block or this block's inputs (never sampled). */
  private boundShape(name: string): readonly number[] | undefined {
    const existing = this.state.inputs.get(name);
    if (existing && !existing.binding.sampled) return existing.tensor.shape;
    const annotated = this.ctx.annotation.get(name);
    if (annotated) return annotated.value.shape;
    const entry = this.ctx.upstream.get(name);
    if (entry?.kind === 'value') return entry.value.shape;
    if (entry?.kind === 'shape') return entry.dims;
    return undefined;
  }

  // ---- sums and products ------------------------------------------------------------------------

  private evalReduce(e: Reduce, frame: Frame): Tensor {
    const lower = this.evalInteger(e.lower, frame);
    const upper = this.upperBound(e, frame);
    const count = upper - lower + 1;
    const limit = this.ctx.settings.maxNodesPerBlock;
    if (count > limit) {
      throw new EvaluationError(`\\${e.op} over ${count} terms: above the limit of ${limit} nodes per block (setting maxNodesPerBlock)`, e.span);
    }
    if (count <= 0) return this.op(e.span, () => constant(e.op === 'sum' ? 0 : 1));
    let acc: Tensor | undefined;
    for (let k = lower; k <= upper; k++) {
      const inner = new Frame(frame);
      inner.values.set(e.index, constant(k, e.index));
      this.activeReduces.push({ index: e.index, upper, value: k });
      let term: Tensor;
      try {
        term = this.evalExpr(e.body, inner);
      } finally {
        this.activeReduces.pop();
      }
      const prev = acc;
      acc = prev === undefined ? term
        : guarded(this.state, e.span, () => (e.op === 'sum' ? E.add(prev, term) : E.mul(prev, term)),
          k === upper ? undefined : `${this.sourceText(e.span)} (terms ${lower} to ${k})`);
    }
    return acc!;
  }

  // ---- derivatives ---------------------------------------------------------------------------

  /** `\\frac{\\partial y}{\\partial x_1}`, `\\nabla_\\theta \\ell`, second order: by AD on this block's graph. */
  private evalDerivative(e: ExprOf<'derivative'>, frame: Frame): Tensor {
    if (e.wrt.length === 0) throw new NotEvaluable('a derivative needs a variable to differentiate with respect to', e.span);
    const of = differentiated(this, e.of, frame);
    const wrt = e.wrt.map((w) => differentiated(this, w, frame));
    const spans = e.wrt.map((w) => w.span);
    while (wrt.length < e.order) { wrt.push(wrt[wrt.length - 1]); spans.push(spans[spans.length - 1]); }
    wrt.forEach((w, i) => {
      if (!dependsOn(of, w)) {
        throw new NotEvaluable(`${this.sourceText(e.of.span)} does not depend on ${this.sourceText(spans[i])} in this block`, e.span);
      }
    });
    let g = of;
    for (const w of wrt) {
      const outer = g;
      g = this.op(e.span, () => E.grad(outer, [w])[0]);
    }
    return g;
  }

  // ---- calls ----------------------------------------------------------------------------------

  private evalCall(e: ExprOf<'call'>, frame: Frame): Tensor {
    const result = this.callWithoutComponent(e, frame);
    if (!e.component) return result;
    if (result.shape.length === 0) throw new EvaluationError(`${this.sourceText(e.span)}: ${e.fn}(…) is a scalar, it has no component`, e.span);
    const k = this.evalIndexInteger(e.component, frame, result.shape[0]);
    const origin = this.syntax === 'latex' ? 1 : 0;
    if (k - origin < 0 || k - origin >= result.shape[0]) {
      throw new EvaluationError(`${this.sourceText(e.span)}: component ${k} is out of range (${result.shape[0]} components)`, e.span);
    }
    return this.op(e.span, () => E.index(result, k - origin, 0));
  }

  private callWithoutComponent(e: ExprOf<'call'>, frame: Frame): Tensor {
    const own = frame.fn(e.fn);
    if (own) return this.inline(own, e, frame);
    const entry = this.ctx.upstream.get(e.fn);
    if (entry?.kind === 'function') {
      return this.inline({ name: entry.name, params: entry.params, body: entry.body, syntax: entry.syntax, span: entry.span }, e, frame);
    }
    if (isBuiltin(e.fn)) return builtins[e.fn](this, e, frame);
    // `x(a + b)` with x a bound value: math writes products that way.
    if (this.syntax === 'latex' && e.args.length === 1 && !e.component && this.isBound(e.fn, frame)) {
      const a = frame.value(e.fn) ?? this.useInput(e.fn, e.fnSpan);
      const b = this.evalExpr(e.args[0], frame);
      const name: Expr = { kind: 'name', span: e.fnSpan, name: e.fn, base: e.fn };
      return this.product(e, { expr: name, tensor: a }, { expr: e.args[0], tensor: b }, undefined);
    }
    if (this.syntax === 'latex') throw new NotEvaluable(`${this.sourceText(e.fnSpan)} is not defined`, e.fnSpan);
    throw new EvaluationError(`unknown function '${e.fn}'`, e.fnSpan);
  }

  /** A user function is inlined at its call: its body's nodes join this block's graph. */
  private inline(def: FunctionDef, e: ExprOf<'call'>, frame: Frame): Tensor {
    if (e.args.length !== def.params.length) {
      throw this.failure(`${def.name} takes ${def.params.length} argument${def.params.length === 1 ? '' : 's'} (${def.params.join(', ')}), called with ${e.args.length}`, e.span);
    }
    if (this.callDepth >= MAX_CALL_DEPTH) {
      throw new RecursionError(`function calls nest deeper than ${MAX_CALL_DEPTH} (is ${def.name} defined in terms of itself?)`, e.span);
    }
    const args = e.args.map((a) => this.evalExpr(a, frame));
    const callFrame = new Frame(this.root);
    def.params.forEach((p, i) => callFrame.values.set(p, args[i]));
    this.callDepth++;
    let body: Tensor;
    try {
      body = this.evalExpr(def.body, callFrame);
    } catch (err) {
      // The deepest call sits in some function's body, maybe another block's: the user's mistake shows at this block's call.
      if (err instanceof RecursionError && this.callDepth === 1) throw new RecursionError(`${shortText(this.sourceText(e.span))}: ${err.message}`, e.span);
      throw err;
    } finally {
      this.callDepth--;
    }
    return this.named(body, e.span, undefined);
  }

  /**
   * Gives `t` a name (an assignment) or makes it the node of a call (name undefined). A leaf or an
   * already named node gets an identity node of its own, so `v_1 = x_1` is a node v_1 next to x_1.
   */
  named(t: Tensor, span: Span, name: string | undefined): Tensor {
    const needsNode = name === undefined || t.op === null || this.state.meta.get(t)?.name !== undefined;
    const node = needsNode ? this.op(span, () => identity(t)) : t;
    if (name !== undefined) {
      this.state.meta.get(node)!.name = name;
      node.label = name;
    }
    return node;
  }

  // ---- indexing (autodiff `t[0]`, `t[1:3]`; LaTeX `(a + b)_i`) ---------------------------------

  private evalIndex(e: ExprOf<'index'>, frame: Frame): Tensor {
    const target = this.evalExpr(e.target, frame);
    if (e.indices.length > target.shape.length) {
      throw new EvaluationError(`${e.indices.length} indices for a tensor of ${target.shape.length} ax${target.shape.length === 1 ? 'is' : 'es'}`, e.span);
    }
    const specs = e.indices.map((ix, axis) => this.sliceSpec(ix, frame, target.shape[axis], e.origin));
    return this.op(e.span, () => E.slice(target, specs));
  }

  private sliceSpec(ix: Expr | SliceExpr, frame: Frame, length: number, origin: 0 | 1): E.SliceSpec {
    if (ix.kind === 'slice') {
      const part = (p?: Expr) => (p ? this.evalInteger(p, frame) : undefined);
      return { start: part(ix.start), stop: part(ix.stop), step: part(ix.step) };
    }
    const k = this.evalIndexInteger(ix, frame, length);
    const i = k - origin;
    const lowest = origin === 0 ? -length : 0;
    if (i < lowest || i >= length) {
      const range = origin === 0 ? `${-length} to ${length - 1}` : `1 to ${length}`;
      throw new EvaluationError(`index ${k} is out of range for an axis of length ${length} (${range})`, ix.span);
    }
    return i;
  }
}

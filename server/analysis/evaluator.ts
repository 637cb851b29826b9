// Expressions -> engine tensors. Every name is looked up by scope.ts's resolve() (SPEC §3) and turned
// into a tensor here: a definition (this block's or an earlier one's) is evaluated once per run into
// this block's graph, so the note is one graph; a leaf is made once per origin and shared.
import * as E from '../../engine';
import { constant, makeOp, NDArray, variable, type Op, type Tensor } from '../../engine';
import { boldCounterpart } from '../parse/latex/names';
import { poweredName, type Expr, type ExprOf, type ProductSymbol, type SliceExpr, type Span } from '../parse/ast';
import { bodyChildren, toLiteral, walk } from './ast-walk';
import { builtins, isBuiltin, type CallSite } from './builtins';
import { DomainError, EvaluationError, NotEvaluable, RecursionError } from './errors';
import { formatNumber } from './format-number';
import { Frame } from './frame';
import { checkBroadcast, checkSize, failureAt, guarded } from './guard';
import { dependsOn } from './graph-walk';
import { identity } from './identity-op';
import { multiply, productKind, type Factor } from './products';
import { sampleIndex, sampleUniform } from './sampling';
import { isBound, resolve, type Definition, type FunctionDef, type Origin, type Scope } from './scope';
import { shortText } from './short-text';
import { BlockState, type BlockContext, type InputRecord } from './state';
import type { Binding } from './types';

type Reduce = ExprOf<'reduce'>;
type Name = ExprOf<'name'>;

const MAX_CALL_DEPTH = 32;

export class Evaluator implements CallSite {
  readonly state: BlockState;
  /** The block's own frame: names assigned in sequence (`x = x + 1`) live here. */
  readonly root: Frame;
  /** Bound indices of the sums/products being unrolled, innermost last. */
  private readonly activeReduces: Array<{ index: string; upper: number; value: number }> = [];
  private callDepth = 0;
  /** Definitions evaluated in this run (one node each), and those being evaluated (cycles). */
  private readonly evaluated = new Map<Definition, Tensor>();
  private readonly evaluating: Definition[] = [];
  /** Leaves by origin (an annotation entry, a constant definition, a sampled name): one tensor each. */
  private readonly leaves = new Map<object | string, InputRecord>();
  private readonly frames = new Map<Scope, Frame>();
  /** The scope whose code is being evaluated (an earlier block's while its definition is). */
  private current: Scope;
  private readonly randomCounts = new Map<string, number>();
  /** Making the analysed block's own leaf for a use inside an earlier block's definition. */
  private foreignUse = false;
  /** Name of the statement being evaluated: keys `randn` draws so they stay the same across edits elsewhere. */
  statementKey = '';

  constructor(readonly ctx: BlockContext, readonly scope: Scope) {
    this.state = new BlockState(ctx);
    this.root = new Frame(scope);
    this.frames.set(scope, this.root);
    this.current = scope;
  }

  get syntax() { return this.current.syntax; }
  get uri() { return this.ctx.uri; }
  get strict() { return this.ctx.strict; }

  /** Source of the code being evaluated (an earlier block's definition: as that block was analysed). */
  sourceText(span: Span): string {
    return this.current.documentText.slice(span.start, span.end);
  }

  op(span: Span, make: () => Tensor, label = this.reduceSuffix(span)): Tensor {
    const foreign = this.current !== this.scope;
    const t = guarded(this.state, span, make, label ?? (foreign ? this.sourceText(span) : undefined));
    if (foreign) this.markUpstream(t);
    return t;
  }

  private markUpstream(t: Tensor): void {
    const meta = this.state.meta.get(t);
    if (meta && meta.upstreamBlock === undefined) meta.upstreamBlock = this.current.blockIndex;
  }

  checkShape(shape: number[], span: Span): void {
    checkSize(this.state, shape, span, 'a tensor');
  }

  /** An error at `t`'s value or shape, or not evaluable when only sampled inputs cause it (guard.ts). */
  failureAt(message: string, span: Span, t: Tensor, cause: 'value' | 'shape'): Error {
    // `\mathbf{1}_{\mathcal{X}}`: a note's indicator, not an index into the number 1.
    const number = t.inputs.length === 0 && !this.state.inputOf.has(t);
    if (cause === 'shape' && number && this.syntax === 'latex') return new NotEvaluable(`${message}: a number has no entries`, span);
    return failureAt(this.state, message, span, t, cause);
  }

  randomKey(): string {
    const n = this.randomCounts.get(this.statementKey) ?? 0;
    this.randomCounts.set(this.statementKey, n + 1);
    return `randn:${this.statementKey}:${n}`;
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
    if (e.left.kind === 'name' && e.right.kind === 'number' && isFree(resolve(e.left.name, frame))) {
      // σ² defined as a whole (`\sigma^2 = …`) while σ is bound nowhere: the variance, not a power of a sample.
      const powered = poweredName(e.left.name, e.right.value);
      const origin = resolve(powered, frame);
      if (!isFree(origin)) return this.tensorOf(powered, origin, e.span, frame, true);
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
          throw this.failureAt(`division by zero at ${this.sourceText(e.span)}`, e.span, b, 'value');
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
    return this.syntax === 'latex' && e.kind === 'name' && e.name === 'e' && !isBound('e', frame);
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
    const origin = resolve(e.name, frame);
    // `x_1` indexes x only when `x_1` itself is bound nowhere (SPEC §3).
    if (e.subscript && e.subscript.length > 0 && e.base !== e.name && isFree(origin)) {
      const base = this.tensorBase(e, frame);
      if (base) return this.indexBySubscript(base.tensor, base.name, e, frame);
    }
    if (this.syntax === 'latex' && origin.kind === 'sampled') {
      if (e.name === 'e') return this.op(e.span, () => constant(Math.E, 'e'));
      if (e.name === '\\pi') return this.op(e.span, () => constant(Math.PI, 'π'));
    }
    return this.tensorOf(e.name, origin, e.span, frame, true);
  }

  /**
   * The tensor a resolved name stands for. `differentiable`: read as a number (not only as an
   * index), so a leaf gets a gradient. `dims`: the shape use implies when nothing else gives one.
   */
  tensorOf(name: string, origin: Origin, span: Span, frame: Frame, differentiable: boolean, dims?: number[]): Tensor {
    if (this.current !== this.scope && isLeafOrigin(origin)) {
      // A name is one variable of the note: where the analysed block binds it to a value (its
      // annotation, an earlier block's value or annotation), the leaves of the definitions it imports
      // are that value too — `<!-- autodiff: x_1 = 2 -->` on a claim is the x_1 of y above.
      const own = resolve(name, this.root);
      const ownLeaf = own.kind === 'definition' && own.def.scope !== this.scope && !this.evaluating.includes(own.def)
        && this.state.inputOf.has(this.definition(own.def, span));
      if (own.kind === 'leaf' || own.kind === 'local' || ownLeaf) {
        const foreign = this.current;
        this.current = this.scope;
        this.foreignUse = true;
        try {
          return this.tensorOf(name, own, span, this.root, differentiable, dims);
        } finally {
          this.current = foreign;
          this.foreignUse = false;
        }
      }
    }
    switch (origin.kind) {
      case 'local': {
        const record = this.state.inputOf.get(origin.tensor);
        if (record && differentiable && !this.isInteger(name, frame)) record.differentiable = true;
        return origin.tensor;
      }
      case 'definition': return this.use(this.definition(origin.def, span), name, frame, differentiable);
      case 'function':
        throw this.failure(`${name} is a function${origin.fn.scope === this.scope ? '' : ' (defined in an earlier block)'}; call it with arguments`, span);
      case 'leaf': {
        // An earlier block's own annotation, met inside its definition, is bound upstream too.
        const blockIndex = origin.blockIndex ?? (this.current !== this.scope ? this.current.blockIndex : undefined);
        const binding: Binding = { name, value: origin.value, sampled: origin.sampled, source: origin.source, span: origin.span, ...(blockIndex !== undefined ? { blockIndex } : {}) };
        return this.use(this.leaf(origin.key, binding, span).tensor, name, frame, differentiable);
      }
      case 'integer':
        return this.integer(name, origin.value, false, span, { span: origin.span, blockIndex: origin.blockIndex });
      case 'bound':
        return this.integer(name, this.upperBound(origin.reduce, new Frame(frame.scope)), false, span);
      case 'shape': {
        const binding = this.sampled(name, origin.dims, span, { span: origin.span, blockIndex: origin.blockIndex, guessed: origin.guessed });
        return this.use(this.leaf(`sampled:${name}`, binding, span).tensor, name, frame, differentiable);
      }
      case 'implied':
      case 'sampled': {
        // A size or an index bound nowhere is an integer (SPEC §3): the default bound, or what an index
        // expression chose for it; never a sampled real.
        const chosen = this.state.freeBounds.get(name);
        if (origin.kind === 'sampled' && (chosen !== undefined || this.isInteger(name, frame))) {
          const value = chosen ?? this.ctx.settings.defaultIndexBound;
          this.state.freeBounds.set(name, value);
          return this.integer(name, value, true, span);
        }
        const shape = dims ?? (origin.kind === 'implied' ? origin.reduces.map((r) => this.upperBound(r, new Frame(frame.scope)))
          : this.leaves.has(`sampled:${name}`) ? [] : this.shapeFromProducts(name, frame.scope.roots, frame.scope) ?? []);
        const binding = this.sampled(name, shape, span);
        return this.use(this.leaf(`sampled:${name}`, binding, span).tensor, name, frame, differentiable);
      }
    }
  }

  /** A leaf read as a number gets a gradient, unless the block uses its name as a size (SPEC §3). */
  private use(t: Tensor, name: string, frame: Frame, differentiable: boolean): Tensor {
    const record = this.state.inputOf.get(t);
    if (!record) return t;
    if (this.isInteger(name, frame)) return constant(t.value, name);
    if (differentiable) record.differentiable = true;
    return t;
  }

  private isInteger(name: string, frame: Frame): boolean {
    return frame.scope.integers.has(name) && frame.value(name) === undefined;
  }

  private sampled(name: string, shape: readonly number[], span: Span, declared?: { span?: Span; blockIndex?: number; guessed?: boolean }): Binding {
    checkSize(this.state, shape, span, `sampled ${name}`, true);
    const value = sampleUniform(this.ctx.uri, name, shape, this.ctx.settings.sampleLow, this.ctx.settings.sampleHigh);
    if (!declared?.span) return { name, value, sampled: true, source: 'sampled' };
    return { name, value, sampled: true, source: 'sampled', span: declared.span, blockIndex: declared.blockIndex, ...(declared.guessed ? { guessedShape: true } : {}) };
  }

  /** A size read as a number: listed with the inputs (so it can be pinned), never differentiated. */
  private integer(name: string, value: number, sampled: boolean, span: Span, at?: { span?: Span; blockIndex?: number }): Tensor {
    const existing = this.state.inputs.get(name);
    if (!existing) {
      const binding: Binding = { name, value: NDArray.scalar(value), sampled, source: at?.blockIndex !== undefined ? 'earlier-block' : 'sampled', ...(at?.span ? { span: at.span, blockIndex: at.blockIndex } : {}) };
      this.state.addInput(binding, constant(value, name), false, span);
    }
    return constant(value, name);
  }

  /**
   * The one leaf of an origin (`key`): made on first use, an override's tensor when the block
   * program runs at other values (gradient check, claims), listed with the block's inputs.
   */
  leaf(key: object | string, binding: Binding, span: Span | undefined): InputRecord {
    const known = this.leaves.get(key);
    if (known) return known;
    const override = this.ctx.overrides?.get(binding.name);
    const tensor = override ?? variable(binding.value, binding.name);
    const listed = override ? { ...binding, value: override.value } : binding;
    // Read inside an earlier block's definition: that use is not in this block's text.
    const at = this.current === this.scope && !this.foreignUse ? span : undefined;
    const record = this.state.inputs.has(binding.name)
      ? this.state.addInput({ ...listed, name: `${binding.name} (block ${(binding.blockIndex ?? 0) + 1})` }, tensor, false, at)
      : this.state.addInput(listed, tensor, false, at);
    // addInput labels by the listed name; the tensor keeps the variable's own name.
    tensor.label = binding.name;
    if (this.current !== this.scope) this.markUpstream(tensor);
    this.leaves.set(key, record);
    return record;
  }

  /**
   * A definition's node in this run: its formula evaluated in its own scope (this block or an
   * earlier one) the first time any code reads it. A constant is a leaf (`x_1 = 2` binds an input).
   */
  definition(def: Definition, useSpan: Span, asOutput = false): Tensor {
    const known = this.evaluated.get(def);
    if (known) return known;
    if (this.evaluating.includes(def)) {
      const cycle = [...this.evaluating.slice(this.evaluating.indexOf(def)), def].map((d) => d.name).join(' → ');
      throw new EvaluationError(`these definitions depend on each other in a cycle: ${cycle}`, def.scope === this.scope ? def.span : useSpan);
    }
    const foreign = def.scope !== this.scope;
    const outer = { current: this.current, key: this.statementKey, reduces: this.activeReduces.splice(0) };
    this.evaluating.push(def);
    this.current = def.scope;
    this.statementKey = def.name;
    let t: Tensor;
    try {
      t = this.evalExpr(def.body, this.frameOf(def.scope));
    } catch (e) {
      // An earlier block's failure is reported there; here it is where the name is used.
      if (foreign && outer.current === this.scope && (e instanceof EvaluationError || e instanceof NotEvaluable)) {
        throw new NotEvaluable(`${def.name} (defined in an earlier block) cannot be evaluated: ${e.message}`, useSpan);
      }
      throw e;
    } finally {
      this.evaluating.pop();
      this.current = outer.current;
      this.statementKey = outer.key;
      this.activeReduces.push(...outer.reduces);
    }
    // The node (or leaf) belongs to the definition's block.
    const before = this.current;
    this.current = def.scope;
    try {
      if (!t.requiresGrad && !asOutput) {
        const source = foreign ? 'earlier-block' : 'block';
        t = this.leaf(def, { name: def.name, value: t.value, sampled: false, source, span: def.span, ...(foreign ? { blockIndex: def.scope.blockIndex } : {}) }, def.span).tensor;
      } else {
        t = this.named(t, def.span, def.name);
      }
    } finally {
      this.current = before;
    }
    this.evaluated.set(def, t);
    return t;
  }

  private frameOf(scope: Scope): Frame {
    let frame = this.frames.get(scope);
    if (!frame) {
      frame = new Frame(scope);
      this.frames.set(scope, frame);
    }
    return frame;
  }

  /**
   * `x_1` indexes x when x is a tensor in scope (bound, declared, or implied by a sum's index). In a
   * note that writes x both bold and plain (bold-names.ts), `x_1` is an entry of the bold `\mathbf{x}`
   * unless the plain x is a tensor that something binds.
   */
  private tensorBase(e: Name, frame: Frame): { tensor: Tensor; name: string } | undefined {
    const origin = resolve(e.base, frame);
    const plain = this.tensorNamed(e, e.base, origin, frame);
    if (plain && !isFree(origin)) return { tensor: plain, name: e.base };
    const name = boldCounterpart(e.base);
    if (name) {
      const boldOrigin = resolve(name, frame);
      const bold = isFree(boldOrigin) ? undefined : this.tensorNamed(e, name, boldOrigin, frame);
      if (bold) return { tensor: bold, name };
    }
    return plain && { tensor: plain, name: e.base };
  }

  private tensorNamed(e: Name, name: string, origin: Origin, frame: Frame): Tensor | undefined {
    if (origin.kind === 'local') {
      return origin.tensor.shape.length === 0 ? undefined : this.tensorOf(name, origin, e.span, frame, true);
    }
    if (origin.kind === 'sampled') {
      // Free: a tensor when the subscripts are indices of sums being unrolled.
      const active = new Map(this.activeReduces.map((r) => [r.index, r.upper]));
      const dims = e.subscript!.map((s) => (s.kind === 'name' && !s.subscript ? active.get(s.name) : undefined));
      return dims.every((d): d is number => d !== undefined) ? this.tensorOf(name, origin, e.span, frame, true, dims) : undefined;
    }
    if (origin.kind === 'function' || origin.kind === 'integer' || origin.kind === 'bound') return undefined;
    if (origin.kind === 'leaf' && origin.value.shape.length === 0) return undefined;
    if (origin.kind === 'shape' && origin.dims.length === 0) return undefined;
    const t = this.tensorOf(name, origin, e.span, frame, true);
    return t.shape.length === 0 ? undefined : t;
  }

  private indexBySubscript(base: Tensor, baseName: string, e: Name, frame: Frame): Tensor {
    const subs = e.subscript!;
    if (subs.length > base.shape.length) {
      throw this.failureAt(`${e.name}: ${baseName} has ${base.shape.length} ax${base.shape.length === 1 ? 'is' : 'es'}, not ${subs.length}`, e.span, base, 'shape');
    }
    const positions = subs.map((s, axis) => this.evalIndexInteger(s, frame, base.shape[axis]));
    positions.forEach((k, axis) => {
      if (k < 1 || k > base.shape[axis]) {
        throw this.failureAt(`${e.name}: index ${k} is out of range; ${baseName} has ${base.shape[axis]} entries along axis ${axis + 1} (1 to ${base.shape[axis]})`, e.span, base, 'shape');
      }
    });
    const label = `${baseName}_{${positions.join(',')}}`;
    return this.op(e.span, () => E.slice(base, positions.map((k) => k - 1)), label);
  }

  /** The input a name is bound to, read as a number (a function's parameter as the block's output). */
  input(name: string, span: Span): InputRecord {
    const t = this.tensorOf(name, resolve(name, this.root), span, this.root, false);
    return this.state.inputOf.get(t) ?? { binding: { name, value: t.value, sampled: false, source: 'block' }, tensor: t, differentiable: false };
  }

  // ---- integers: indices, bounds, dimensions ---------------------------------------------------

  /** An integer read from an expression; a free name used as an index samples an index in 1..length. */
  evalIndexInteger(e: Expr, frame: Frame, length?: number): number {
    const passed = e.kind === 'name' && !e.subscript ? frame.indexArg(e.name) : undefined;
    if (passed?.kind === 'passed') return this.evalIndexInteger(passed.arg, passed.frame, length);
    const free = passed?.kind === 'free' || (e.kind === 'name' && !e.subscript && resolve(e.name, frame).kind === 'sampled');
    if (e.kind === 'name' && free && length !== undefined) {
      const value = NDArray.scalar(sampleIndex(this.ctx.uri, e.name, length));   // used on first read only
      return this.leaf(`sampled:${e.name}`, { name: e.name, value, sampled: true, source: 'sampled' }, e.span).tensor.value.data[0];
    }
    if (e.kind !== 'name' && length !== undefined) this.chooseIndexVariables(e, frame, length);
    return this.evalInteger(e, frame);
  }

  /**
   * `H_{t-1}` with t bound nowhere: t is an integer, the middle of the axis, so that t − 1 and t + 1
   * (both in real notes, a few lines apart) fall inside it.
   */
  private chooseIndexVariables(e: Expr, frame: Frame, length: number): void {
    walk([e], (x) => {
      if (x.kind !== 'name' || x.subscript) return;
      if (this.state.freeBounds.has(x.name) || this.leaves.has(`sampled:${x.name}`) || resolve(x.name, frame).kind !== 'sampled') return;
      this.state.freeBounds.set(x.name, Math.max(1, Math.ceil(length / 2)));
    });
  }

  evalInteger(e: Expr, frame: Frame): number {
    let value: number;
    if (e.kind === 'number') value = e.value;
    else if (e.kind === 'name' && !e.subscript) {
      // Read the value without making the name a differentiable input: an index has no gradient.
      const t = this.tensorOf(e.name, resolve(e.name, frame), e.span, frame, false);
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
    // `n_\textrm{in}` is a free bound too, unless its base names a tensor it would index.
    const freeName = u.kind === 'name' && isFree(resolve(u.name, frame)) && (!u.subscript || isFree(resolve(u.base, frame)));
    if (!implicit && !freeName) return this.evalInteger(u, frame);
    const key = u.kind === 'name' ? u.name : `(bound of ${r.index})`;
    const known = this.state.freeBounds.get(key);
    if (known !== undefined) return known;
    const inferred = this.lengthReadBy(r, frame);
    const bound = inferred ?? this.ctx.settings.defaultIndexBound;
    this.state.freeBounds.set(key, bound);
    // Listed with the inputs so it can be pinned; "sampled" when only the default chose it.
    if (u.kind === 'name') this.integer(u.name, bound, inferred === undefined, u.span);
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
          const shape = this.boundShape(e.base, frame);
          if (shape && shape.length > axis) found = shape[axis];
        }
      }
      if (e.kind === 'name' || e.kind === 'number' || e.kind === 'unsupported') continue;
      for (const child of bodyChildren(e)) stack.push(child);
    }
    return found;
  }

  /**
   * A free name multiplied on the left by a bound matrix is a vector with as many entries as the matrix
   * has columns (SPEC §3, "implied by use"): `X \theta`, `W^\top v`, also inside a function it is passed
   * to (`\nabla_\theta J(\theta)` with `J(\theta) = \|X \theta - y\|^2` defined above).
   */
  private shapeFromProducts(name: string, roots: Expr[], scope: Scope, depth = 0): number[] | undefined {
    const frame = this.frameOf(scope);
    let found: number[] | undefined;
    walk(roots, (x) => {
      if (found) return false;
      if (x.kind === 'binary' && (x.op === '*' || x.op === '@') && isPlainName(x.right, name)) {
        // The factor right before the name: `X^\top` in `(X^\top X)^{-1} X^\top y`.
        let before = x.left;
        while (before.kind === 'binary' && (before.op === '*' || before.op === '@')) before = before.right;
        const transposed = before.kind === 'transpose';
        const matrix = transposed ? (before as ExprOf<'transpose'>).arg : before;
        const shape = matrix.kind === 'name' && !matrix.subscript ? this.boundShape(matrix.name, frame) : undefined;
        if (shape?.length === 2) found = [shape[transposed ? 0 : 1]];
      } else if (x.kind === 'call' && depth < MAX_CALL_DEPTH) {
        const fn = resolve(x.fn, frame);
        if (fn.kind !== 'function') return;
        x.args.forEach((arg, i) => {
          const param = fn.fn.params[i];
          if (!found && param !== undefined && isPlainName(arg, name)) found = this.shapeFromProducts(param, [fn.fn.body], fn.fn.scope, depth + 1);
        });
      }
    });
    return found;
  }

  /** Shape of a name something binds (never a sample's). */
  private boundShape(name: string, frame: Frame): readonly number[] | undefined {
    const origin = resolve(name, frame);
    switch (origin.kind) {
      case 'local': return origin.tensor.shape;
      case 'leaf': return origin.value.shape;
      case 'shape': return origin.dims;
      case 'definition': return this.definition(origin.def, origin.def.span).shape;
      default: return undefined;
    }
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
        : this.op(e.span, () => (e.op === 'sum' ? E.add(prev, term) : E.mul(prev, term)),
          k === upper ? undefined : `${this.sourceText(e.span)} (terms ${lower} to ${k})`);
    }
    return acc!;
  }

  // ---- derivatives ---------------------------------------------------------------------------

  /** `\\frac{\\partial y}{\\partial x_1}`, `\\nabla_\\theta \\ell`, second order: by AD on this block's graph. */
  private evalDerivative(e: ExprOf<'derivative'>, frame: Frame): Tensor {
    if (e.wrt.length === 0) throw new NotEvaluable('a derivative needs a variable to differentiate with respect to', e.span);
    const of = this.evalExpr(this.derivand(e, frame), frame);
    const wrt = e.wrt.map((w) => this.evalExpr(w, frame));
    const spans = e.wrt.map((w) => w.span);
    while (wrt.length < e.order) { wrt.push(wrt[wrt.length - 1]); spans.push(spans[spans.length - 1]); }
    let g = of;
    wrt.forEach((w, i) => {
      const outer = g;
      const target = differentiationTarget(outer, w);
      if (!target) throw new NotEvaluable(`${this.sourceText(e.of.span)} does not depend on ${this.sourceText(spans[i])} in this block`, e.span);
      g = this.op(e.span, () => {
        const d = E.grad(outer, [target.of])[0];
        return target.entry ? makeOp(target.entry, [d]) : d;
      });
    });
    return g;
  }

  /**
   * What `\frac{d\zeta}{dx}` differentiates: with ζ a function, ζ called at its parameters' names as
   * the block binds them (`\partial f / \partial y` of f(x, y) is f(x, y)); a function of one variable
   * at the variable written (ζ(t) and d/dx: ζ(x)). Otherwise the expression written.
   */
  private derivand(e: ExprOf<'derivative'>, frame: Frame): Expr {
    const of = e.of;
    if (of.kind !== 'name' || of.subscript) return of;
    const origin = resolve(of.name, frame);
    if (origin.kind !== 'function') return of;
    const { params } = origin.fn;
    const variables = e.wrt.filter((w): w is ExprOf<'name'> => w.kind === 'name');
    const names = new Set(variables.map((w) => w.name));
    const args: Expr[] = params.length === 1 && names.size === 1 ? [variables[0]]
      : params.map((p) => variables.find((w) => w.name === p) ?? { kind: 'name', span: of.span, name: p, base: p });
    return { kind: 'call', span: of.span, fn: of.name, fnSpan: of.span, args };
  }

  // ---- calls ----------------------------------------------------------------------------------

  private evalCall(e: ExprOf<'call'>, frame: Frame): Tensor {
    const result = this.callWithoutComponent(e, frame);
    if (!e.component) return result;
    if (result.shape.length === 0) throw this.failureAt(`${this.sourceText(e.span)}: ${e.fn}(…) is a scalar, it has no component`, e.span, result, 'shape');
    const k = this.evalIndexInteger(e.component, frame, result.shape[0]);
    const origin = this.syntax === 'latex' ? 1 : 0;
    if (k - origin < 0 || k - origin >= result.shape[0]) {
      throw this.failureAt(`${this.sourceText(e.span)}: component ${k} is out of range (${result.shape[0]} components)`, e.span, result, 'shape');
    }
    return this.op(e.span, () => E.index(result, k - origin, 0));
  }

  private callWithoutComponent(e: ExprOf<'call'>, frame: Frame): Tensor {
    const origin = resolve(e.fn, frame);
    if (origin.kind === 'function') return this.inline(origin.fn, e, frame);
    if (isBuiltin(e.fn)) return builtins[e.fn](this, e, frame);
    // `x(a + b)` with x a bound value: math writes products that way.
    if (this.syntax === 'latex' && e.args.length === 1 && !e.component && !isFree(origin)) {
      const a = this.tensorOf(e.fn, origin, e.fnSpan, frame, true);
      const b = this.evalExpr(e.args[0], frame);
      const name: Expr = { kind: 'name', span: e.fnSpan, name: e.fn, base: e.fn };
      return this.product(e, { expr: name, tensor: a }, { expr: e.args[0], tensor: b }, undefined);
    }
    if (this.syntax === 'latex') throw new NotEvaluable(`${this.sourceText(e.fnSpan)} is not defined`, e.fnSpan);
    throw new EvaluationError(`unknown function '${e.fn}'`, e.fnSpan);
  }

  /**
   * A user function is inlined at its call: its body's nodes join this block's graph. The body reads
   * its parameters from the call and its free names where the function was defined (a closure).
   */
  private inline(def: FunctionDef, e: ExprOf<'call'>, frame: Frame): Tensor {
    if (e.args.length !== def.params.length) {
      throw this.failure(`${def.name} takes ${def.params.length} argument${def.params.length === 1 ? '' : 's'} (${def.params.join(', ')}), called with ${e.args.length}`, e.span);
    }
    if (this.callDepth >= MAX_CALL_DEPTH) {
      throw new RecursionError(`function calls nest deeper than ${MAX_CALL_DEPTH} (is ${def.name} defined in terms of itself?)`, e.span);
    }
    const callFrame = new Frame(this.frameOf(def.scope));
    def.params.forEach((p, i) => {
      const arg = e.args[i];
      // `\ell(z, y)` called with a free y: y is the class index there too, read where it indexes.
      if (def.indexParams.has(p) && arg.kind === 'name' && !arg.subscript) callFrame.indexArgs.set(p, { kind: 'passed', arg, frame });
      else callFrame.values.set(p, this.evalExpr(arg, frame));
    });
    this.callDepth++;
    const caller = this.current;
    this.current = def.scope;
    let body: Tensor;
    try {
      body = this.evalExpr(def.body, callFrame);
    } catch (err) {
      // The deepest call sits in some function's body, maybe another block's: the user's mistake shows at this block's call
      // (its range is the call; the message quotes no document text, so a block moved by an edit keeps a true message).
      if (err instanceof RecursionError && this.callDepth === 1) throw new RecursionError(err.message, e.span);
      // Reported at the call: the body is in an earlier block. A failing program stays an error.
      if (def.scope !== this.scope && caller === this.scope && err instanceof EvaluationError) {
        const Kind = err instanceof DomainError ? DomainError : EvaluationError;
        throw new Kind(`${def.name} (defined in an earlier block): ${err.message}`, e.span);
      }
      if (def.scope !== this.scope && caller === this.scope && err instanceof NotEvaluable) {
        throw new NotEvaluable(`${def.name} (defined in an earlier block) cannot be evaluated here: ${err.message}`, e.span);
      }
      throw err;
    } finally {
      this.callDepth--;
      this.current = caller;
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
      throw this.failureAt(`${e.indices.length} indices for a tensor of ${target.shape.length} ax${target.shape.length === 1 ? 'is' : 'es'}`, e.span, target, 'shape');
    }
    const specs = e.indices.map((ix, axis) => this.sliceSpec(ix, frame, target, axis, e.origin));
    return this.op(e.span, () => E.slice(target, specs));
  }

  private sliceSpec(ix: Expr | SliceExpr, frame: Frame, target: Tensor, axis: number, origin: 0 | 1): E.SliceSpec {
    const length = target.shape[axis];
    if (ix.kind === 'slice') {
      const part = (p?: Expr) => (p ? this.evalInteger(p, frame) : undefined);
      return { start: part(ix.start), stop: part(ix.stop), step: part(ix.step) };
    }
    const k = this.evalIndexInteger(ix, frame, length);
    const i = k - origin;
    const lowest = origin === 0 ? -length : 0;
    if (i < lowest || i >= length) {
      const range = origin === 0 ? `${-length} to ${length - 1}` : `1 to ${length}`;
      throw this.failureAt(`index ${k} is out of range for an axis of length ${length} (${range})`, ix.span, target, 'shape');
    }
    return i;
  }
}

/** Nothing binds the name: it would be sampled (or is a free size). */
function isFree(origin: Origin): boolean {
  return origin.kind === 'sampled' || origin.kind === 'implied' || origin.kind === 'bound';
}

/** A value no formula of the note computes. */
function isLeafOrigin(origin: Origin): boolean {
  return origin.kind === 'leaf' || origin.kind === 'shape' || origin.kind === 'sampled' || origin.kind === 'implied';
}

/**
 * What to differentiate by to get ∂outer/∂w. Usually w itself; when w is an entry of a vector the
 * output depends on as a whole (`\frac{\partial \ell}{\partial h_1}` with h = Wx defined above, read
 * `h_1` makes a new entry node ℓ never used), the whole vector, then that entry of its gradient.
 */
function differentiationTarget(outer: Tensor, w: Tensor): { of: Tensor; entry?: Op } | null {
  if (dependsOn(outer, w)) return { of: w };
  const op = w.op;
  const selects = op !== null && w.inputs.length === 1 && (op.name === 'index' || op.name === 'slice');
  if (selects && dependsOn(outer, w.inputs[0])) return { of: w.inputs[0], entry: op };
  return null;
}

function isPlainName(e: Expr, name: string): boolean {
  return e.kind === 'name' && e.name === name && !e.subscript;
}

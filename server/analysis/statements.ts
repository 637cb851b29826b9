// Runs a block's statements in order: assignments name nodes (or bind inputs), function definitions
// are kept for inlining, shapes are declared, and the last statement gives the output (SPEC §4), unless
// it is an autodiff claim `grad(y, x1) == …`, which only checks.
import type { Tensor } from '../../engine';
import type { Expr, Span, Stmt } from '../parse/ast';
import { walk, expressionsOf } from './ast-walk';
import { isClaim, isGradClaim, runClaim, type ClaimSite } from './claim-statement';
import type { Entry } from './environment';
import { EvaluationError, NotEvaluable } from './errors';
import type { Evaluator } from './evaluator';
import { formatNumber } from './format-number';
import { Frame } from './frame';
import { resolve, type Origin } from './scope';
import { indexOnlyParams } from './index-params';

export interface BlockRun {
  output: Tensor | null;
  outputName: string | null;
  /** What later blocks may use, in order; filled as statements succeed (kept when a later one fails). */
  exports: Entry[];
  definitions: Array<{ name: string; span: Span }>;
  /** Derivation claims met on the way (claim-statement.ts), checked after the run (claims.ts). */
  claims?: ClaimSite[];
}

function isBareLeaf(e: Expr): boolean {
  return e.kind === 'number' || (e.kind === 'name' && !e.subscript);
}

export function runStatements(ev: Evaluator, statements: Stmt[], run: BlockRun): void {
  if (statements.length === 0) throw new NotEvaluable('nothing to compute');
  // A bare `\theta`, `n` or `2` (typically inline in prose) names something; it computes nothing.
  const only = statements.length === 1 ? statements[0] : undefined;
  if (only?.kind === 'expr' && isBareLeaf(only.value)) throw new NotEvaluable('nothing to compute', only.span);
  const outputIndex = outputStatement(statements);
  // Shapes and functions first: like definitions, they hold wherever they are written in the block.
  const declared = new Map<Stmt, { dims: number[]; guessed: boolean }>();
  statements.forEach((s) => {
    if (s.kind === 'shape') {
      const sizes = s.dims.map((d) => dimension(ev, d, run));
      const dims = sizes.map((d) => d.value);
      const guessed = sizes.some((d) => d.chosen);
      declared.set(s, { dims, guessed });
      ev.scope.shapes.set(s.name, { dims, span: s.nameSpan, guessed });
    } else if (s.kind === 'assign' && s.params && s.target.kind === 'name' && !restatesItself(ev, s)) {
      const name = s.target.name;
      const params = s.params.map((p) => p.name);
      ev.scope.functions.set(name, { name, params, body: s.value, syntax: ev.scope.syntax, span: s.target.span, scope: ev.scope, indexParams: indexOnlyParams(params, s.value) });
    }
  });
  statements.forEach((s, i) => {
    const isOutput = i === outputIndex;
    switch (s.kind) {
      case 'relation':
        throw new NotEvaluable(`a relation (${s.op}) states a fact; there is nothing to compute`, s.span);
      case 'shape': {
        const { dims, guessed } = declared.get(s)!;
        exportEntry(ev, run, { kind: 'shape', name: s.name, dims, ...(guessed ? { guessed } : {}) }, s.nameSpan);
        if (isOutput) throw new NotEvaluable(`declares the shape of ${declaredNames(statements, s)} (${dims.join(' × ')}); nothing to compute`, s.span);
        return;
      }
      case 'expr': {
        ev.statementKey = `#${i}`;
        const t = ev.evalExpr(s.value, ev.root);
        if (isOutput) {
          run.output = t;
          run.outputName = ev.sourceText(s.value.span);
        }
        return;
      }
      case 'assign':
        assign(ev, s, i, { isOutput, final: i === statements.length - 1 }, run);
        return;
    }
  });
}

function exportEntry(ev: Evaluator, run: BlockRun, entry: DistributiveOmit<Entry, 'span' | 'blockIndex' | 'fingerprint'>, span: Span, define = true): void {
  run.exports.push({ ...entry, span, blockIndex: ev.scope.blockIndex, fingerprint: '' } as Entry);
  if (define) run.definitions.push({ name: entry.name, span });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The statement that gives the output (SPEC §4): the last equation whose left side nothing else in
 * the block uses (`\ell = c^2, \quad c = a b` gives ℓ), or a bare expression. An autodiff claim
 * (`grad(y, x1) == …`) only checks, like Python's assert; a block of claims only has the last
 * claim's derivative as its output.
 */
function outputStatement(statements: Stmt[]): number {
  const readElsewhere = (name: string, at: number) => statements.some((s, j) => j !== at && readsName(s, name));
  for (let i = statements.length - 1; i >= 0; i--) {
    const s = statements[i];
    if (isGradClaim(s)) continue;
    if (s.kind === 'assign' && s.target.kind === 'name' && !s.params && readElsewhere(s.target.name, i)) continue;
    return i;
  }
  for (let i = statements.length - 1; i >= 0; i--) if (!isGradClaim(statements[i])) return i;
  return statements.length - 1;
}

/** Whether a statement's right side (or a derivative's parts) reads `name`. */
function readsName(s: Stmt, name: string): boolean {
  const roots = s.kind === 'assign' ? [s.value, ...(s.target.kind === 'name' ? [] : [s.target])] : expressionsOf(s);
  let found = false;
  walk(roots, (e) => { if ((e.kind === 'name' && (e.name === name || e.base === name)) || (e.kind === 'call' && e.fn === name)) found = true; });
  return found;
}

/**
 * `f(x) = f(0) + x f'(0) + …`, `k(x, x') = k(x', x)`, `\log n_i = -\alpha \log i + c`: in a note, a
 * function called on both sides at other arguments is a fact about it (a Taylor expansion, a symmetry),
 * not a definition. `f(t) = f(t) + 1`, called at its own parameters, is recursion: the user's mistake,
 * an error at the call.
 */
function restatesItself(ev: Evaluator, s: Extract<Stmt, { kind: 'assign' }>): boolean {
  if (ev.scope.syntax !== 'latex' || !s.params || s.target.kind !== 'name') return false;
  const name = s.target.name;
  const params = s.params.map((p) => p.name);
  const atOwnParameters = (e: Extract<Expr, { kind: 'call' }>) => !e.component && e.args.length === params.length
    && e.args.every((a, i) => a.kind === 'name' && !a.subscript && a.name === params[i]);
  let found = false;
  walk([s.value], (e) => { if (e.kind === 'call' && e.fn === name && !atOwnParameters(e)) found = true; });
  return found;
}

/** `isOutput`: this statement gives the block's output; `final`: nothing follows it. */
function assign(ev: Evaluator, s: Extract<Stmt, { kind: 'assign' }>, i: number, at: { isOutput: boolean; final: boolean }, run: BlockRun): void {
  const { isOutput, final } = at;
  if (isClaim(s)) {
    runClaim(ev, s, i, isOutput, run);
    return;
  }
  const target = s.target;
  if (target.kind !== 'name') {
    const what = target.kind === 'unsupported' ? target.reason : `the left side ${ev.sourceText(target.span)} is not a name`;
    throw ev.failure(what, target.span);
  }
  const name = target.name;
  if (s.params) {
    if (restatesItself(ev, s)) throw new NotEvaluable(`${name} is on both sides: this states a property of ${name}, it does not define it`, s.span);
    const fn = ev.scope.functions.get(name)!;
    exportEntry(ev, run, { kind: 'function', name, fn }, target.span);
    if (!isOutput) return;
    // The block's output is the function at its parameters, which are the block's inputs.
    const frame = new Frame(ev.root);
    // A parameter gets a gradient once the body uses it as a number. One read only as an index stays
    // unbound here: where it indexes, it resolves like any free index (an integer in 1..length).
    const fnDef = ev.scope.functions.get(name)!;
    for (const p of s.params) {
      if (!fnDef.indexParams.has(p.name)) frame.values.set(p.name, ev.input(p.name, p.span).tensor);
      // The parameter, not a y bound above (a vector y of another section): the block's annotation alone binds it.
      else if (!ev.scope.annotation.has(p.name)) frame.indexArgs.set(p.name, { kind: 'free' });
    }
    ev.statementKey = name;
    const body = ev.evalExpr(s.value, frame);
    run.output = ev.named(body, target.span, name);
    run.outputName = name;
    return;
  }
  const def = ev.scope.definitions.get(name);
  let t: Tensor;
  if (def && def.index === i) {
    t = ev.definition(def, target.span, final);
    exportEntry(ev, run, { kind: 'value', name, value: t.value, definition: def }, target.span);
  } else {
    // A reassigned name (`x = x + 1`) runs in sequence: later statements read the latest value.
    ev.statementKey = name;
    t = ev.evalExpr(s.value, ev.root);
    if (!t.requiresGrad && !final) {
      // `x = 2 \\ x = x + 1`: a value bound in the block is an input of what follows (SPEC §3).
      t = ev.leaf(s, { name, value: t.value, sampled: false, source: 'block', span: target.span }, target.span).tensor;
    } else {
      t = ev.named(t, target.span, name);
    }
    ev.root.values.set(name, t);
    // Later blocks see the last value as a leaf: only single definitions enter them as graphs.
    exportEntry(ev, run, { kind: 'value', name, value: t.value, source: 'earlier-block', leafKey: s }, target.span);
  }
  if (isOutput) {
    run.output = t;
    run.outputName = name;
  }
}

/** The names declared together with the last statement `s`: `x, y \in \mathbb{R}^n` gives one shape
 *  statement per name, all with the declaration's span. */
function declaredNames(statements: Stmt[], s: Extract<Stmt, { kind: 'shape' }>): string {
  const names = statements.filter((t) => t.kind === 'shape' && t.span.start === s.span.start && t.span.end === s.span.end)
    .map((t) => (t as typeof s).name);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function isFreeOrigin(origin: Origin): boolean {
  return origin.kind === 'sampled' || origin.kind === 'implied';
}

/**
 * `\mathbf{W} \in \mathbb{R}^{q \times h}` under `\mathbf{h} = \phi(\mathbf{z})`: a size is never a vector, nor
 * the real number a formula or a sample gives, so the note means another h (bold for vectors, plain
 * for sizes), bound nowhere. A value the user bound (an annotation's 2.5) stays what it is.
 */
function aSize(ev: Evaluator, name: string, origin: Origin, span: Span): boolean {
  if (origin.kind === 'integer' || origin.kind === 'function' || origin.kind === 'bound') return true;
  const value = ev.tensorOf(name, origin, span, ev.root, false).value;
  if (value.size !== 1) return false;
  const computed = origin.kind === 'definition' || (origin.kind === 'leaf' && origin.sampled);
  return !computed || Number.isInteger(value.data[0]);
}

/** A dimension in `\mathbb{R}^{n}`: an integer, a bound name, or a free name taking the default
 *  bound (exported as that integer: a size everywhere below). `chosen`: the default stands in. */
function dimension(ev: Evaluator, d: Expr, run: BlockRun): { value: number; chosen: boolean } {
  if (d.kind === 'name' && !d.subscript) {
    const origin = resolve(d.name, ev.root);
    if (isFreeOrigin(origin) || !aSize(ev, d.name, origin, d.span)) {
      const k = ev.ctx.settings.defaultIndexBound;
      exportEntry(ev, run, { kind: 'integer', name: d.name, value: k, chosen: true }, d.span, false);
      return { value: k, chosen: true };
    }
    if (origin.kind === 'integer' && origin.chosen) return { value: origin.value, chosen: true };
  }
  const k = ev.evalInteger(d, ev.root);
  if (k < 0) throw new EvaluationError(`a dimension cannot be negative (${formatNumber(k)})`, d.span);
  return { value: k, chosen: false };
}

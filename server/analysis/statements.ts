// Runs a block's statements in order: assignments name nodes (or bind inputs), function definitions
// are kept for inlining, shapes are declared, and the last statement gives the output (SPEC §4), unless
// it is an autodiff claim `grad(y, x1) == …`, which only checks.
import { variable, type Tensor } from '../../engine';
import type { Expr, Span, Stmt } from '../parse/ast';
import { isClaim, isGradClaim, runClaim, type ClaimSite } from './claim-statement';
import type { Entry } from './environment';
import { EvaluationError, NotEvaluable } from './errors';
import type { Evaluator } from './evaluator';
import { formatNumber } from './format-number';
import { definitionOf, type ValueDefinition } from './upstream-definitions';
import { Frame } from './frame';

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
  const { ctx } = ev;
  if (statements.length === 0) throw new NotEvaluable('nothing to compute');
  // A bare `\theta`, `n` or `2` (typically inline in prose) names something; it computes nothing.
  const only = statements.length === 1 ? statements[0] : undefined;
  if (only?.kind === 'expr' && isBareLeaf(only.value)) throw new NotEvaluable('nothing to compute', only.span);
  const outputIndex = outputStatement(statements);
  statements.forEach((s, i) => {
    const isOutput = i === outputIndex;
    switch (s.kind) {
      case 'relation':
        throw new NotEvaluable(`a relation (${s.op}) states a fact; there is nothing to compute`, s.span);
      case 'shape': {
        const dims = s.dims.map((d) => dimension(ev, d));
        run.exports.push({ kind: 'shape', name: s.name, dims, span: s.nameSpan, blockIndex: ctx.blockIndex });
        run.definitions.push({ name: s.name, span: s.nameSpan });
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

/** The statement that gives the output: the last one, except that an autodiff claim (`grad(y, x1) == …`)
 *  only checks, like Python's assert, so claims after it leave the output alone. A block of claims
 *  only has the last claim's derivative as its output. */
function outputStatement(statements: Stmt[]): number {
  for (let i = statements.length - 1; i >= 0; i--) if (!isGradClaim(statements[i])) return i;
  return statements.length - 1;
}

/** `isOutput`: this statement gives the block's output; `final`: nothing follows it. */
function assign(ev: Evaluator, s: Extract<Stmt, { kind: 'assign' }>, i: number, at: { isOutput: boolean; final: boolean }, run: BlockRun): void {
  const { ctx } = ev;
  const { isOutput } = at;
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
    const params = s.params.map((p) => p.name);
    ev.root.functions.set(name, { name, params, body: s.value, syntax: ctx.syntax, span: s.span });
    run.exports.push({ kind: 'function', name, params, body: s.value, syntax: ctx.syntax, source: ev.sourceText(s.span), span: target.span, blockIndex: ctx.blockIndex });
    run.definitions.push({ name, span: target.span });
    if (!isOutput) return;
    // The block's output is the function at its parameters, which are the block's inputs.
    const frame = new Frame(ev.root);
    // A parameter gets a gradient once the body uses it as a number (not only as an index).
    s.params.forEach((p) => frame.values.set(p.name, ev.input(p.name, p.span).tensor));
    ev.statementKey = name;
    const body = ev.evalExpr(s.value, frame);
    run.output = ev.named(body, target.span, name);
    run.outputName = name;
    return;
  }
  ev.statementKey = name;
  let t = ev.ctx.overrides?.get(name) ?? ev.evalExpr(s.value, ev.root);
  let definition: ValueDefinition | undefined;
  if ((!t.requiresGrad && !at.final) || ev.ctx.overrides?.has(name)) {
    // `x_1 = 2 \\ y = …`, `W = randn(4, 3)`: a value bound in the block is an input of what follows
    // (SPEC §3, first source). A constant output (`$k = 1$`) stays a constant: nothing to differentiate.
    const leaf = ev.ctx.overrides?.get(name) ?? variable(t.value, name);
    ev.state.addInput({ name, value: leaf.value, sampled: false, source: 'block', span: target.span }, leaf, true, target.span);
    t = leaf;
  } else {
    t = ev.named(t, target.span, name);
    definition = definitionOf(ev, s.value);
  }
  ev.root.values.set(name, t);
  run.exports.push({ kind: 'value', name, value: t.value, span: target.span, blockIndex: ctx.blockIndex, definition });
  run.definitions.push({ name, span: target.span });
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

/** A dimension in `\mathbb{R}^{n}`: an integer, a bound name, or a free name taking the default bound. */
function dimension(ev: Evaluator, d: Expr): number {
  if (d.kind === 'name' && !d.subscript && !ev.root.value(d.name) && !ev.ctx.annotation.has(d.name) && ev.ctx.upstream.get(d.name) === undefined) {
    return ev.ctx.settings.defaultIndexBound;
  }
  const k = ev.evalInteger(d, ev.root);
  if (k < 0) throw new EvaluationError(`a dimension cannot be negative (${formatNumber(k)})`, d.span);
  return k;
}

// Differentiating a name defined in an earlier block. A later block sees `y` only as a value (a
// leaf), so `\frac{\partial y}{\partial x_1}` there would have nothing to differentiate. Each value
// an assignment computes is therefore exported with its definition (the formula and the inputs it
// was evaluated at); a derivative of such a name re-evaluates the formula in the current block's
// graph, with those inputs (same values) becoming inputs of this block. Only the differentiated
// expression is expanded this way: every other use of an upstream name stays a leaf.
import { variable, type Tensor } from '../../engine';
import type { Expr } from '../parse/ast';
import type { Syntax } from '../scan/blocks';
import { walk } from './ast-walk';
import type { Entry } from './environment';
import type { Evaluator } from './evaluator';
import { Frame } from './frame';
import type { Binding } from './types';

export interface ValueDefinition {
  body: Expr;
  syntax: Syntax;
  /** The block's inputs when the value was computed, with their values. */
  inputs: Binding[];
}

type ValueEntry = Extract<Entry, { kind: 'value' }>;

/** What an assignment exports besides its value: its formula and the inputs read so far. */
export function definitionOf(ev: Evaluator, body: Expr): ValueDefinition {
  return { body, syntax: ev.syntax, inputs: [...ev.state.inputs.values()].map((r) => ({ ...r.binding })) };
}

// Expansions made by one evaluator, so the derivative and the claim's pathways share one graph.
const expansions = new WeakMap<Evaluator, Map<string, Tensor>>();

function expandable(ev: Evaluator, name: string, frame: Frame): ValueEntry | undefined {
  if (frame.value(name) || ev.state.inputs.has(name) || ev.ctx.annotation.has(name) || ev.ctx.overrides?.has(name)) return undefined;
  const entry = ev.ctx.upstream.get(name);
  return entry?.kind === 'value' && entry.definition?.syntax === ev.syntax ? entry : undefined;
}

function namesIn(body: Expr): Set<string> {
  const names = new Set<string>();
  walk([body], (e) => {
    if (e.kind === 'name') { names.add(e.name); names.add(e.base); }
    // `v_2 (x_1)` reads as a call of v_2; with v_2 a value it is a product (evaluator.ts).
    if (e.kind === 'call') names.add(e.fn);
  });
  return names;
}

function adoptInput(ev: Evaluator, b: Binding, frame: Frame): void {
  if (frame.value(b.name) || ev.state.inputs.has(b.name) || ev.ctx.annotation.has(b.name)) return;
  const tensor = ev.ctx.overrides?.get(b.name) ?? variable(b.value, b.name);
  ev.state.addInput({ ...b, value: tensor.value }, tensor, true, b.span);
}

function expand(ev: Evaluator, name: string, entry: ValueEntry, frame: Frame, open: Set<string>): Tensor {
  const done = expansions.get(ev) ?? new Map<string, Tensor>();
  expansions.set(ev, done);
  const known = done.get(name);
  if (known) return known;
  // When the defining block moved and was served from the cache, relocate.ts moved these spans too.
  const { body, inputs } = entry.definition!;
  open.add(name);
  for (const b of inputs) adoptInput(ev, b, frame);
  const scope = new Frame(ev.root);
  for (const used of namesIn(body)) {
    const inner = used === name || open.has(used) ? undefined : expandable(ev, used, frame);
    if (inner) scope.values.set(used, expand(ev, used, inner, frame, open));
  }
  open.delete(name);
  const t = ev.named(ev.evalExpr(body, scope), entry.span, name);
  done.set(name, t);
  // The rest of the block (a claim's right side) reads the name as this node too, so at re-sampled
  // points it follows the inputs instead of keeping the upstream value.
  ev.root.values.set(name, t);
  return t;
}

/**
 * What a derivative differentiates, or differentiates with respect to: a name defined by a formula in
 * an earlier block is that formula (the same node wherever it is used: ∂y/∂v_2 with both upstream).
 */
export function differentiated(ev: Evaluator, of: Expr, frame: Frame): Tensor {
  if (of.kind === 'name') {
    const entry = expandable(ev, of.name, frame);
    if (entry) return expand(ev, of.name, entry, frame, new Set());
  }
  return ev.evalExpr(of, frame);
}

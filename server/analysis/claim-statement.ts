// A derivation claim `\frac{\partial y}{\partial x_1} = \frac{1}{x_1} + x_2` met while running a
// block's statements: both sides are evaluated in the block's graph and kept for checking
// (claims.ts); the derivative (the left side, by AD) is the block's output when it comes last.
import type { Tensor } from '../../engine';
import type { ExprOf, Span, Stmt } from '../parse/ast';
import type { Evaluator } from './evaluator';
import type { BlockRun } from './statements';
import { differentiated } from './upstream-definitions';

type Assign = Extract<Stmt, { kind: 'assign' }>;

export interface ClaimSite {
  /** The whole statement, its left side (the derivative) and its right side (the user's formula). */
  span: Span;
  lhsSpan: Span;
  rhsSpan: Span;
  /** The derivative as written: "\\frac{\\partial y}{\\partial x_1}". */
  claim: string;
  autodiff: Tensor;
  yours: Tensor;
  /** What is differentiated, and with respect to what (the pathways of a first-order claim). */
  of: Tensor;
  wrt: Tensor[];
  order: number;
}

export function isClaim(s: Stmt): s is Assign & { target: ExprOf<'derivative'> } {
  return s.kind === 'assign' && s.target.kind === 'derivative' && !s.params;
}

export function evaluateClaim(ev: Evaluator, s: Assign & { target: ExprOf<'derivative'> }, index: number): ClaimSite {
  const target = s.target;
  ev.statementKey = `#${index}`;
  const autodiff = ev.evalExpr(target, ev.root);
  // The pathways are read off these: a name is the very node the derivative used, an expression is
  // built once more (same values), which is all the pathway comparison needs.
  const of = differentiated(ev, target.of, ev.root);
  const wrt = target.wrt.map((w) => differentiated(ev, w, ev.root));
  const yours = ev.evalExpr(s.value, ev.root);
  return {
    span: s.span, lhsSpan: target.span, rhsSpan: s.value.span, claim: ev.sourceText(target.span),
    autodiff, yours, of, wrt, order: target.order,
  };
}

/** Runs a claim statement: kept in `run.claims`; as the last statement its derivative is the output. */
export function runClaim(ev: Evaluator, s: Assign & { target: ExprOf<'derivative'> }, index: number, last: boolean, run: BlockRun): void {
  const site = evaluateClaim(ev, s, index);
  (run.claims ??= []).push(site);
  if (last) {
    run.output = site.autodiff;
    run.outputName = site.claim;
  }
}

// A derivation claim met while running a block's statements: LaTeX
// `\frac{\partial y}{\partial x_1} = \frac{1}{x_1} + x_2` or the autodiff language's
// `grad(y, x1) == 1/x1 + x2`. Both sides are evaluated in the block's graph and kept for checking
// (claims.ts). A LaTeX claim's derivative is the block's output when it comes last; an autodiff claim
// is a check like Python's assert, so the output stays the last other statement (statements.ts).
import type { Tensor } from '../../engine';
import type { Expr, ExprOf, Span, Stmt } from '../parse/ast';
import { EvaluationError } from './errors';
import type { Evaluator } from './evaluator';
import { dependsOn } from './graph-walk';
import type { BlockRun } from './statements';

type Assign = Extract<Stmt, { kind: 'assign' }>;
/** `\frac{\partial y}{\partial x_1} = …` */
type DerivativeClaim = Assign & { target: ExprOf<'derivative'> };
/** `grad(y, x1) == …`: the parser only makes '==' with a grad(…, …) call on the left. */
type GradClaim = Assign & { op: '==' };
export type ClaimStatement = DerivativeClaim | GradClaim;

export interface ClaimSite {
  /** The whole statement, its left side (the derivative) and its right side (the user's formula). */
  span: Span;
  lhsSpan: Span;
  rhsSpan: Span;
  /** The derivative as written: "\\frac{\\partial y}{\\partial x_1}", "grad(y, x1)". */
  claim: string;
  autodiff: Tensor;
  yours: Tensor;
  /** What is differentiated, and with respect to what (the pathways of a first-order claim). */
  of: Tensor;
  wrt: Tensor[];
  order: number;
}

export function isClaim(s: Stmt): s is ClaimStatement {
  return s.kind === 'assign' && !s.params && (s.op === '==' || s.target.kind === 'derivative');
}

/** An autodiff-language claim, which never becomes the block's output. */
export function isGradClaim(s: Stmt): s is GradClaim {
  return s.kind === 'assign' && s.op === '==';
}

/** grad(grad(y, x1), x2) -> y, [x1, x2]: the innermost grad is the first differentiation. */
function unwrapGrad(target: Expr): { of: Expr; wrt: Expr[] } {
  const wrt: Expr[] = [];
  let e = target;
  while (e.kind === 'call' && e.fn === 'grad' && e.args.length === 2) {
    wrt.unshift(e.args[1]);
    e = e.args[0];
  }
  return { of: e, wrt };
}

/** A claim about something that does not depend on the input (say a value defined upstream in LaTeX,
 *  a constant here) would compare the formula with zeros: say so instead of reporting a difference. */
function requireDependence(ev: Evaluator, parts: { of: Expr; wrt: Expr[] }, of: Tensor, wrt: Tensor[]): void {
  wrt.forEach((w, i) => {
    if (dependsOn(of, w)) return;
    const [ofText, wrtText] = [ev.sourceText(parts.of.span), ev.sourceText(parts.wrt[i].span)];
    throw new EvaluationError(`${ofText} does not depend on ${wrtText} in this block, so there is no derivative to claim`, parts.wrt[i].span);
  });
}

export function evaluateClaim(ev: Evaluator, s: ClaimStatement, index: number): ClaimSite {
  const target = s.target;
  ev.statementKey = `#${index}`;
  let autodiff: Tensor, of: Tensor, wrt: Tensor[], order: number;
  if (target.kind === 'derivative') {
    autodiff = ev.evalExpr(target, ev.root);
    // The pathways are read off these: a name is the very node the derivative used, an expression is
    // built once more (same values), which is all the pathway comparison needs.
    of = ev.evalExpr(target.of, ev.root);
    wrt = target.wrt.map((w) => ev.evalExpr(w, ev.root));
    order = target.order;
  } else {
    const parts = unwrapGrad(target);
    of = ev.evalExpr(parts.of, ev.root);
    wrt = parts.wrt.map((w) => ev.evalExpr(w, ev.root));
    order = parts.wrt.length;
    autodiff = ev.evalExpr(target, ev.root);
    requireDependence(ev, parts, of, wrt);
  }
  const yours = ev.evalExpr(s.value, ev.root);
  return {
    span: s.span, lhsSpan: target.span, rhsSpan: s.value.span, claim: ev.sourceText(target.span),
    autodiff, yours, of, wrt, order,
  };
}

/** Runs a claim statement: kept in `run.claims`; as the output statement its derivative is the output. */
export function runClaim(ev: Evaluator, s: ClaimStatement, index: number, output: boolean, run: BlockRun): void {
  const site = evaluateClaim(ev, s, index);
  (run.claims ??= []).push(site);
  if (output) {
    run.output = site.autodiff;
    run.outputName = site.claim;
  }
}

// Derivative notation (SPEC §4): \frac{\partial y}{\partial x}, \frac{dy}{dx}, \frac{\mathrm{d}y}{\mathrm{d}x},
// higher orders (\partial^2 y / \partial x_1 \partial x_2, \partial x^2), \partial_x y, \nabla_\theta \ell,
// and the inline ∂y/∂x.
import type { Expr } from '../ast';
import type { LatexParser } from './parser';
import { unsupported } from './parser';
import type { LatexToken } from './tokens';

const MAX_ORDER = 10;

/** ∂, or d / \mathrm{d} not followed by a subscript (d_1 is a name). */
function isMarker(t: LatexToken | undefined, after: LatexToken | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'command' && t.value === 'partial') return true;
  const isD = (t.kind === 'letter' || t.kind === 'word') && t.value === 'd';
  return isD && !(after?.kind === 'symbol' && after.value === '_');
}

function isCloseBrace(t: LatexToken | undefined): boolean { return t?.kind === 'symbol' && t.value === '}'; }

/** At `\frac`: whether numerator and denominator both start with a derivative marker. */
export function startsDerivativeFraction(p: LatexParser): boolean {
  const k = p.index();
  const open = p.tokens[k + 1];
  if (open?.kind !== 'symbol' || open.value !== '{' || open.partner === undefined) return false;
  if (!isMarker(p.tokens[k + 2], p.tokens[k + 3])) return false;
  const denominator = open.partner + 1;
  const second = p.tokens[denominator];
  if (second?.kind !== 'symbol' || second.value !== '{') return false;
  return isMarker(p.tokens[denominator + 1], p.tokens[denominator + 2]) && !isCloseBrace(p.tokens[denominator + 2]);
}

export function parseDerivativeFraction(p: LatexParser): Expr {
  const start = p.next().start;
  const notation = p.peek(1).kind === 'command' ? 'partial' : 'd';
  const numerator = p.parseGroup((): Expr | undefined => {
    p.next();
    if (p.isSymbol('^')) { p.next(); p.parseScriptArgument(); }   // the order is counted in the denominator
    return p.atEnd() ? undefined : p.parseExpression();
  });
  const wrt = p.parseGroup(() => parseVariables(p, true));
  let of = numerator;
  if (!of) {
    if (!p.startsFactor(p.peek())) p.fail('expected what to differentiate after the derivative operator');
    of = p.parseFactor();
  }
  return { kind: 'derivative', span: p.span(start), notation, of, wrt, order: wrt.length };
}

/** `∂x_1 ∂x_2`, `dx^2`, `\partial g(\theta)`: the variables, a power repeating one. With `untilEnd`
 *  the whole (limited) input must be variables; otherwise reading stops at the first non-marker. */
function parseVariables(p: LatexParser, untilEnd: boolean): Expr[] {
  const wrt: Expr[] = [];
  while (!p.atEnd()) {
    if (!isMarker(p.peek(), p.peek(1))) {
      if (untilEnd) p.fail('expected ∂ or d before each variable of differentiation');
      break;
    }
    p.next();
    const variable = p.parsePostfix();
    let count = 1;
    if (p.isSymbol('^')) {
      p.next();
      const power = p.parseScriptArgument();
      if (power.kind !== 'number' || !Number.isInteger(power.value) || power.value < 1 || power.value > MAX_ORDER) p.fail('expected a whole order of differentiation');
      count = power.value;
    }
    for (let i = 0; i < count; i++) wrt.push(variable);
  }
  if (wrt.length === 0) p.fail('expected a variable of differentiation');
  return wrt;
}

/** `\partial_x y` (partial-sub) or the inline `\partial y / \partial x`. */
export function parsePartial(p: LatexParser): Expr {
  const start = p.next().start;
  if (p.isSymbol('_')) {
    p.next();
    const wrt = [p.parseScriptArgument()];
    if (!p.startsFactor(p.peek())) p.fail('expected what \\partial applies to');
    const of = p.parseFactor();
    return { kind: 'derivative', span: p.span(start), notation: 'partial-sub', of, wrt, order: 1 };
  }
  if (p.isSymbol('^')) { p.next(); p.parseScriptArgument(); }
  if (!p.startsFactor(p.peek())) return unsupported(p.span(start), 'a lone \\partial is not evaluable');
  const of = p.parsePostfix();
  if (p.isSymbol('/') && p.isCommand('partial', 1)) {
    p.next();
    const wrt = parseVariables(p, false);
    return { kind: 'derivative', span: p.span(start), notation: 'partial', of, wrt, order: wrt.length };
  }
  return unsupported(p.span(start), '\\partial outside a derivative is not evaluable');
}

/** `\nabla_\theta \ell`, `\nabla f(x)` (all inputs: wrt []); `\nabla^2` is not evaluable. */
export function parseNabla(p: LatexParser): Expr {
  const start = p.next().start;
  if (p.isSymbol('^')) {
    p.next();
    p.skipScriptArgument();
    if (p.startsFactor(p.peek())) p.parseFactor();
    return unsupported(p.span(start), 'Hessians and Laplacians (\\nabla^2) are not evaluable');
  }
  let wrt: Expr[] = [];
  if (p.isSymbol('_')) wrt = p.parseSubscript().exprs;
  if (!p.startsFactor(p.peek())) return unsupported(p.span(start), 'a lone \\nabla is not evaluable');
  const of = p.parseFactor();
  return { kind: 'derivative', span: p.span(start), notation: 'nabla', of, wrt, order: 1 };
}

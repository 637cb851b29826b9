// Visits every expression node of a parsed block (test helper).
import type { Expr, ParsedBlock, SliceExpr } from '../../../server/parse/ast';

export function children(e: Expr | SliceExpr): Array<Expr | SliceExpr> {
  switch (e.kind) {
    case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'call': return [...e.args, ...(e.component ? [e.component] : []), ...(e.axis ? [e.axis] : [])];
    case 'index': return [e.target, ...e.indices];
    case 'transpose': return [e.arg];
    case 'attr': return [e.target];
    case 'array': return e.rows;
    case 'reduce': return [e.lower, e.upper, e.body];
    case 'derivative': return [e.of, ...e.wrt];
    case 'name': return e.subscript ?? [];
    case 'slice': return [e.start, e.stop, e.step].filter((x): x is Expr => x !== undefined);
    default: return [];
  }
}

export function allNodes(block: ParsedBlock): Array<Expr | SliceExpr> {
  const out: Array<Expr | SliceExpr> = [];
  const stack: Array<Expr | SliceExpr> = [];
  for (const s of block.statements) {
    if (s.kind === 'assign') stack.push(s.target, s.value);
    else if (s.kind === 'expr') stack.push(s.value);
    else if (s.kind === 'shape') stack.push(...s.dims);
    else stack.push(s.left, s.right);
  }
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    stack.push(...children(e));
  }
  return out;
}

// Generic traversal of the expression tree (used by pre-passes that look ahead of evaluation).
import type { Nested } from '../../engine';
import type { Expr, Stmt } from '../parse/ast';

export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'number': case 'unsupported': return [];
    case 'name': return e.subscript ?? [];
    case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'call': return [...e.args, ...(e.component ? [e.component] : []), ...(e.axis ? [e.axis] : [])];
    case 'index': {
      const out: Expr[] = [e.target];
      for (const i of e.indices) {
        if (i.kind === 'slice') { for (const p of [i.start, i.stop, i.step]) if (p) out.push(p); } else out.push(i);
      }
      return out;
    }
    case 'transpose': return [e.arg];
    case 'attr': return [e.target];
    case 'array': return e.rows;
    case 'reduce': return [e.lower, e.upper, e.body];
    case 'derivative': return [e.of, ...e.wrt];
  }
}

export function expressionsOf(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'assign': return [s.target, s.value];
    case 'expr': return [s.value];
    case 'shape': return s.dims;
    case 'relation': return [s.left, s.right];
  }
}

/** Depth-first, iterative (notes can nest deeply); `visit` returns false to skip a subtree. */
export function walk(roots: Expr[], visit: (e: Expr) => boolean | void): void {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (visit(e) === false) continue;
    const kids = childrenOf(e);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** An array written with number literals only, as nested numbers (one constant instead of many nodes). */
export function toLiteral(e: Expr): Nested | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'number') return -e.arg.value;
  if (e.kind !== 'array') return undefined;
  const out: Nested[] = [];
  for (const r of e.rows) {
    const v = toLiteral(r);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/** The subexpressions in which a sum's index can subscript a name (not bounds or indices of indices). */
export function bodyChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'call': return e.args;
    case 'index': return [e.target];
    case 'transpose': return [e.arg];
    case 'attr': return [e.target];
    case 'array': return e.rows;
    case 'reduce': return [e.body];
    case 'derivative': return [e.of];
    default: return [];
  }
}

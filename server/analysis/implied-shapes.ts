// A free name read as `\theta_i` under `\prod_{i=1}^n` is a vector of length n (SPEC §3: "shape
// implied by use"). This pre-pass finds such names before evaluation samples them.
import type { Expr, ExprOf } from '../parse/ast';
import { childrenOf, walk } from './ast-walk';

type Reduce = ExprOf<'reduce'>;

/** base name -> the sums/products whose indices subscript it, one per axis. */
export function impliedShapes(roots: Expr[]): Map<string, Reduce[]> {
  const implied = new Map<string, Reduce[]>();
  const stack: Array<{ e: Expr; active: Reduce[] }> = roots.map((e) => ({ e, active: [] }));
  while (stack.length > 0) {
    const { e, active } = stack.pop()!;
    if (e.kind === 'name' && e.subscript && e.subscript.length > 0 && !implied.has(e.base)) {
      const reduces = e.subscript.map((s) => (s.kind === 'name' && !s.subscript ? active.find((r) => r.index === s.name) : undefined));
      if (reduces.every((r): r is Reduce => r !== undefined)) implied.set(e.base, reduces);
    }
    const inner = e.kind === 'reduce' ? [...active, e] : active;
    for (const child of childrenOf(e)) stack.push({ e: child, active: child === (e as Reduce).body ? inner : active });
  }
  return implied;
}

/** Names written as the upper bound of a sum or product (`n` in `\\prod_{i=1}^n`), with that reduce. */
export function reduceBounds(roots: Expr[]): Map<string, Reduce> {
  const bounds = new Map<string, Reduce>();
  walk(roots, (e) => {
    if (e.kind === 'reduce' && e.upper.kind === 'name' && !e.upper.subscript && !bounds.has(e.upper.name)) bounds.set(e.upper.name, e);
  });
  return bounds;
}

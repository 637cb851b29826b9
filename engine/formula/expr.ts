// The expression tree symbolic printing works on: a simplified, hash-consed DAG built from a Tensor graph.
//
// Shapes: an expression's `shape` is the shape its evaluation yields. Simplification may elide a
// broadcast (x·1 with 1 of shape (3,) becomes x), so that shape may be smaller than the shape of the
// tensor it stands for, but it always broadcasts to it. Only elementwise consumers accept such an
// operand; simplify.ts re-wraps it in an explicit broadcastTo for every other op.
import { NDArray } from '../ndarray';
import { Shape, shapeSize } from '../shape';
import { Op, Tensor } from '../tensor';

interface Common { id: number; shape: Shape; /** smallest leaf id inside (Infinity if none): orders sum terms */ firstLeaf: number }
export type Expr =
  | Common & { kind: 'const'; value: NDArray }
  | Common & { kind: 'leaf'; tensor: Tensor; label: string }
  | Common & { kind: 'sum'; terms: ReadonlyArray<{ expr: Expr; negative: boolean }> }
  /** Any other operation. `op` is the engine op it came from; absent for nodes simplification made up
   *  (mul, div, neg, pow with attrs.exponent, broadcastTo with attrs.shape). */
  | Common & { kind: 'apply'; fn: string; args: readonly Expr[]; attrs: Record<string, unknown>; op?: Op };

export type ExprOf<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

/** The number every element of a constant equals, or undefined (not a constant, or not uniform). */
export function uniformValue(e: Expr): number | undefined {
  if (e.kind !== 'const') return undefined;
  const d = e.value.data;
  if (d.length === 0) return undefined;
  const v = d[0];
  for (let i = 1; i < d.length; i++) if (!Object.is(d[i], v)) return undefined;
  return v;
}

export const isSizeOne = (shape: Shape): boolean => shapeSize(shape) === 1;

/**
 * Makes expressions, giving structurally identical ones the same object (hash-consing), so a
 * subexpression the graph computes twice is recognised as shared.
 */
export class ExprBuilder {
  private readonly interned = new Map<string, Expr>();
  private nextId = 0;

  constant(value: NDArray): Expr {
    const v = uniformValue({ kind: 'const', value } as Expr);
    // Uniform constants are interned by value; others are compared by identity only.
    const key = v !== undefined ? `c ${v} ${value.shape.join(',')}` : `c# ${this.nextId}`;
    return this.intern(key, (id) => ({ kind: 'const', id, shape: value.shape, firstLeaf: Infinity, value }));
  }

  scalar(v: number, shape: Shape = []): Expr {
    return this.constant(NDArray.full(shape, v));
  }

  leaf(tensor: Tensor, label: string): Expr {
    return this.intern(`l ${tensor.id}`, (id) => ({ kind: 'leaf', id, shape: tensor.shape, firstLeaf: tensor.id, tensor, label }));
  }

  sum(terms: ReadonlyArray<{ expr: Expr; negative: boolean }>, shape: Shape): Expr {
    const key = `s ${shape.join(',')} ${terms.map((t) => (t.negative ? '-' : '+') + t.expr.id).join(' ')}`;
    const firstLeaf = terms.reduce((m, t) => Math.min(m, t.expr.firstLeaf), Infinity);
    return this.intern(key, (id) => ({ kind: 'sum', id, shape, firstLeaf, terms }));
  }

  apply(fn: string, args: readonly Expr[], shape: Shape, attrs: Record<string, unknown> = {}, op?: Op): Expr {
    const key = `a ${fn} ${JSON.stringify(attrs)} ${shape.join(',')} ${args.map((a) => a.id).join(' ')}`;
    const firstLeaf = args.reduce((m, a) => Math.min(m, a.firstLeaf), Infinity);
    return this.intern(key, (id) => ({ kind: 'apply', id, shape, firstLeaf, fn, args, attrs, ...(op ? { op } : {}) }));
  }

  private intern(key: string, make: (id: number) => Expr): Expr {
    let e = this.interned.get(key);
    if (!e) {
      e = make(this.nextId++);
      this.interned.set(key, e);
    }
    return e;
  }
}

// What a product means (SPEC §4), decided once for the LaTeX '*' and for `x(a + b)`.
// Vectors are columns. The engine keeps a vector 1-D whatever its orientation, so whether a vector
// operand is a row (`u^\top`, `u^\top A`) is read from the expression that wrote it.
import * as E from '../../engine';
import type { Tensor } from '../../engine';
import type { Expr, ProductSymbol } from '../parse/ast';
import { NotEvaluable } from './errors';

export type ProductKind = 'scale' | 'elementwise' | 'matmul' | 'dot' | 'outer';

export interface Factor { expr: Expr; tensor: Tensor }

/** Products (and `x(a + b)` calls) whose last evaluation gave a row vector (`u^\top A`, `2 u^\top`). */
const rowResults = new WeakMap<Expr, true>();

/** Whether `e`, which evaluated to a vector, wrote a row: a transposed column, or a product led by a row. */
export function writesRow(e: Expr): boolean {
  switch (e.kind) {
    case 'transpose': return !writesRow(e.arg);
    case 'unary': return writesRow(e.arg);
    case 'binary':
      if (e.op === '+' || e.op === '-') return writesRow(e.left) || writesRow(e.right);
      if (e.op === '/') return writesRow(e.left);
      return rowResults.has(e);
    case 'call': return rowResults.has(e);
    default: return false;
  }
}

const HOW_TO_WRITE = 'write u^\\top v for the dot product, u v^\\top for the outer product, u \\odot v elementwise';

/**
 * The product `whole` = `left right` written with `symbol` (undefined: juxtaposition or `*`).
 * Throws NotEvaluable when the notation leaves the meaning open (`u v` of two column vectors).
 */
export function productKind(whole: Expr, left: Factor, right: Factor, symbol: ProductSymbol | undefined, text: (e: Expr) => string): ProductKind {
  const kind = decide(whole, left, right, symbol, text);
  const a = left.tensor.shape.length;
  const b = right.tensor.shape.length;
  const row = (kind === 'matmul' && a === 1 && b === 2 && writesRow(left.expr))
    || (kind === 'scale' && ((a === 1 && writesRow(left.expr)) || (b === 1 && writesRow(right.expr))));
  if (row) rowResults.set(whole, true);
  else rowResults.delete(whole);
  return kind;
}

function decide(whole: Expr, left: Factor, right: Factor, symbol: ProductSymbol | undefined, text: (e: Expr) => string): ProductKind {
  const span = whole.span;
  const a = left.tensor.shape.length;
  const b = right.tensor.shape.length;
  if (symbol === 'elementwise') return 'elementwise';
  if (symbol === 'circ') {
    // Between tensors `\circ` is the Hadamard product; between scalars it is read as `f \circ g`.
    if (a > 0 || b > 0) return 'elementwise';
    throw new NotEvaluable(`${text(whole)}: a composition of functions is not evaluable (\\odot, or \\circ between tensors, is the elementwise product)`, span);
  }
  if (a === 0 || b === 0) return 'scale';
  if (symbol === 'outer') {
    if (a === 1 && b === 1) return 'outer';
    throw new NotEvaluable(`${text(whole)}: the Kronecker product of matrices is not evaluable (\\otimes of two vectors is their outer product)`, span);
  }
  if (a >= 2 || b >= 2) return 'matmul';
  // Two vectors.
  if (symbol === 'dot') return 'dot';
  if (symbol === 'times') throw new NotEvaluable(`${text(whole)} of two vectors (a cross product) is not evaluable; ${HOW_TO_WRITE}`, span);
  const rowLeft = writesRow(left.expr);
  const rowRight = writesRow(right.expr);
  if (rowLeft && !rowRight) return 'dot';
  if (!rowLeft && rowRight) return 'outer';
  const both = rowLeft ? 'two row vectors' : 'two column vectors';
  throw new NotEvaluable(`${text(whole)} multiplies ${both}, which is ambiguous: ${HOW_TO_WRITE}`, span);
}

/** The product's node. Broadcasting of 'scale' and 'elementwise' is the caller's to check first. */
export function multiply(kind: ProductKind, a: Tensor, b: Tensor): Tensor {
  switch (kind) {
    case 'scale': case 'elementwise': return E.mul(a, b);
    case 'matmul': case 'dot': return E.matmul(a, b);
    case 'outer': return E.mul(E.reshape(a, [a.shape[0], 1]), E.reshape(b, [1, b.shape[0]]));
  }
}

// The expression tree shared by both parsers (Contract 2 of DEVELOPERS.md).
// Every node carries its exact source range: absolute UTF-16 offsets into the document, end exclusive.
//
// How the LaTeX parser maps notation onto this tree (the analysis relies on these choices):
// - `e^{x}` is a binary '^' whose left is the name `e`: the analysis decides exp(x) unless `e` is bound.
// - `|x|` -> call abs; `\|x\|` and `\|x\|_2` -> call norm; `\|x\|^2` and `\|x\|_2^2` -> call norm2sq.
// - `\sigma` directly followed by a bracket is call sigmoid; otherwise it is the name `\sigma`.
// - A name written directly against `(` (no space: `f(x)`, `h_j(x)`) is a call of that name, with
//   `component` set from its subscript (`h_j(x)` -> fn 'h', component j). `\alpha (x + y)`, with a space,
//   is implicit multiplication. A call of a name that is bound to a value is the analysis' to reinterpret.
// - Implicit products (`x_1 x_2`, `2x`, `W x`) are binary '*' with implicit: true; the analysis picks
//   the product for tensors (server/analysis/products.ts). An explicit product command sets `product`.
//   '@' only comes from the autodiff language.
// - `(a + b)_i` is an index node with origin 1; `x_i` stays a name with subscript [i].
// - `\sum_j body` (no explicit bounds): lower is the number 1 and upper is an `unsupported` node with
//   reason 'implicit upper bound', both with an empty span at the end of the subscript.
// - A chain `a = b = c` gives two statements: a = b, then b = c.
// - `\pi` alone is the number π (a call `\pi(a)` or `\pi_\theta` stays a name).
// - `A^{-1}` is a power like any other: for a matrix the analysis must not read it as an inverse.
// - A tuple `(2, 3)` in the autodiff language is an array node; `np.log(x)` is log(x); `x.sum(axis=0)` is sum(x, axis=0).
import type { Syntax } from '../scan/types';

export interface Span { start: number; end: number }

export type Expr =
  | { kind: 'number'; span: Span; value: number }
  | { kind: 'name'; span: Span; name: string; base: string; subscript?: Expr[] }
      // name as written, canonical: "x_1", "x_{12}" -> "x_12", "\\theta_i", "W^{(1)}", "x'".
      // base: "x", "\\theta", "W^{(1)}"; subscript: the parsed subscript (for indexing when base is a tensor)
  | { kind: 'unary'; span: Span; op: '-' | '+'; arg: Expr }
  | { kind: 'binary'; span: Span; op: '+' | '-' | '*' | '/' | '^' | '@'; left: Expr; right: Expr; implicit?: boolean; product?: ProductSymbol }
      // product: which product a LaTeX '*' was written with (see ProductSymbol)
  | { kind: 'call'; span: Span; fn: string; fnSpan: Span; args: Expr[]; component?: Expr; axis?: Expr }
      // fn canonical: log exp sin cos tan tanh sigmoid sqrt abs max min relu softmax logsumexp norm norm2sq norm1 normInf
      //   sum mean reshape transpose zeros ones randn grad ... or a user function name
      // component: h_j(x) -> { fn: 'h', component: j }
  | { kind: 'index'; span: Span; target: Expr; indices: Array<Expr | SliceExpr>; origin: 0 | 1 }
  | { kind: 'transpose'; span: Span; arg: Expr }
  | { kind: 'attr'; span: Span; target: Expr; attr: string }            // autodiff: x.T handled as transpose; other attrs
  | { kind: 'array'; span: Span; rows: Expr[] }                          // [1, 2, 3], nested for matrices; \begin{bmatrix} -> array of arrays
  | { kind: 'reduce'; span: Span; op: 'sum' | 'prod'; index: string; lower: Expr; upper: Expr; body: Expr }
  | { kind: 'derivative'; span: Span; notation: 'partial' | 'd' | 'nabla' | 'partial-sub';
      of: Expr; wrt: Expr[]; order: number }                             // ∂²y/∂x1∂x2 -> wrt [x1, x2], order 2
  | { kind: 'unsupported'; span: Span; reason: string };                // \lim, \int, \mathbb{E}, \text{...}: valid but not evaluable

/** `\cdot`/`\bullet` -> dot, `\times` -> times, `\odot` -> elementwise, `\circ` -> circ (elementwise between
 *  tensors, a composition between functions), `\otimes` -> outer. */
export type ProductSymbol = 'dot' | 'times' | 'elementwise' | 'circ' | 'outer';

export interface SliceExpr { kind: 'slice'; span: Span; start?: Expr; stop?: Expr; step?: Expr }

export type Stmt =
  | { kind: 'assign'; span: Span; target: Expr; params?: Array<{ name: string; span: Span }>; op: '=' | ':=' | '=='; value: Expr }
      // f(\theta) = ...  -> target name f, params [\theta]; y = ... -> no params
      // '==' only from the autodiff language: a derivation claim `grad(y, x1) == 1/x1 + x2` (also after
      // `assert`); the parser guarantees its target is a grad(…, …) call, possibly nested
  | { kind: 'expr'; span: Span; value: Expr }
  | { kind: 'shape'; span: Span; name: string; nameSpan: Span; dims: Expr[] }   // \theta \in \mathbb{R}^{n}, \mathbb{R}^{m \times n}
      // x, y \in \mathbb{R}^n: one shape statement per listed name, all with the declaration's span and the same dims
  | { kind: 'relation'; span: Span; op: string; left: Expr; right: Expr };      // \approx, <, \le ...: not evaluable

export interface ParseError { span: Span; message: string }    // "expected ')' to close '(' opened at line 3:5", ...

export interface ParsedBlock {
  syntax: Syntax; statements: Stmt[]; errors: ParseError[];
  unsupported?: { span: Span; reason: string };   // the block (or part of it) could not be read at all
}

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

/** The name a power of a name defines (`\sigma^2 = …`): the evaluator reads `\sigma^2` as it when σ is bound nowhere. */
export function poweredName(name: string, power: number): string {
  return `${name}^${power}`;
}

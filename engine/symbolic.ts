// Symbolic printing (Contract 1): any graph, gradient graphs included, as a simplified formula.
// The work is in formula/: simplify.ts (graph → simplified expression), print.ts (expression → text).
import { Simplifier } from './formula/simplify';
import { printFormula } from './formula/print';
import type { Formula } from './formula/print';
import { topoSort } from './graph';
import { Tensor } from './tensor';

const MAX_NODES = 2000;

export type { Formula } from './formula/print';

export interface FormulaOptions { style?: 'unicode' | 'latex' }

/**
 * `t` as a readable formula: leaves print their labels (x_1 → x₁ in Unicode, x_1 in LaTeX), constants
 * are folded, identities (x·1, x+0, −(−x), x·(1/y), a/1) simplified, and subexpressions used twice
 * are named once in `definitions`. For y = log(x₁) + x₁x₂ − sin(x₂), ∂y/∂x₁ prints "1/x₁ + x₂".
 */
export function toFormula(t: Tensor, opts: FormulaOptions = {}): Formula {
  // Printing recurses over the expression: far past what a person can read anyway, stop early.
  const size = topoSort([t]).length;
  if (size > MAX_NODES) {
    return { text: `(a graph of ${size.toLocaleString('en-US')} nodes: too large to print as a formula; the limit is ${MAX_NODES.toLocaleString('en-US')})`, definitions: [] };
  }
  const expr = new Simplifier().fromGraph(t, (leaf) => leaf.label);
  return printFormula(expr, opts.style ?? 'unicode');
}

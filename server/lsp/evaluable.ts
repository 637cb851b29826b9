// Which blocks get the gradient-check, graph and trace actions.
import type { BlockAnalysis } from '../analysis';

/**
 * An `ok` block whose output is computed from at least one input: something to differentiate.
 * A bare binding such as `$k = 1$` in prose is not (its output is the input itself).
 */
export function isEvaluable(a: BlockAnalysis): boolean {
  if (a.status !== 'ok' || a.outputId === null || a.inputs.length === 0) return false;
  const op = a.graph.outputOp();
  return op !== null && op !== 'input' && op !== 'constant';
}

/** A one-line title for menus and panels: the block's first statement, shortened. */
export function blockTitle(a: BlockAnalysis): string {
  const flat = a.block.text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

// Helpers for forward-mode rules (Op.jvp): tangents may be null (the input does not depend on the direction).
import { Tensor } from '../tensor';
import { add } from './arithmetic';
import { broadcastTo } from './shape';

/** Sum of the non-null terms, broadcast to `node`'s shape; zero terms are skipped, never materialised. */
export function sumTangents(terms: ReadonlyArray<Tensor | null>, node: Tensor): Tensor {
  let total: Tensor | null = null;
  for (const t of terms) if (t) total = total ? add(total, t) : t;
  if (!total) throw new Error(`jvp of ${node.op?.name}: no input tangent (forward mode only calls rules with one)`);
  return broadcastTo(total, node.shape);
}

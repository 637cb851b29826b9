// Nested-array values (tensors as JSON: numbers in nested lists), as the analysis reports them.
import type { Nested } from '../engine';

/** The shape of a nested array, read along its first entries: [[1, 2, 3]] -> [1, 3]. */
export function shapeOf(v: Nested): number[] {
  const shape: number[] = [];
  for (let x: Nested = v; Array.isArray(x); x = x[0] ?? 0) shape.push(x.length);
  return shape;
}

/** Every number of a nested array, in row-major order (iterative: values can be deeply nested). */
export function flatten(v: Nested): number[] {
  const out: number[] = [];
  const stack: Nested[] = [v];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    else out.push(x);
  }
  return out;
}

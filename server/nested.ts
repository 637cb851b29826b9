// Nested-array values (tensors as JSON: numbers in nested lists), as the analysis reports them.
import type { NDArray, Nested } from '../engine';

/**
 * Most entries a tensor shown in hovers, hints and panels carries in full. A bigger one is carried as
 * its shape and range: a 900×900 product's nodes as nested arrays would cost seconds and hundreds of
 * megabytes per hover, and nobody reads 810,000 numbers there (the CLI's JSON prints results in full).
 */
export const SHOWN_IN_FULL = 256;

export interface Summary { shape: number[]; min: number; mean: number; max: number }

/** A value as hovers and panels get it: in full, or summarised past SHOWN_IN_FULL entries. */
export type Shown = Nested | Summary;

export function isSummary(v: Shown): v is Summary {
  return typeof v === 'object' && !Array.isArray(v);
}

export function shown(a: NDArray): Shown {
  return a.size <= SHOWN_IN_FULL ? a.toNested() : summarise([...a.shape], a.data);
}

/** Shape and range of a tensor's numbers. */
export function summarise(shape: number[], numbers: ArrayLike<number>): Summary {
  let min = Infinity, max = -Infinity, total = 0;
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i];
    min = Math.min(min, x); max = Math.max(max, x); total += x;
  }
  return { shape, min, mean: total / numbers.length, max };
}

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

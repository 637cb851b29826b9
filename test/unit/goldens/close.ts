// Elementwise comparison of nested float64 values with numpy's allclose rule, naming the first
// coordinate that differs so that a failure says where.
import { strict as assert } from 'assert';
import { Nested } from '../../../engine';

export const RTOL = 1e-9;
export const ATOL = 1e-12;

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...(x.length > 0 ? shapeOf(x[0]) : [])] : [];
}

function flatten(x: Nested, out: number[] = []): number[] {
  if (Array.isArray(x)) for (const e of x) flatten(e, out);
  else out.push(x);
  return out;
}

export function assertClose(actual: Nested, expected: Nested, what: string, rtol = RTOL, atol = ATOL): void {
  assert.deepEqual(shapeOf(actual), shapeOf(expected), `${what}: shape`);
  const a = flatten(actual);
  const e = flatten(expected);
  for (let i = 0; i < e.length; i++) {
    const ok = Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
    if (!ok) assert.fail(`${what}: flat index ${i}: engine ${a[i]}, torch ${e[i]} (|diff| ${Math.abs(a[i] - e[i])})`);
  }
}

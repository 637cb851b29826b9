// Numbers and tensors for the terminal: short, aligned, sampled values marked.
import type { Nested } from '../../engine';
import { flatten, shapeOf } from '../nested';

export function formatScalar(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e8)) return x.toExponential(4);
  return String(Number(x.toPrecision(8)));
}

/** Small tensors in full ([a, b, c]); larger ones as their shape and first entries. */
export function formatNested(v: Nested, maxNumbers = 8): string {
  if (typeof v === 'number') return formatScalar(v);
  const numbers = flatten(v);
  const short = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(5))));
  if (numbers.length <= maxNumbers) {
    const nested = (x: Nested): string => (typeof x === 'number' ? short(x) : `[${x.map(nested).join(', ')}]`);
    return nested(v);
  }
  return `(${shapeOf(v).join(', ')}) [${numbers.slice(0, 4).map(short).join(', ')}, …]`;
}

/** Columns padded to their widest cell. */
export function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, [...cell].length); });
  return rows.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('   ').trimEnd());
}

/** "3e-10", as the CodeLens verdict writes errors. */
export function formatError(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return formatScalar(x);
  return x.toExponential(0).replace('e+', 'e');
}

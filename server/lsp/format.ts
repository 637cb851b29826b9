// Number and tensor formatting shared by hovers, inlay hints, graph and trace data.
import type { Nested } from '../protocol';
import { flatten, isSummary, shapeOf, SHOWN_IN_FULL, summarise, type Shown } from '../nested';

/** Five significant digits, trailing zeros trimmed: 11.652071455 -> "11.652", 5.5 -> "5.5". */
export function formatNumber(x: number, digits = 5): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  let text: string;
  if (abs >= 1e6 || abs < 1e-4) {
    text = x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  } else {
    text = String(Number(x.toPrecision(digits)));
  }
  return text.replace(/^-/, '−');
}

/** Python-style shape: (3,) or (2, 3); scalars are "()". */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

const FULL_LIMIT = 16;

/**
 * A value for a panel answer: in full when small, else null (its text says shape and range). A 1,000-term
 * sum over θ ∈ ℝ¹⁰⁰⁰ has 1,000 edges from θ, each with a 1,000-entry partial adjoint.
 */
export function panelValue(v: Shown | null): Nested | null {
  if (v === null || isSummary(v)) return null;
  return !Array.isArray(v) || flatten(v).length <= SHOWN_IN_FULL ? v : null;
}

/** A nested array written out in full, e.g. "[[1, 2], [3, 4]]". */
export function formatNested(v: Nested): string {
  return Array.isArray(v) ? `[${v.map(formatNested).join(', ')}]` : formatNumber(v);
}

/** Scalars as numbers; small tensors in full after their shape; big ones as shape and min/mean/max. */
export function formatValue(v: Shown | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v) && flatten(v).length <= FULL_LIMIT) return `${formatShape(shapeOf(v))} ${formatNested(v)}`;
  const { shape, min, mean, max } = isSummary(v) ? v : summarise(shapeOf(v), flatten(v));
  return `${formatShape(shape)} min ${formatNumber(min)}, mean ${formatNumber(mean)}, max ${formatNumber(max)}`;
}

/** Significant digits of a pinned value: enough to read, few enough to type (`x_1 = 0.8404`). */
const PIN_DIGITS = 4;

/** A value as the pin quick fix writes it into an annotation: four significant digits, ASCII minus. */
export function pinLiteral(v: Nested): string {
  return Array.isArray(v) ? `[${v.map(pinLiteral).join(', ')}]` : String(Number(v.toPrecision(PIN_DIGITS)));
}

const COMPACT_LIMIT = 4;

/** For inline hints: tensors beyond a few entries shrink to their shape and range. */
export function formatCompact(v: Shown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v) && flatten(v).length <= COMPACT_LIMIT) return formatValue(v);
  const { shape, min, max } = isSummary(v) ? v : summarise(shapeOf(v), flatten(v));
  return `${formatShape(shape)} in [${formatNumber(min, 3)}, ${formatNumber(max, 3)}]`;
}

// Selecting elements: index (drop one axis), slice (numpy basic slicing), gather (take along an axis).
// Each is a gather of fixed offsets; its gradient is the matching "scatter" op, and vice versa,
// so gradients of any order stay graphs of ops.
import { ArgumentError } from '../errors';
import { AxisSlice, gatherOffsets, scatterAddInto, scatterAddOffsets, sliceOffsets, takeOffsets } from '../layout';
import { formatShape, normalizeAxis, Shape } from '../shape';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';

export type SliceSpec = { start?: number; stop?: number; step?: number } | number;

interface Selection { name: string; attrs: Record<string, unknown>; offsets: Int32Array; inShape: Shape; outShape: Shape }

function selectOp(sel: Selection): Op {
  return {
    name: sel.name,
    attrs: sel.attrs,
    compute: ([a]) => gatherOffsets(a, sel.offsets, sel.outShape),
    gradient: (g) => [makeOp(scatterOp(sel), [g])],
    vjp: (g) => [scatterAddOffsets(g, sel.offsets, sel.inShape)],
    vjpInto: (g, into) => scatterAddInto(g, sel.offsets, into),
    jvp: ([t]) => makeOp(selectOp(sel), [t!]),
  };
}

/** Zeros of the selection's input shape with the values added at the selected places. */
function scatterOp(sel: Selection): Op {
  return {
    name: 'scatter',
    attrs: { of: sel.name, ...sel.attrs, shape: sel.inShape },
    compute: ([g]) => scatterAddOffsets(g, sel.offsets, sel.inShape),
    gradient: (g) => [makeOp(selectOp(sel), [g])],
    vjp: (g) => [gatherOffsets(g, sel.offsets, sel.outShape)],
    jvp: ([t]) => makeOp(scatterOp(sel), [t!]),
  };
}

function checkIndex(i: number, n: number, what: string): number {
  if (!Number.isInteger(i) || i < -n || i >= n) {
    throw new ArgumentError(`${what}: index ${i} is out of range for length ${n} (valid: ${-n}..${n - 1})`);
  }
  return i < 0 ? i + n : i;
}

function normalizeSlice(spec: SliceSpec, n: number, context: string): AxisSlice {
  if (typeof spec === 'number') return { start: checkIndex(spec, n, context), step: 1, count: 1, drop: true };
  const step = spec.step ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new ArgumentError(`${context}: slice step must be a non-zero integer, got ${step}`);
  for (const v of [spec.start, spec.stop]) {
    if (v !== undefined && !Number.isInteger(v)) throw new ArgumentError(`${context}: slice bound ${v} is not an integer`);
  }
  const resolve = (v: number | undefined, fallback: number, lo: number, hi: number): number => {
    if (v === undefined) return fallback;
    const w = v < 0 ? v + n : v;
    return Math.min(Math.max(w, lo), hi);
  };
  if (step > 0) {
    const start = resolve(spec.start, 0, 0, n);
    const stop = resolve(spec.stop, n, 0, n);
    return { start, step, count: Math.max(0, Math.ceil((stop - start) / step)), drop: false };
  }
  const start = resolve(spec.start, n - 1, -1, n - 1);
  const stop = resolve(spec.stop, -1, -1, n - 1);
  return { start, step, count: Math.max(0, Math.ceil((start - stop) / -step)), drop: false };
}

function sliceSelection(name: string, attrs: Record<string, unknown>, shape: Shape, slices: AxisSlice[]): Selection {
  return {
    name,
    attrs,
    offsets: sliceOffsets(shape, slices),
    inShape: shape,
    outShape: slices.filter((s) => !s.drop).map((s) => s.count),
  };
}

/** a[..., i, ...] at `axis`: removes that axis. Negative i counts from the end. */
export function index(a: TensorLike, i: number, axis = 0): Tensor {
  const t = asTensor(a);
  const context = `index: ${formatShape(t.shape)}`;
  const ax = normalizeAxis(axis, t.shape.length, context);
  const at = checkIndex(i, t.shape[ax], `${context} along axis ${ax}`);
  const slices = t.shape.map((n, d): AxisSlice => (d === ax ? { start: at, step: 1, count: 1, drop: true } : { start: 0, step: 1, count: n, drop: false }));
  return makeOp(selectOp(sliceSelection('index', { index: at, axis: ax }, t.shape, slices)), [t]);
}

/** numpy basic slicing: one spec per leading axis (a number drops the axis); missing trailing axes are kept whole. */
export function slice(a: TensorLike, specs: readonly SliceSpec[]): Tensor {
  const t = asTensor(a);
  const context = `slice: ${formatShape(t.shape)}`;
  if (specs.length > t.shape.length) {
    throw new ArgumentError(`${context}: ${specs.length} slice specs for a ${t.shape.length}-d array`);
  }
  const slices = t.shape.map((n, d) => (d < specs.length ? normalizeSlice(specs[d], n, `${context} axis ${d}`) : { start: 0, step: 1, count: n, drop: false }));
  return makeOp(selectOp(sliceSelection('slice', { specs: slices }, t.shape, slices)), [t]);
}

/** Takes the given positions along `axis` (repeats allowed): that axis gets length indices.length. */
export function gather(a: TensorLike, indices: readonly number[], axis = 0): Tensor {
  const t = asTensor(a);
  const context = `gather: ${formatShape(t.shape)}`;
  const ax = normalizeAxis(axis, t.shape.length, context);
  const idx = indices.map((i) => checkIndex(i, t.shape[ax], `${context} along axis ${ax}`));
  const outShape = t.shape.map((n, d) => (d === ax ? idx.length : n));
  const sel: Selection = { name: 'gather', attrs: { indices: idx, axis: ax }, offsets: takeOffsets(t.shape, idx, ax), inShape: t.shape, outShape };
  return makeOp(selectOp(sel), [t]);
}

// A cached block whose text moved (an edit above it) is served again with its spans shifted;
// inputs bound in earlier blocks point at where those definitions are now.
import type { Span } from '../parse/ast';
import type { MathBlock } from '../scan/blocks';
import type { Entry } from './environment';
import type { BlockAnalysis, Binding } from './types';

function shifter(delta: number): (s: Span) => Span {
  return (s) => ({ start: s.start + delta, end: s.end + delta });
}

/** `lineOf` gives 1-based lines in the new text (claims carry theirs). */
export function relocateAnalysis(a: BlockAnalysis, block: MathBlock, env: ReadonlyMap<string, Entry>, lineOf: (offset: number) => number): BlockAnalysis {
  const delta = block.content.start - a.block.content.start;
  const shift = shifter(delta);
  const moved = delta !== 0;
  const inputs = relocateInputs(a.inputs, shift, moved, env);
  if (!moved && inputs === a.inputs) return { ...a, block };
  return {
    ...a,
    block,
    problems: moved ? a.problems.map((p) => ({ ...p, span: shift(p.span) })) : a.problems,
    graph: a.graph.moved(delta),
    definitions: moved ? a.definitions.map((d) => ({ ...d, span: shift(d.span) })) : a.definitions,
    claims: moved ? a.claims.map((c) => ({ ...c, span: shift(c.span), line: lineOf(c.span.start + delta) })) : a.claims,
    inputs,
  };
}

/** The same array when nothing moved (the common case after an edit further down). */
function relocateInputs(inputs: Binding[], shift: (s: Span) => Span, moved: boolean, env: ReadonlyMap<string, Entry>): Binding[] {
  let changed = false;
  const out = inputs.map((b) => {
    const r = relocateBinding(b, shift, moved, env);
    if (r !== b) changed = true;
    return r;
  });
  return changed ? out : inputs;
}

function relocateBinding(b: Binding, shift: (s: Span) => Span, moved: boolean, env: ReadonlyMap<string, Entry>): Binding {
  if (b.blockIndex !== undefined) {
    // Bound (or declared) upstream: the entry is the same by value, maybe somewhere else now.
    const entry = env.get(b.name);
    if (!entry || (entry.blockIndex === b.blockIndex && entry.span.start === b.span?.start && entry.span.end === b.span?.end)) return b;
    return { ...b, span: entry.span, blockIndex: entry.blockIndex };
  }
  return moved && b.span ? { ...b, span: shift(b.span) } : b;
}

export function relocateExports(exports: Entry[], block: MathBlock, previous: MathBlock): Entry[] {
  const delta = block.content.start - previous.content.start;
  if (delta === 0 && block.index === previous.index) return exports;
  const shift = shifter(delta);
  return exports.map((e) => {
    const moved = { ...e, span: shift(e.span), blockIndex: block.index };
    // A value's formula (kept for derivatives in later blocks) carries spans of this block too.
    if (moved.kind === 'value' && moved.definition) moved.definition = shiftedSpans(moved.definition, delta);
    // So does a function's body, which callers inline.
    if (moved.kind === 'function') moved.body = shiftedSpans(moved.body, delta);
    return moved;
  });
}

/** A deep copy of plain syntax data with every span (`span`, `fnSpan`, `nameSpan`, …) moved by `delta`. */
function shiftedSpans<T>(x: T, delta: number): T {
  if (Array.isArray(x)) return x.map((item) => shiftedSpans(item, delta)) as T;
  if (x === null || typeof x !== 'object' || Object.getPrototypeOf(x) !== Object.prototype) return x;
  if (typeof (x as { blockIndex?: unknown }).blockIndex === 'number') return x; // points into another block
  const out: Record<string, unknown> = {};
  // Runs over every moved definition on each keystroke: no regex, no entry arrays.
  for (const key of Object.keys(x)) {
    const value = (x as Record<string, unknown>)[key];
    const isSpan = (key.endsWith('span') || key.endsWith('Span')) && value !== null && typeof value === 'object' && 'start' in value && 'end' in value;
    out[key] = isSpan ? { start: (value as Span).start + delta, end: (value as Span).end + delta } : shiftedSpans(value, delta);
  }
  return out as T;
}

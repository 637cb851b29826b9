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
export function relocateInputs(inputs: Binding[], shift: (s: Span) => Span, moved: boolean, env: ReadonlyMap<string, Entry>): Binding[] {
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

/** Exports keep their meaning (fingerprint) when their block moves; only where they were written moves.
 *  Definitions' bodies keep their old spans: nodes they make in later blocks carry no span there. */
export function relocateExports(exports: Entry[], block: MathBlock, previous: MathBlock): Entry[] {
  const delta = block.content.start - previous.content.start;
  if (delta === 0 && block.index === previous.index) return exports;
  const shift = shifter(delta);
  return exports.map((e) => {
    const scope = e.kind === 'value' ? e.definition?.scope : e.kind === 'function' ? e.fn.scope : undefined;
    if (scope) scope.blockIndex = block.index;
    return { ...e, span: shift(e.span), blockIndex: block.index, fingerprint: e.fingerprint.replace(/@\d+$/, `@${block.index}`) };
  });
}

// What earlier blocks leave for later ones (notebook order), and a view of it that records every
// name a block read: the block's cached result stays valid while those names keep their entries.
import type { NDArray } from '../../engine';
import type { Expr, Span } from '../parse/ast';
import type { Syntax } from '../scan/blocks';
import type { ValueDefinition } from './upstream-definitions';

export type Entry =
  | { kind: 'value'; name: string; value: NDArray; span: Span; blockIndex: number; definition?: ValueDefinition }
  | { kind: 'function'; name: string; params: string[]; body: Expr; syntax: Syntax; source: string; span: Span; blockIndex: number }
  | { kind: 'shape'; name: string; dims: number[]; span: Span; blockIndex: number };

function sameArray(a: NDArray, b: NDArray): boolean {
  if (a.shape.length !== b.shape.length || a.size !== b.size) return false;
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
  for (let i = 0; i < a.size; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

/** Equal for a reader: same meaning, wherever it was written (values and shapes ignore moves). */
export function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'value': return sameArray(a.value, (b as typeof a).value);
    case 'shape': return a.dims.join(',') === (b as typeof a).dims.join(',');
    case 'function': {
      const f = b as typeof a;
      // Inlined bodies carry their source spans, so a moved definition re-analyses its callers.
      return a.source === f.source && a.syntax === f.syntax && a.span.start === f.span.start;
    }
  }
}

export class UpstreamView {
  /** Every name read, with what it was bound to at the time (undefined: nothing). */
  readonly used = new Map<string, Entry | undefined>();

  constructor(private readonly env: ReadonlyMap<string, Entry>) {}

  get(name: string): Entry | undefined {
    const entry = this.env.get(name);
    this.used.set(name, entry);
    return entry;
  }

  /** A view that answers exactly what this one answered (for re-running a block later). */
  frozen(): UpstreamView {
    const snapshot = new Map<string, Entry>();
    for (const [name, entry] of this.used) if (entry) snapshot.set(name, entry);
    return new UpstreamView(snapshot);
  }
}

export function stillValid(used: ReadonlyMap<string, Entry | undefined>, env: ReadonlyMap<string, Entry>): boolean {
  for (const [name, entry] of used) if (!sameEntry(entry, env.get(name))) return false;
  return true;
}

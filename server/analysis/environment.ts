// What earlier blocks leave for later ones (notebook order), and a view of it that records every
// name a block read: the block's cached result stays valid while those names keep their entries.
import type { NDArray } from '../../engine';
import type { Span } from '../parse/ast';
import type { Definition, FunctionDef } from './scope';

interface Common {
  name: string;
  span: Span;
  blockIndex: number;
  /**
   * Everything the entry means, as text: the defining block's text and annotation and the
   * fingerprints of the entries that block read. Equal fingerprints, same graph: a later block that
   * read the name stays valid (wherever the definition moved: imported nodes carry no spans).
   */
  fingerprint: string;
}

export type Entry = Common & (
  /** A formula (`definition`: it enters later blocks as its graph), or a leaf (a constant, an annotation). */
  | { kind: 'value'; value: NDArray; definition?: Definition; source?: 'annotation' | 'earlier-block'; leafKey?: object; sampled?: boolean }
  | { kind: 'function'; fn: FunctionDef }
  /** `guessed`: some dimension is a size nothing binds, so its length is the default bound. */
  | { kind: 'shape'; dims: number[]; guessed?: boolean }
  /** A size: a free dimension of a declared shape (`n` in `\mathbb{R}^n`), or an annotation's value the block uses as a size.
   *  `chosen`: nothing binds it, the default bound stands in. */
  | { kind: 'integer'; value: number; source?: 'annotation'; chosen?: boolean });

/** Equal for a reader: same meaning, wherever it was written. */
export function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (a === b) return true;
  return !!a && !!b && a.kind === b.kind && a.fingerprint === b.fingerprint;
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

  /** Lookup without recording. */
  peek(name: string): Entry | undefined {
    return this.env.get(name);
  }
}

/**
 * Adds a block's export for the blocks after it. An annotation's value is the block's hidden input: it
 * carries forward to names nothing defines (`u = a^2` with a = 2 above `v = u + a`), but never hides a
 * definition (an annotation `y = 2` on a later loss does not replace the lecture's y = ln(x_1) + …).
 */
export function addExport(env: Map<string, Entry>, entry: Entry): void {
  if (fromAnnotation(entry)) {
    const previous = env.get(entry.name);
    if (previous && !fromAnnotation(previous)) return;
  }
  env.set(entry.name, entry);
}

function fromAnnotation(entry: Entry): boolean {
  return (entry.kind === 'value' || entry.kind === 'integer') && entry.source === 'annotation';
}

export function stillValid(used: ReadonlyMap<string, Entry | undefined>, env: ReadonlyMap<string, Entry>): boolean {
  for (const [name, entry] of used) if (!sameEntry(entry, env.get(name))) return false;
  return true;
}

/** FNV-1a: short stable fingerprints. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36) + ':' + text.length.toString(36);
}

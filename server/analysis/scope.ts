// Where a name comes from (SPEC §3). `resolve` is the only place the lookup order is written: the
// evaluator asks it for every name it reads, whether it evaluates a block, a claim at another point,
// a gradient check's re-run, a function body or an earlier block's definition.
//
// Order: a lexical value (function parameter, sum index, a name assigned earlier in a sequence) →
// the block's own definitions (order-free) → the block's annotation → earlier blocks (their
// definitions enter as graphs) → an integer (sum bound, dimension) → a shape implied by use → sampled.
import type { Tensor } from '../../engine';
import type { Expr, ExprOf, Span, Stmt } from '../parse/ast';
import { boldCounterpart } from '../parse/latex/names';
import type { Syntax } from '../scan/blocks';
import { expressionsOf, walk } from './ast-walk';
import { isBuiltin } from './builtins';
import type { Entry } from './environment';
import type { Frame } from './frame';
import { impliedShapes, reduceBounds } from './implied-shapes';
import type { AnnotationValue } from './state';

type Reduce = ExprOf<'reduce'>;
type Assign = Extract<Stmt, { kind: 'assign' }>;

/** An assignment `name = body` of some block, evaluated once per run where first read. */
export interface Definition {
  readonly name: string;
  readonly body: Expr;
  /** The left side's name. */
  readonly span: Span;
  /** Where the body's free names resolve: its own block. */
  readonly scope: Scope;
  /** Statement index in its block (keys `randn` draws). */
  readonly index: number;
}

export interface FunctionDef {
  name: string; params: string[]; body: Expr; syntax: Syntax; span: Span; scope: Scope;
  /** The parameters the body reads only as indices (index-params.ts), found once at the definition. */
  indexParams: ReadonlySet<string>;
}

export type Origin =
  | { kind: 'local'; tensor: Tensor }
  | { kind: 'definition'; def: Definition }
  /** A name an earlier block bound to a value that is no formula of ours (a constant, an annotation). */
  | { kind: 'leaf'; key: object; value: import('../../engine').NDArray; sampled: boolean; source: 'annotation' | 'earlier-block'; span?: Span; blockIndex?: number }
  | { kind: 'function'; fn: FunctionDef }
  | { kind: 'shape'; dims: number[]; span: Span; blockIndex: number; guessed?: boolean }
  | { kind: 'integer'; value: number; span?: Span; blockIndex?: number; chosen?: boolean }
  | { kind: 'bound'; reduce: Reduce }
  | { kind: 'implied'; reduces: Reduce[] }
  | { kind: 'sampled' };

/** Reads of earlier blocks' entries; the block being analysed records them (its cache key). */
export type UpstreamLookup = (name: string) => Entry | undefined;

/**
 * One block's names: what it defines, its annotation, and what the blocks before it left. Definitions
 * of an earlier block keep their scope, so their bodies resolve where they were written (closures).
 */
export class Scope {
  readonly definitions = new Map<string, Definition>();
  readonly functions = new Map<string, FunctionDef>();
  /** Names declared with a shape in this block (`\theta \in \mathbb{R}^n`). */
  readonly shapes = new Map<string, { dims: number[]; span: Span; guessed: boolean }>();
  /** Free names read as `\theta_i` under `\prod_{i=1}^n`: tensors, not scalars. */
  readonly implied: Map<string, Reduce[]>;
  /** Free names bounding a sum or product: integers. */
  readonly bounds: Map<string, Reduce>;
  /** Names used as sizes or indices anywhere in the block: never differentiable. */
  readonly integers: Set<string>;
  /** Every expression of the block's statements. */
  readonly roots: Expr[];

  constructor(
    /** Where the block is now: relocate.ts moves it with the block (nodes it makes elsewhere say so). */
    public blockIndex: number,
    readonly syntax: Syntax,
    readonly annotation: ReadonlyMap<string, AnnotationValue>,
    private upstreamLookup: UpstreamLookup,
    statements: readonly Stmt[],
    /** The document as this block was analysed: the spans of its code point into it. */
    readonly documentText: string,
  ) {
    const roots = statements.flatMap(expressionsOf);
    this.roots = roots;
    this.implied = impliedShapes(roots);
    this.bounds = reduceBounds(roots);
    this.integers = integerNames(statements, roots);
    const assigned = new Map<string, number>();
    statements.forEach((s) => { if (s.kind === 'assign' && s.target.kind === 'name' && !s.params) assigned.set(s.target.name, (assigned.get(s.target.name) ?? 0) + 1); });
    statements.forEach((s, index) => {
      if (!isPlainAssign(s)) return;
      const name = s.target.name;
      // A name assigned once, whose formula does not read it, is a definition: usable before it
      // (`\ell = c^2, \quad c = a b`). `x = x + 1` and reassignments run in sequence instead.
      if (assigned.get(name) === 1 && !reads(s.value, name)) this.definitions.set(name, { name, body: s.value, span: s.target.span, scope: this, index });
    });
  }

  upstream(name: string): Entry | undefined {
    return this.upstreamLookup(name);
  }

  /** After the block's own run: later readers of its definitions must not count as its reads. */
  stopRecording(lookup: UpstreamLookup): void {
    this.upstreamLookup = lookup;
  }
}

/** Every name a block's statements bind for later blocks, read without running them (server/analysis/document.ts: a deferred block's names). */
export function boundNames(statements: readonly Stmt[]): string[] {
  return statements.flatMap((s) => {
    if (s.kind === 'shape') return [s.name];
    return s.kind === 'assign' && s.op !== '==' && s.target.kind === 'name' ? [s.target.name] : [];
  });
}

function isPlainAssign(s: Stmt): s is Assign & { target: ExprOf<'name'> } {
  return s.kind === 'assign' && s.op !== '==' && s.target.kind === 'name' && !s.params;
}

function reads(e: Expr, name: string): boolean {
  let found = false;
  walk([e], (x) => {
    if ((x.kind === 'name' && (x.name === name || x.base === name || (x.subscript && boldCounterpart(x.base) === name))) || (x.kind === 'call' && x.fn === name)) found = true;
  });
  return found;
}

/** Sizes (SPEC §3 "integers are integers"): sum/prod bounds, dimensions. A subscript read as an
 *  index is an integer where it is read (evaluator.ts), since `x_t` may also name a variable t. */
export function integerNames(statements: readonly Stmt[], roots: Expr[] = statements.flatMap(expressionsOf)): Set<string> {
  const out = new Set<string>();
  // A subscripted size (`d_q`, `n_\textrm{in}`) is one name: its subscript is part of it, not a size.
  const add = (e: Expr) => walk([e], (x) => {
    if (x.kind !== 'name') return;
    out.add(x.name);
    return false;
  });
  for (const s of statements) if (s.kind === 'shape') s.dims.forEach(add);
  walk(roots, (e) => {
    if (e.kind === 'reduce') { add(e.lower); add(e.upper); }
  });
  return out;
}

/**
 * Where `name` comes from, seen from `frame` (whose scope is the block the code was written in).
 * `overridden`: the block program's overrides (a gradient check, a claim's other points) are leaves
 * of the block being analysed, so they beat its own definitions of that name.
 */
export function resolve(name: string, frame: Frame, overridden?: (name: string) => boolean): Origin {
  const local = frame.value(name);
  if (local) return { kind: 'local', tensor: local };
  const scope = frame.scope;
  const fn = frame.fn(name);
  if (fn) return { kind: 'function', fn };
  const def = scope.definitions.get(name);
  if (def && !overridden?.(name)) return { kind: 'definition', def };
  const annotated = scope.annotation.get(name);
  if (annotated) return { kind: 'leaf', key: annotated, value: annotated.value, sampled: annotated.sampled, source: 'annotation', span: annotated.span };
  const declared = scope.shapes.get(name);
  if (declared) return { kind: 'shape', dims: declared.dims, span: declared.span, blockIndex: scope.blockIndex, guessed: declared.guessed };
  const entry = scope.upstream(name);
  if (entry) return fromEntry(entry, scope);
  const bound = scope.bounds.get(name);
  if (bound) return { kind: 'bound', reduce: bound };
  const implied = scope.implied.get(name);
  if (implied) return { kind: 'implied', reduces: implied };
  return { kind: 'sampled' };
}

function fromEntry(entry: Entry, reader: Scope): Origin {
  switch (entry.kind) {
    case 'value':
      if (entry.definition) return { kind: 'definition', def: entry.definition };
      return { kind: 'leaf', key: entry.leafKey ?? entry, value: entry.value, sampled: entry.sampled ?? false, source: entry.source ?? 'earlier-block', span: entry.span, blockIndex: entry.blockIndex };
    case 'function':
      // A LaTeX definition of `\sigma` names the autodiff language's `sigmoid` (the parser's canonical
      // name) only for LaTeX: it never replaces the built-in in code.
      if (entry.fn.syntax !== reader.syntax && isBuiltin(entry.name)) return { kind: 'sampled' };
      return { kind: 'function', fn: entry.fn };
    case 'shape':
      return { kind: 'shape', dims: entry.dims, span: entry.span, blockIndex: entry.blockIndex, guessed: entry.guessed };
    case 'integer':
      return { kind: 'integer', value: entry.value, span: entry.span, blockIndex: entry.blockIndex, chosen: entry.chosen };
  }
}

/** Whether anything binds `name` (a sample is no binding): `e` is Euler's number unless bound. */
export function isBound(name: string, frame: Frame): boolean {
  const k = resolve(name, frame).kind;
  return k !== 'sampled' && k !== 'implied' && k !== 'bound';
}

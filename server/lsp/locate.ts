// Finding things by position: the block at an offset, the innermost expression under the
// cursor (from the block's parse tree) and the analysis node that expression became.
import type { BlockAnalysis, NodeInfo } from '../analysis';
import { childrenOf, expressionsOf, walk } from '../analysis/ast-walk';
import type { Expr, ParsedBlock, Span, Stmt } from '../parse/ast';
import { parseBlockText } from '../analysis/parsing';
import type { MathBlock } from '../scan/blocks';

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function blockAt(blocks: readonly BlockAnalysis[], offset: number): BlockAnalysis | undefined {
  return blocks.find((b) => contains(b.block.span, offset));
}

// Parsing is cheap next to analysis, but hovers and hints ask for the same block many times.
const parseCache = new WeakMap<MathBlock, ParsedBlock>();

export function parseBlock(block: MathBlock): ParsedBlock {
  const cached = parseCache.get(block);
  if (cached) return cached;
  const parsed = parseBlockText(block);
  parseCache.set(block, parsed);
  return parsed;
}

/** The innermost expression whose span contains the offset, and the statement holding it. */
export function exprAt(parsed: ParsedBlock, offset: number): { expr: Expr; stmt: Stmt } | undefined {
  for (const stmt of parsed.statements) {
    if (!contains(stmt.span, offset)) continue;
    let best: Expr | undefined;
    const stack = expressionsOf(stmt).filter((e) => contains(e.span, offset));
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (!best || e.span.end - e.span.start <= best.span.end - best.span.start) best = e;
      stack.push(...childrenOf(e).filter((c) => contains(c.span, offset)));
    }
    if (best) return { expr: best, stmt };
  }
  return undefined;
}

/** Every name occurrence in the block, in source order. */
export function nameOccurrences(parsed: ParsedBlock): Array<Extract<Expr, { kind: 'name' }>> {
  const out: Array<Extract<Expr, { kind: 'name' }>> = [];
  walk(parsed.statements.flatMap(expressionsOf), (e) => {
    if (e.kind === 'name') out.push(e);
  });
  return out.sort((a, b) => a.span.start - b.span.start);
}

function sameSpan(a: Span | undefined, b: Span): boolean {
  return a !== undefined && a.start === b.start && a.end === b.end;
}

/**
 * The analysis node for an expression: the node made from exactly that source range, else
 * (for a name used several times, or a statement target) the node carrying that name.
 */
export function nodeForExpr(analysis: BlockAnalysis, expr: Expr): NodeInfo | undefined {
  const bySpan = analysis.graph.nodes().filter((n) => sameSpan(n.span, expr.span));
  if (expr.kind === 'name') {
    // `v_1 = x_1` makes a node for v_1 over the same text as x_1: the name decides.
    return bySpan.find((n) => n.name === expr.name) ?? analysis.graph.nodes().find((n) => n.name === expr.name) ?? bySpan[bySpan.length - 1];
  }
  // Several nodes over one range (an op wrapped by a named statement): the outermost, made last.
  return bySpan[bySpan.length - 1];
}

/** The node under the cursor: innermost expression first, widening until one has a node. */
export function nodeAt(analysis: BlockAnalysis, offset: number): { node?: NodeInfo; expr?: Expr; stmt?: Stmt } {
  const parsed = parseBlock(analysis.block);
  const hit = exprAt(parsed, offset);
  if (!hit) {
    const covering = analysis.graph.nodes()
      .filter((n) => n.span && contains(n.span, offset))
      .sort((a, b) => (a.span!.end - a.span!.start) - (b.span!.end - b.span!.start));
    return { node: covering[0] };
  }
  const chain = ancestry(hit.stmt, hit.expr);
  for (const e of chain) {
    const node = nodeForExpr(analysis, e);
    if (node) return { node, expr: e, stmt: hit.stmt };
  }
  return { expr: hit.expr, stmt: hit.stmt };
}

/** The expression and its ancestors inside the statement, innermost first (iterative: flat sums nest deep). */
function ancestry(stmt: Stmt, target: Expr): Expr[] {
  const parent = new Map<Expr, Expr>();
  const stack = expressionsOf(stmt);
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e === target) break;
    for (const c of childrenOf(e)) { parent.set(c, e); stack.push(c); }
  }
  const path: Expr[] = [];
  for (let e: Expr | undefined = target; e; e = parent.get(e)) path.push(e);
  return path;
}

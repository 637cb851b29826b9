// Inlay hints: the value after each equation (`= 11.652`), flagged when it rests on sampled
// inputs; with `adjoint.inlayHints.adjoints` also each named intermediate's adjoint and the gradient.
// Quiet on prose (SPEC §6): inline math shows a value only when it tells something, and a block
// whose inputs are all sampled says so once, on its output, instead of after every equation.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { BlockAnalysis, NodeInfo } from '../analysis';
import type { Expr, Stmt } from '../parse/ast';
import type { AnalyzedDocument } from './analysisStore';
import { formatCompact } from './format';
import { nodeForExpr, parseBlock } from './locate';
import { noteBlocks } from './notePlaces';
import { SampledReach } from './sampled';

export interface InlayOptions { values: boolean; adjoints: boolean }

export function inlayHints(analyzed: AnalyzedDocument, range: Range, options: InlayOptions): InlayHint[] {
  const { document, blocks } = analyzed;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const hints: InlayHint[] = [];
  const reach = new SampledReach(noteBlocks(analyzed));
  for (const a of blocks) {
    if (a.status !== 'ok' || a.block.span.end < start || a.block.span.start > end) continue;
    const sampled = reach.nodes(a);
    const allSampled = reach.allInputs(a);
    for (const { stmt, node, last } of equations(a)) {
      if (!tellsSomething(a, stmt, node, sampled, allSampled)) continue;
      // `k = 1` already shows its value: a hint would only repeat the literal.
      const values = options.values && !isNumberLiteral(stmt.value);
      const label = hintLabel(a, node, last, sampled.has(node.id), { ...options, values });
      if (!label) continue;
      hints.push({
        position: document.positionAt(stmt.span.end),
        label,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
      });
    }
  }
  return hints;
}

type Equation = Extract<Stmt, { kind: 'assign' | 'expr' }>;

/**
 * Statements that compute something, with the node holding their value. Bindings of inputs
 * (`x_1 = 2`, `W = randn(4, 3)`, `x = [1, 2]`) are leaves of the graph and get no hint.
 */
function equations(a: BlockAnalysis): Array<{ stmt: Equation; node: NodeInfo; last: boolean }> {
  const statements = parseBlock(a.block).statements;
  const out: Array<{ stmt: Equation; node: NodeInfo; last: boolean }> = [];
  statements.forEach((stmt, i) => {
    if (stmt.kind !== 'assign' && stmt.kind !== 'expr') return;
    const node = (stmt.kind === 'assign' ? nodeForExpr(a, stmt.target) : undefined) ?? nodeForExpr(a, stmt.value);
    if (node && node.op !== 'input' && node.op !== 'constant') out.push({ stmt, node, last: i === statements.length - 1 });
  });
  return out;
}

/**
 * Whether an equation's hint is worth its place. Inline math in prose: only a definition
 * (`$s = \frac{\lambda}{2}$`) or an expression computed from inputs, and only when its value rests
 * on no sampled input (a random number next to `$x_i$` tells the reader nothing). A display block
 * whose inputs are all sampled: only its output, once.
 */
function tellsSomething(a: BlockAnalysis, stmt: Equation, node: NodeInfo, sampled: ReadonlySet<number>, allSampled: boolean): boolean {
  if (a.block.kind === 'inline') {
    if (sampled.has(node.id)) return false;
    return stmt.kind === 'assign' || a.graph.nodes().some((n) => n.op === 'input');
  }
  return !allSampled || node.id === a.outputId;
}

/** A number as written, possibly signed: `1`, `-0.5`, `+2`. */
function isNumberLiteral(expr: Expr): boolean {
  return expr.kind === 'number' || (expr.kind === 'unary' && expr.arg.kind === 'number');
}

function hintLabel(a: BlockAnalysis, node: NodeInfo, last: boolean, sampled: boolean, options: InlayOptions): string | null {
  const parts: string[] = [];
  if (options.values) {
    parts.push(`= ${formatCompact(node.value)}${sampled ? ' (sampled)' : ''}`);
  }
  if (options.adjoints) {
    if (node.id !== a.outputId) parts.push(`v̄ = ${formatCompact(node.adjoint)}`);
    if (last) {
      const grads = Object.entries(a.gradient).map(([name, g]) => `∂/∂${name} = ${formatCompact(g)}`);
      if (grads.length > 0) parts.push(grads.join(', '));
    }
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

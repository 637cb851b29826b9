// Inlay hints: the value after each equation (`= 11.652`), flagged when inputs were sampled;
// with `adjoint.inlayHints.adjoints` also each named intermediate's adjoint and the gradient.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { BlockAnalysis, NodeInfo } from '../analysis';
import type { Expr, Stmt } from '../parse/ast';
import type { AnalyzedDocument } from './analysisStore';
import { formatCompact } from './format';
import { nodeForExpr, parseBlock } from './locate';

export interface InlayOptions { values: boolean; adjoints: boolean }

export function inlayHints(analyzed: AnalyzedDocument, range: Range, options: InlayOptions): InlayHint[] {
  const { document, blocks } = analyzed;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const a of blocks) {
    if (a.status !== 'ok' || a.block.span.end < start || a.block.span.start > end) continue;
    for (const { stmt, node, last } of equations(a)) {
      // `k = 1` already shows its value: a hint would only repeat the literal.
      const label = hintLabel(a, node, last, { ...options, values: options.values && !isNumberLiteral(stmt.value) });
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

/** A number as written, possibly signed: `1`, `-0.5`, `+2`. */
function isNumberLiteral(expr: Expr): boolean {
  return expr.kind === 'number' || (expr.kind === 'unary' && expr.arg.kind === 'number');
}

function hintLabel(a: BlockAnalysis, node: NodeInfo, last: boolean, options: InlayOptions): string | null {
  const parts: string[] = [];
  if (options.values) {
    const sampled = a.inputs.some((b) => b.sampled) ? ' (sampled)' : '';
    parts.push(`= ${formatCompact(node.value)}${sampled}`);
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

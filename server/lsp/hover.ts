// Hover on any sub-expression: value, adjoint, symbolic adjoint, local partials, partial
// adjoints per pathway; on a name also where it was bound. Plain Markdown for any editor,
// plus the symbolic adjoint typeset as an SVG image for VS Code.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { BlockAnalysis, EdgeInfo, NodeInfo } from '../analysis';
import type { Expr } from '../parse/ast';
import type { AnalyzedDocument } from './analysisStore';
import { formatNumber, formatValue } from './format';
import { blockAt, nodeAt } from './locate';
import { code, lineOf } from './markdown';
import { latexToSvgDataUri } from './mathjax';

export interface HoverOptions { typesetImages: boolean }

export function hover(analyzed: AnalyzedDocument, params: HoverParams, options: HoverOptions): Hover | null {
  const { document, blocks } = analyzed;
  const offset = document.offsetAt(params.position);
  const analysis = blockAt(blocks, offset);
  if (!analysis) return null;
  const { node, expr } = nodeAt(analysis, offset);
  const text = document.getText();
  let value: string | null = null;
  if (node) value = nodeHover(analysis, node, expr, text, options);
  else if (analysis.status !== 'ok' && analysis.message) value = `*Adjoint, not evaluated:* ${analysis.message}`;
  if (!value) return null;
  const span = expr?.span ?? node?.span;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: span ? { start: document.positionAt(span.start), end: document.positionAt(span.end) } : undefined,
  };
}

function nodeHover(a: BlockAnalysis, node: NodeInfo, expr: Expr | undefined, text: string, options: HoverOptions): string {
  const byId = new Map(a.nodes.map((n) => [n.id, n]));
  const source = expr ? text.slice(expr.span.start, expr.span.end) : node.label;
  const out = a.outputName ?? 'output';
  const lines: string[] = [];
  lines.push(`${code(source)} · ${node.op}${node.name && node.name !== source ? ` · ${code(node.name)}` : ''}`);
  lines.push('');
  lines.push(`- value: ${code(formatValue(node.value))}${node.sampled ? ' (sampled)' : ''}`);
  lines.push(`- adjoint ∂${out}/∂·: ${code(formatValue(node.adjoint))}${a.reducedBySum ? ` (${out} is not scalar: reduced by sum)` : ''}`);
  if (node.symbolicAdjoint) lines.push(`- symbolic adjoint: ${code(node.symbolicAdjoint.unicode)}`);
  const partials = localPartials(a, node, byId);
  if (partials.length > 0) lines.push(`- local partials: ${partials.join(', ')}`);
  const pathways = a.edges.filter((e) => e.from === node.id);
  if (pathways.length > 0) {
    const parts = pathways.map((e) => `→ ${code(byId.get(e.to)?.label ?? `#${e.to}`)} ${code(formatValue(e.partialAdjoint))}`);
    const sum = pathways.length > 1 ? `; sum ${code(formatValue(node.adjoint))}` : '';
    lines.push(`- partial adjoints: ${parts.join(', ')}${sum}`);
  }
  const bound = boundAt(a, node, text);
  if (bound) lines.push(`- ${bound}`);
  if (options.typesetImages && node.symbolicAdjoint) {
    const uri = latexToSvgDataUri(node.symbolicAdjoint.latex);
    if (uri) lines.push('', `![symbolic adjoint](${uri})`);
  }
  return lines.join('\n');
}

/** ∂node/∂input for scalar nodes: the edge's partial adjoint divided by the node's adjoint. */
function localPartials(a: BlockAnalysis, node: NodeInfo, byId: Map<number, NodeInfo>): string[] {
  if (typeof node.adjoint !== 'number' || node.adjoint === 0) return [];
  const out: string[] = [];
  for (const edge of a.edges.filter((e: EdgeInfo) => e.to === node.id)) {
    if (typeof edge.partialAdjoint !== 'number') return [];
    const input = byId.get(edge.from);
    out.push(`∂·/∂${code(input?.label ?? `#${edge.from}`)} = ${code(formatNumber(edge.partialAdjoint / node.adjoint))}`);
  }
  return out;
}

function boundAt(a: BlockAnalysis, node: NodeInfo, text: string): string | null {
  if (!node.name) return null;
  const binding = a.inputs.find((b) => b.name === node.name);
  if (binding) {
    switch (binding.source) {
      case 'sampled': return 'sampled: drawn uniformly from the sampling range, the same every time (pin it with the quick fix)';
      case 'annotation': return `bound by the annotation on line ${binding.span ? lineOf(text, binding.span.start) : '?'}`;
      case 'block': return `bound in this block${binding.span ? ` on line ${lineOf(text, binding.span.start)}` : ''}`;
      case 'earlier-block': return `defined in an earlier block${binding.span ? ` on line ${lineOf(text, binding.span.start)}` : ''}`;
    }
  }
  const def = a.definitions.find((d) => d.name === node.name);
  return def ? `defined on line ${lineOf(text, def.span.start)}` : null;
}

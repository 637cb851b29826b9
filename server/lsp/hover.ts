// Hover on any sub-expression: value, adjoint, symbolic adjoint, local partials, partial
// adjoints per pathway; on a name also where it was bound. Plain Markdown for any editor,
// plus the symbolic adjoint typeset as an SVG image for VS Code.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { BlockAnalysis, EdgeInfo, NodeInfo } from '../analysis';
import type { Expr } from '../parse/ast';
import type { AnalyzedDocument } from './analysisStore';
import type { Nested } from '../protocol';
import { formatCompact, formatNumber, formatShape, formatValue } from './format';
import { shapeOf } from '../nested';
import { blockAt, nodeAt } from './locate';
import { code, lineOf } from './markdown';
import { latexToSvgDataUri } from './mathjax';
import { unicodeLabel } from '../../engine/formula/labels';

/** Matrices up to this many entries are written out row by row; larger ones keep formatValue's summary. */
const MATRIX_LIMIT = 64;

export interface HoverOptions { typesetImages: boolean }

export function hover(analyzed: AnalyzedDocument, params: HoverParams, options: HoverOptions): Hover | null {
  const { document, blocks } = analyzed;
  const offset = document.offsetAt(params.position);
  const analysis = blockAt(blocks, offset);
  if (!analysis) return null;
  const { node, expr } = nodeAt(analysis, offset);
  const text = document.getText();
  const lineText = analyzed.cells?.lineText ?? ((at: number) => `line ${lineOf(text, at)}`);
  let value: string | null = null;
  if (node) value = nodeHover(analysis, node, expr, text, lineText, options);
  else if (analysis.status !== 'ok' && analysis.message) value = `*Adjoint, not evaluated:* ${analysis.message}`;
  if (!value) return null;
  const span = expr?.span ?? node?.span;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: span ? { start: document.positionAt(span.start), end: document.positionAt(span.end) } : undefined,
  };
}

function nodeHover(a: BlockAnalysis, node: NodeInfo, expr: Expr | undefined, text: string, lineText: (offset: number) => string, options: HoverOptions): string {
  const source = expr ? text.slice(expr.span.start, expr.span.end) : node.label;
  const out = outputSymbol(a.outputName);
  const lines: string[] = [];
  lines.push(`${code(source)}${termOf(node, source)} · ${node.op}${node.name && node.name !== source ? ` · ${code(node.name)}` : ''}`);
  lines.push('');
  lines.push(...valueLines('value', node.value, node.sampled ? ' (sampled)' : ''));
  lines.push(...valueLines(`adjoint ∂${out}/∂·`, node.adjoint, a.reducedBySum ? ` (${out} is not scalar: reduced by sum)` : ''));
  const symbolic = a.graph.symbolicAdjoint(node.id);
  if (symbolic) lines.push(`- symbolic adjoint: ${code(symbolic.unicode)}`);
  const partials = localPartials(a, node);
  if (partials.length > 0) lines.push(`- local partials: ${partials.join(', ')}`);
  const pathways = a.graph.edges().filter((e) => e.from === node.id);
  if (pathways.length > 0) {
    // Tensors shrink to shape and range here: the adjoint above already has them in full.
    const parts = pathways.map((e) => `→ ${code(a.graph.node(e.to)?.label ?? `#${e.to}`)} ${code(formatCompact(e.partialAdjoint))}`);
    const sum = pathways.length > 1 ? `; sum ${code(formatCompact(node.adjoint))}` : '';
    lines.push(`- partial adjoints: ${parts.join(', ')}${sum}`);
  }
  const bound = boundAt(a, node, lineText);
  if (bound) lines.push(`- ${bound}`);
  if (options.typesetImages && symbolic) {
    const uri = latexToSvgDataUri(symbolic.latex);
    if (uri) lines.push('', `![symbolic adjoint](${uri})`);
  }
  return lines.join('\n');
}

/**
 * Which term of an unrolled sum or product a hovered `h_j` or `\exp(h_j)` is: its label names it
 * (`h_{3}`, `\exp(h_j) (j = 3)`) where the source text stands for every term.
 */
function termOf(node: NodeInfo, source: string): string {
  if (node.name || node.label === source) return '';
  if (node.label.startsWith(`${source} (`)) return ` ${node.label.slice(source.length + 1)}`;
  return ` = ${code(node.label)}`;
}

/** A short output name reads well in ∂y/∂· (∂ℓ/∂·, ∂v₇/∂·); a long one (a derivative claim's LaTeX) does not. */
function outputSymbol(name: string | null | undefined): string {
  return name && name.length <= 8 ? unicodeLabel(name) : 'output';
}

/** A list item for a value; a matrix gets its rows on lines of their own, columns aligned. */
function valueLines(caption: string, value: Nested, suffix: string): string[] {
  const rows = matrixRows(value);
  if (!rows) return [`- ${caption}: ${code(formatValue(value))}${suffix}`];
  return [`- ${caption}: ${formatShape(shapeOf(value))}${suffix}`, '', '  ```', ...rows.map((r) => `  ${r}`), '  ```'];
}

function matrixRows(value: Nested): string[] | null {
  if (!Array.isArray(value) || !Array.isArray(value[0])) return null;
  const shape = shapeOf(value);
  if (shape.length !== 2 || shape[0] * shape[1] > MATRIX_LIMIT) return null;
  const cells = (value as number[][]).map((row) => row.map((x) => formatNumber(x)));
  const widths = new Array<number>(shape[1]).fill(0);
  for (const row of cells) row.forEach((c, j) => { widths[j] = Math.max(widths[j], c.length); });
  return cells.map((row) => `[${row.map((c, j) => c.padStart(widths[j])).join('  ')}]`);
}

/** ∂node/∂input for scalar nodes: the edge's partial adjoint divided by the node's adjoint. */
function localPartials(a: BlockAnalysis, node: NodeInfo): string[] {
  if (typeof node.adjoint !== 'number' || node.adjoint === 0) return [];
  const out: string[] = [];
  for (const edge of a.graph.edges().filter((e: EdgeInfo) => e.to === node.id)) {
    if (typeof edge.partialAdjoint !== 'number') return [];
    const input = a.graph.node(edge.from);
    // Nobody differentiates with respect to the 2 in \frac{1}{2}.
    if (input?.op === 'constant') continue;
    out.push(`∂·/∂${code(input?.label ?? `#${edge.from}`)} = ${code(formatNumber(edge.partialAdjoint / node.adjoint))}`);
  }
  return out;
}

/** `lineText` says where an offset is ("line 5"; in a notebook "cell 2, line 3"). */
function boundAt(a: BlockAnalysis, node: NodeInfo, lineText: (offset: number) => string): string | null {
  if (!node.name) return null;
  const binding = a.inputs.find((b) => b.name === node.name);
  if (binding) {
    switch (binding.source) {
      case 'sampled': return 'sampled: drawn uniformly from the sampling range, the same every time (pin it with the quick fix)';
      case 'annotation': return `bound by the annotation${binding.span ? ` on ${lineText(binding.span.start)}` : ''}`;
      case 'block': return `bound in this block${binding.span ? ` on ${lineText(binding.span.start)}` : ''}`;
      case 'earlier-block': return `defined in an earlier block${binding.span ? ` on ${lineText(binding.span.start)}` : ''}`;
    }
  }
  const def = a.definitions.find((d) => d.name === node.name);
  return def ? `defined on ${lineText(def.span.start)}` : null;
}

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
import { shapeOf, type Shown } from '../nested';
import { blockAt, nodeAt, parseBlock } from './locate';
import { code, escapeMarkdown } from './markdown';
import { noteBlocks, placeText } from './notePlaces';
import { latexToSvgDataUri } from './mathjax';
import { SampledReach } from './sampled';
import { shownIn } from './sourceText';
import { shortText } from '../analysis/short-text';
import { unicodeLabel } from '../../engine/formula/labels';

/** Matrices up to this many entries are written out row by row; larger ones keep formatValue's summary. */
const MATRIX_LIMIT = 64;
/** Partials and pathways listed per hover; a name used 20,000 times gets the first few and a count. */
const LIST_LIMIT = 8;

export interface HoverOptions { typesetImages: boolean }

export function hover(analyzed: AnalyzedDocument, params: HoverParams, options: HoverOptions): Hover | null {
  const { document } = analyzed;
  const offset = document.offsetAt(params.position);
  const analysis = blockAt(analyzed.blocks, offset);
  if (!analysis) return null;
  const { node, expr } = nodeAt(analysis, offset);
  const text = document.getText();
  let value: string | null = null;
  if (node) value = nodeHover(analysis, node, expr, text, placeText(analyzed), options, noteBlocks(analyzed));
  else if (analysis.status !== 'ok' && analysis.message) value = `*Adjoint, not evaluated:* ${escapeMarkdown(analysis.message.replace(/^not evaluated: /, ''))}`;
  if (!value) return null;
  const span = expr?.span ?? node?.span;
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: span ? { start: document.positionAt(span.start), end: document.positionAt(span.end) } : undefined,
  };
}

function nodeHover(
  a: BlockAnalysis, node: NodeInfo, expr: Expr | undefined, text: string, lineText: (offset: number) => string, options: HoverOptions,
  blocks: readonly BlockAnalysis[],
): string {
  const sampled = new SampledReach(blocks).nodes(a).has(node.id);
  const names = new NodeNames(a);
  const source = expr ? shortText(text.slice(expr.span.start, expr.span.end)) : node.label;
  const shown = names.display(source);
  const lines: string[] = [];
  const named = node.name && names.display(node.name) !== shown ? ` · ${code(names.display(node.name))}` : '';
  lines.push(`${code(shown)}${termOf(node, source, names)} · ${node.op}${named}`);
  lines.push('');
  lines.push(...valueLines('value', node.value, sampled ? ' (sampled)' : ''));
  if (node.op === 'constant') {
    // The 2 in \frac{1}{2} or the −1 of a power: nothing differentiates with respect to it.
    lines.push('- a constant: no adjoint');
    return lines.join('\n');
  }
  const out = outputSymbol(a.outputName);
  const wrt = names.wrt(node.name ?? source);
  lines.push(...valueLines(`adjoint ∂${out}/∂${wrt}`, node.adjoint, a.reducedBySum ? ` (${out} is not scalar: reduced by sum)` : ''));
  const symbolic = a.graph.symbolicAdjoint(node.id);
  if (symbolic) lines.push(`- symbolic adjoint: ${code(symbolic.unicode)}`);
  const partials = localPartials(a, node, names, wrt);
  if (partials.length > LIST_LIMIT) partials.splice(LIST_LIMIT, partials.length - LIST_LIMIT, `and ${partials.length - LIST_LIMIT} more`);
  if (partials.length > 0) lines.push(`- local partials: ${partials.join(', ')}`);
  const pathways = a.graph.edges().filter((e) => e.from === node.id);
  if (pathways.length > 0) {
    // Tensors shrink to shape and range here: the adjoint above already has them in full.
    const parts = pathways.slice(0, LIST_LIMIT).map((e) => `→ ${code(names.of(e.to))} ${code(formatCompact(e.partialAdjoint))}`);
    if (pathways.length > LIST_LIMIT) parts.push(`and ${pathways.length - LIST_LIMIT} more`);
    const sum = pathways.length > 1 ? `; sum ${code(formatCompact(node.adjoint))}` : '';
    lines.push(`- partial adjoints: ${parts.join(', ')}${sum}`);
  }
  const bound = boundAt(a, node, lineText, blocks);
  if (bound) lines.push(`- ${bound}`);
  if (options.typesetImages && symbolic) {
    const uri = latexToSvgDataUri(symbolic.latex);
    if (uri) lines.push('', `![symbolic adjoint](${uri})`);
  }
  return lines.join('\n');
}

/** Longest sub-expression written out inside ∂y/∂(…); a longer one reads as ∂y/∂(this). */
const WRT_LIMIT = 24;

/**
 * How nodes read in a hover: LaTeX as short Unicode (`ln(x₁)`, `(Xᵀ X)⁻¹`), and nodes the note does
 * not write (`\|w\|^2` squares w as w·w) by the written expression they feed, never as `mul(w, w)`.
 */
class NodeNames {
  readonly display: (latexOrCode: string) => string;

  constructor(private readonly a: BlockAnalysis) {
    this.display = shownIn(a.block);
  }

  /** A node by the note's text: its own, or that of the first written node it feeds. */
  of(id: number): string {
    for (let n = this.a.graph.node(id), hops = 0; n && hops < 64; hops++) {
      if (n.span || n.name || n.op === 'input' || n.op === 'constant') return this.display(n.name ?? n.label);
      const next = this.a.graph.edges().find((e) => e.from === n!.id);
      n = next ? this.a.graph.node(next.to) : undefined;
    }
    return 'an inner step';
  }

  /** A node the reader can point at in the note and differentiate with respect to. */
  written(id: number): boolean {
    const n = this.a.graph.node(id);
    return n !== undefined && n.op !== 'constant' && (n.span !== undefined || n.name !== undefined || n.op === 'input');
  }

  /** The denominator of ∂y/∂…: a name as it is (`x₁`), anything else in parentheses (`(ln(x₁))`). */
  wrt(latexOrCode: string): string {
    const shown = this.display(latexOrCode);
    if (shown.length > WRT_LIMIT) return '(this)';
    return /^[^\s()+−\-·×/‖]+$/u.test(shown) ? shown : `(${shown})`;
  }
}

/**
 * Which term of an unrolled sum or product a hovered `h_j` or `\exp(h_j)` is: its label names it
 * (`\exp(h_j) (j = 3)`) where the source text stands for every term. Internal bookkeeping
 * (`(terms 1 to 3)` of a partial sum, `w_{3}` for the written `w_3`) is not the reader's business.
 */
function termOf(node: NodeInfo, source: string, names: NodeNames): string {
  if (node.name || node.label === source) return '';
  if (node.label.startsWith(`${source} (`)) {
    const which = node.label.slice(source.length + 1);
    return which.startsWith('(terms ') ? '' : ` ${which}`;
  }
  const label = names.display(node.label);
  return label === names.display(source) ? '' : ` = ${code(label)}`;
}

/** A short output name reads well in ∂y/∂· (∂ℓ/∂·, ∂v₇/∂·); a long one (a derivative claim's LaTeX) does not. */
function outputSymbol(name: string | null | undefined): string {
  const shown = name ? unicodeLabel(name) : '';
  return shown && [...shown].length <= 8 ? shown : 'output';
}

/** A list item for a value; a matrix gets its rows on lines of their own, columns aligned. */
function valueLines(caption: string, value: Shown, suffix: string): string[] {
  const rows = matrixRows(value);
  if (!rows) return [`- ${caption}: ${code(formatValue(value))}${suffix}`];
  return [`- ${caption}: ${formatShape(shapeOf(value as Nested))}${suffix}`, '', '  ```', ...rows.map((r) => `  ${r}`), '  ```'];
}

function matrixRows(value: Shown): string[] | null {
  if (!Array.isArray(value) || !Array.isArray(value[0])) return null;
  const shape = shapeOf(value);
  if (shape.length !== 2 || shape[0] * shape[1] > MATRIX_LIMIT) return null;
  const cells = (value as number[][]).map((row) => row.map((x) => formatNumber(x)));
  const widths = new Array<number>(shape[1]).fill(0);
  for (const row of cells) row.forEach((c, j) => { widths[j] = Math.max(widths[j], c.length); });
  return cells.map((row) => `[${row.map((c, j) => c.padStart(widths[j])).join('  ')}]`);
}

/** ∂node/∂input for scalar nodes: the edge's partial adjoint divided by the node's adjoint. */
function localPartials(a: BlockAnalysis, node: NodeInfo, names: NodeNames, wrt: string): string[] {
  if (typeof node.adjoint !== 'number' || node.adjoint === 0) return [];
  const out: string[] = [];
  for (const edge of a.graph.edges().filter((e: EdgeInfo) => e.to === node.id)) {
    if (typeof edge.partialAdjoint !== 'number') return [];
    // Nobody differentiates with respect to the 2 in \frac{1}{2}, nor with respect to an inner step.
    if (!names.written(edge.from)) continue;
    out.push(`∂${wrt}/∂${code(names.of(edge.from))} = ${code(formatNumber(edge.partialAdjoint / node.adjoint))}`);
  }
  return out;
}

/** `lineText` says where an offset is ("line 5"; in a notebook "cell 2, line 3"). */
function boundAt(a: BlockAnalysis, node: NodeInfo, lineText: (offset: number) => string, blocks: readonly BlockAnalysis[]): string | null {
  if (!node.name) return null;
  const binding = a.inputs.find((b) => b.name === node.name);
  if (binding) {
    switch (binding.source) {
      case 'sampled': {
        const failed = failedDefinition(blocks, a, binding.name);
        const why = failed ? `its definition on ${lineText(failed.at)} could not be evaluated (${failed.why}), so it is ` : '';
        return `sampled: ${why}drawn uniformly from the sampling range, the same every time (pin it with the quick fix)`;
      }
      case 'annotation': return `bound by the annotation${binding.span ? ` on ${lineText(binding.span.start)}` : ''}`;
      case 'block': return `bound in this block${binding.span ? ` on ${lineText(binding.span.start)}` : ''}`;
      case 'earlier-block': return `defined in an earlier block${binding.span ? ` on ${lineText(binding.span.start)}` : ''}`;
    }
  }
  const def = a.definitions.find((d) => d.name === node.name);
  return def ? `defined on ${lineText(def.span.start)}` : null;
}

/**
 * The nearest earlier block that defines `name` but was not evaluated: a name sampled although the
 * note defines it must say why (`s = \frac{\lambda}{2}(…)` with an unsupported norm nine lines up).
 */
function failedDefinition(blocks: readonly BlockAnalysis[], a: BlockAnalysis, name: string): { at: number; why: string } | undefined {
  for (const b of [...blocks].reverse()) {
    if (b.block.index >= a.block.index || b.status === 'ok') continue;
    const stmt = parseBlock(b.block).statements.find((st) => st.kind === 'assign' && st.target.kind === 'name' && st.target.name === name);
    if (stmt) return { at: stmt.span.start, why: b.message ?? 'not evaluable' };
  }
  return undefined;
}

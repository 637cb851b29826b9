// Code action "Insert derivative ∂y/∂x₁": the symbolic adjoint (engine toFormula, LaTeX style) written
// under the block as a claim in a new display block, which parses back and holds (a derivative of a
// name defined in an earlier block differentiates its definition: analysis/upstream-definitions.ts).
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { grad, toFormula, type Formula } from '../../engine';
import { unicodeLabel } from '../../engine/formula/labels';
import type { BlockAnalysis } from '../analysis';
import { languageIdOf, type AnalyzedDocument } from './analysisStore';
import { contains, parseBlock } from './locate';

export const insertDerivativeKind = CodeActionKind.Refactor;

/** The output as the derivative's numerator: `y`, or `f(x, z)` when the block defines a function. */
function differentiated(a: BlockAnalysis): string | null {
  const name = a.outputName;
  if (!name || !a.definitions.some((d) => d.name === name)) return null;
  const last = parseBlock(a.block).statements.at(-1);
  return last?.kind === 'assign' && last.params ? `${name}(${last.params.map((p) => p.name).join(', ')})` : name;
}

/**
 * The formula with its shared subexpressions written out in place: definition lines in the new
 * block would be evaluated before the derivative binds its inputs, so they are inlined instead.
 */
function inlined(formula: Formula): string {
  let text = formula.text;
  for (const d of [...formula.definitions].reverse()) text = text.split(d.name).join(`(${d.text})`);
  return text;
}

/** The claim `\frac{\partial y}{\partial x_1} = …` for input `wrt`, or null when the block offers none. */
export function derivativeClaim(a: BlockAnalysis, wrt: string): string | null {
  const of = differentiated(a);
  const rebuilt = a.rebuild();
  if (!of || !rebuilt || rebuilt.output.shape.length > 0) return null;
  const input = rebuilt.inputs.find((t) => t.label === wrt);
  if (!input || input.shape.length > 0) return null;
  const formula = toFormula(grad(rebuilt.output, [input])[0], { style: 'latex' });
  return `\\frac{\\partial ${of}}{\\partial ${wrt}} = ${inlined(formula)}`;
}

function wrapped(document: TextDocument, content: string): string | null {
  const id = languageIdOf(document);
  if (id === 'markdown') return `\n\n$$\n${content}\n$$`;
  if (id === 'latex') return `\n\\[\n${content}\n\\]`;
  return null;
}

export function insertDerivativeActions(analyzed: AnalyzedDocument, params: CodeActionParams): CodeAction[] {
  const { document, blocks } = analyzed;
  const offset = document.offsetAt(params.range.start);
  const a = blocks.find((b) => contains(b.block.span, offset));
  if (!a || a.status !== 'ok' || a.block.syntax !== 'latex' || a.block.kind === 'inline') return [];
  const actions: CodeAction[] = [];
  for (const input of a.inputs) {
    const content = derivativeClaim(a, input.name);
    const text = content === null ? null : wrapped(document, content);
    if (text === null) continue;
    const at = document.positionAt(a.block.span.end);
    actions.push({
      title: `Insert derivative ∂${unicodeLabel(a.outputName!)}/∂${unicodeLabel(input.name)}`,
      kind: insertDerivativeKind,
      edit: { changes: { [document.uri]: [{ range: { start: at, end: at }, newText: text }] } },
    });
  }
  return actions;
}

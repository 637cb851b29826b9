// Code action "Insert derivative ∂y/∂x₁": the symbolic adjoint (engine toFormula, LaTeX style) written
// under the block as a claim in a new display block, which parses back and holds. A later block
// cannot see y's graph (only its value), so the new block restates the definition before the claim;
// a function definition f(x) = … is visible to later blocks and is differentiated by calling it.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { grad, toFormula, type Formula } from '../../engine';
import { unicodeLabel } from '../../engine/formula/labels';
import type { BlockAnalysis } from '../analysis';
import { languageIdOf, type AnalyzedDocument } from './analysisStore';
import { contains, parseBlock } from './locate';

export const insertDerivativeKind = CodeActionKind.Refactor;

/** The output as the derivative's numerator: `y`, or `f(x, z)` when the block defines a function. */
function differentiated(a: BlockAnalysis): { of: string; restate: boolean } | null {
  const name = a.outputName;
  if (!name || !a.definitions.some((d) => d.name === name)) return null;
  const last = parseBlock(a.block).statements.at(-1);
  if (last?.kind === 'assign' && last.params) return { of: `${name}(${last.params.map((p) => p.name).join(', ')})`, restate: false };
  return { of: name, restate: true };
}

/** `t_1 = … \\` lines for shared subexpressions (assignments in the new block), then the claim. */
function claimLines(of: string, wrt: string, formula: Formula): string[] {
  const definitions = formula.definitions.map((d) => `${d.name} = ${d.text} \\\\`);
  return [...definitions, `\\frac{\\partial ${of}}{\\partial ${wrt}} = ${formula.text}`];
}

/** The display block with the claim for input `wrt`, or null when the block offers none. */
export function derivativeBlock(a: BlockAnalysis, wrt: string): string | null {
  const target = differentiated(a);
  const rebuilt = a.rebuild();
  if (!target || !rebuilt || rebuilt.output.shape.length > 0) return null;
  const input = rebuilt.inputs.find((t) => t.label === wrt);
  if (!input || input.shape.length > 0) return null;
  const formula = toFormula(grad(rebuilt.output, [input])[0], { style: 'latex' });
  const restated = target.restate ? [`${a.block.text.trim().replace(/\\\\\s*$/, '').trimEnd()} \\\\`] : [];
  return [...restated, ...claimLines(target.of, wrt, formula)].join('\n');
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
    const content = derivativeBlock(a, input.name);
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

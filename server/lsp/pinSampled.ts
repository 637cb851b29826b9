// Code action "Pin sampled values": writes the sampled inputs into the block's annotation
// (`<!-- autodiff: x_1 = 1.37…, … -->`) so the numbers stop being random-looking. One
// WorkspaceEdit, so undo reverts it.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BlockAnalysis } from '../analysis';
import { pinSampledTitle } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { SAMPLED_CODE } from './diagnostics';
import { exactLiteral } from './format';
import { contains } from './locate';
import { languageIdOf } from './analysisStore';

export function pinSampledActions(analyzed: AnalyzedDocument, params: CodeActionParams): CodeAction[] {
  const { document, blocks } = analyzed;
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  for (const a of blocks) {
    const touches = contains(a.block.span, start) || contains(a.block.span, end) || (start <= a.block.span.start && a.block.span.end <= end);
    if (!touches) continue;
    const edit = pinEdit(document, a);
    if (!edit) continue;
    const fixes: Diagnostic[] = params.context.diagnostics.filter((d) => d.code === SAMPLED_CODE);
    actions.push({
      title: pinSampledTitle,
      kind: CodeActionKind.QuickFix,
      diagnostics: fixes.length > 0 ? fixes : undefined,
      isPreferred: true,
      edit: { changes: { [document.uri]: [edit] } },
    });
  }
  return actions;
}

/**
 * The edit that pins a block's sampled inputs: appended to its annotation when it has one, else
 * a new annotation before it (`<!-- autodiff: … -->` in Markdown, `% autodiff: …` in LaTeX).
 */
export function pinEdit(document: TextDocument, a: BlockAnalysis): TextEdit | null {
  const sampled = a.inputs.filter((b) => b.sampled);
  const syntax = commentSyntax(document);
  if (sampled.length === 0 || !syntax) return null;
  const bindings = sampled.map((b) => `${b.name} = ${exactLiteral(b.value.toNested())}`).join(', ');
  const annotation = a.block.annotation;
  if (annotation) {
    // The annotation's span is its inner text after `autodiff:`, trimmed: append after it.
    const pos = document.positionAt(annotation.span.end);
    return { range: { start: pos, end: pos }, newText: annotation.text.trim() ? `, ${bindings}` : bindings };
  }
  const blockStart = document.positionAt(a.block.span.start);
  const lineStart = { line: blockStart.line, character: 0 };
  const indent = document.getText({ start: lineStart, end: blockStart });
  if (/^\s*$/.test(indent)) {
    return { range: { start: lineStart, end: lineStart }, newText: `${indent}${syntax(bindings)}\n` };
  }
  // An inline block inside a line of prose: a Markdown comment can sit right before it.
  return syntax === markdownComment
    ? { range: { start: blockStart, end: blockStart }, newText: `${markdownComment(bindings)} ` }
    : null;
}

const markdownComment = (bindings: string) => `<!-- autodiff: ${bindings} -->`;
const latexComment = (bindings: string) => `% autodiff: ${bindings}`;

/** Markdown and LaTeX have annotation comments; an autodiff program binds its inputs itself. */
function commentSyntax(document: TextDocument): ((bindings: string) => string) | null {
  const id = languageIdOf(document);
  return id === 'markdown' ? markdownComment : id === 'latex' ? latexComment : null;
}

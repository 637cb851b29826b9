// Code action "Pin sampled values": writes the sampled inputs into the block's annotation
// (`<!-- autodiff: x_1 = 1.372, … -->`, four significant digits) so the numbers stop being
// random-looking. Inline math is pinned per paragraph, by an annotation on the line above it: every
// `$x_1$`, `$x_2$` of the paragraph at once, each written as the note writes it. One
// WorkspaceEdit, so undo reverts it.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BlockAnalysis } from '../analysis';
import { pinSampledTitle } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { SAMPLED_CODE } from './diagnostics';
import { expressionsOf, walk } from '../analysis/ast-walk';
import type { Stmt } from '../parse/ast';
import { pinLiteral } from './format';
import { contains, parseBlock } from './locate';
import { languageIdOf } from './analysisStore';

export function pinSampledActions(analyzed: AnalyzedDocument, params: CodeActionParams): CodeAction[] {
  const { document, blocks } = analyzed;
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  for (const a of blocks) {
    const touches = contains(a.block.span, start) || contains(a.block.span, end) || (start <= a.block.span.start && a.block.span.end <= end);
    if (!touches) continue;
    const edit = pinEdit(document, a, blocks);
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
export function pinEdit(document: TextDocument, a: BlockAnalysis, blocks: readonly BlockAnalysis[] = [a]): TextEdit | null {
  const syntax = commentSyntax(document);
  if (!syntax) return null;
  const paragraph = a.block.kind === 'inline' ? paragraphOf(document, a) : null;
  const pinned = paragraph ? blocks.filter((b) => b.block.kind === 'inline' && b.block.span.start >= paragraph.start && b.block.span.end <= paragraph.end) : [a];
  const written = new Map<string, string>();
  for (const b of pinned) for (const [name, literal] of sampledAsWritten(b)) if (!written.has(name)) written.set(name, literal);
  if (written.size === 0) return null;
  const bindings = [...written].map(([name, literal]) => `${name} = ${literal}`).join(', ');
  const annotation = a.block.annotation;
  if (annotation) {
    // The annotation's span is its inner text after `autodiff:`, trimmed: append after it.
    const pos = document.positionAt(annotation.span.end);
    return { range: { start: pos, end: pos }, newText: annotation.text.trim() ? `, ${bindings}` : bindings };
  }
  const firstLine = document.positionAt(paragraph ? paragraph.start : a.block.span.start);
  const lineStart = { line: firstLine.line, character: 0 };
  const indent = document.getText({ start: lineStart, end: firstLine });
  const newText = `${/^\s*$/.test(indent) ? indent : ''}${syntax(bindings)}\n`;
  return { range: { start: lineStart, end: lineStart }, newText };
}

/**
 * The block's sampled inputs as the note writes them: `x_1 = 0.8404, x_2 = 1.793` when the block
 * only reads entries of a sampled x (`$x_1$`), else the whole value (`W = [[…], …]`).
 */
function sampledAsWritten(a: BlockAnalysis): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const statements = parseBlock(a.block).statements;
  for (const b of a.inputs.filter((x) => x.sampled)) {
    const entries = entriesRead(statements, b.name);
    const value = b.value;
    if (entries && entries.every((e) => e.index.length === value.ndim && e.index.every((k, axis) => k >= 1 && k <= value.shape[axis]))) {
      for (const e of entries) out.push([e.name, pinLiteral(value.get(...e.index.map((k) => k - 1)))]);
    } else {
      out.push([b.name, pinLiteral(value.toNested())]);
    }
  }
  return out;
}

/** Every use of `base` as `base_{k}` with number subscripts; null when it is also used whole or at a free index. */
function entriesRead(statements: Stmt[], base: string): Array<{ name: string; index: number[] }> | null {
  const entries = new Map<string, number[]>();
  let whole = false;
  walk(statements.flatMap(expressionsOf), (e) => {
    if (e.kind !== 'name') return;
    if (e.name === base) whole = true;
    else if (e.base === base && e.subscript) {
      const index = e.subscript.map((s) => (s.kind === 'number' && Number.isInteger(s.value) ? s.value : NaN));
      if (index.some(Number.isNaN)) whole = true;
      else entries.set(e.name, index);
    }
  });
  return whole || entries.size === 0 ? null : [...entries].map(([name, index]) => ({ name, index }));
}

/** The lines of prose around an inline block: from after the last blank line above it to the next blank line. */
function paragraphOf(document: TextDocument, a: BlockAnalysis): { start: number; end: number } {
  const blank = (line: number) => /^\s*$/.test(document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }));
  let first = document.positionAt(a.block.span.start).line;
  while (first > 0 && !blank(first - 1)) first--;
  let last = document.positionAt(a.block.span.end).line;
  while (last + 1 < document.lineCount && !blank(last + 1)) last++;
  return { start: document.offsetAt({ line: first, character: 0 }), end: document.offsetAt({ line: last + 1, character: 0 }) };
}

const markdownComment = (bindings: string) => `<!-- autodiff: ${bindings} -->`;
const latexComment = (bindings: string) => `% autodiff: ${bindings}`;

/** Markdown and LaTeX have annotation comments; an autodiff program binds its inputs itself. */
function commentSyntax(document: TextDocument): ((bindings: string) => string) | null {
  const id = languageIdOf(document);
  return id === 'markdown' ? markdownComment : id === 'latex' ? latexComment : null;
}

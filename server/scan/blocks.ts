// Finds the math blocks of a document (Contract 2 of DEVELOPERS.md). Never throws; linear time.
import type { RawBlock } from './annotations';
import { attachAnnotations } from './annotations';
import { scanLatexDocument } from './latexFile';
import { scanMarkdown } from './markdown';
import type { LanguageId, MathBlock } from './types';

export type { BlockKind, LanguageId, MathBlock, Syntax } from './types';

const LANGUAGE_BY_EXTENSION: Record<string, LanguageId> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown', mdx: 'markdown', qmd: 'markdown', rmd: 'markdown',
  tex: 'latex', latex: 'latex', ltx: 'latex',
  autodiff: 'autodiff',
};

/** The language of a file by its extension; anything unknown is read as Markdown. */
export function languageOf(fileName: string): LanguageId {
  const dot = fileName.lastIndexOf('.');
  const extension = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  return LANGUAGE_BY_EXTENSION[extension] ?? 'markdown';
}

export function scanDocument(text: string, languageId: LanguageId): MathBlock[] {
  try {
    if (languageId === 'autodiff') {
      const whole = { start: 0, end: text.length };
      return [{ index: 0, kind: 'file', syntax: 'autodiff', span: whole, content: whole, text }];
    }
    const { blocks, annotations } = languageId === 'latex' ? scanLatexDocument(text) : scanMarkdown(text);
    const attached = attachAnnotations(text, blocks, annotations);
    return blocks.map((raw, index) => toMathBlock(text, raw, index, attached.get(raw)));
  } catch {
    return [];   // a scanner bug must not take the server down; the document then shows no math
  }
}

function toMathBlock(text: string, raw: RawBlock, index: number, annotation: { start: number; end: number } | undefined): MathBlock {
  const block: MathBlock = {
    index, kind: raw.kind, syntax: raw.kind === 'fence' ? 'autodiff' : 'latex',
    span: raw.span, content: raw.content, text: text.slice(raw.content.start, raw.content.end),
  };
  if (annotation) block.annotation = { span: annotation, text: text.slice(annotation.start, annotation.end) };
  return block;
}

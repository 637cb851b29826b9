// The shape of a math block found in a document (Contract 2 of DEVELOPERS.md; exported from blocks.ts).
import type { Span } from '../parse/ast';

export type Syntax = 'latex' | 'autodiff';
export type BlockKind = 'display' | 'inline' | 'fence' | 'file' | 'environment';
export type LanguageId = 'markdown' | 'latex' | 'autodiff';

export interface MathBlock {
  index: number;            // order in the document
  kind: BlockKind; syntax: Syntax;
  span: Span;               // the whole block, delimiters included
  content: Span;            // the math text only (exactly what lies between the delimiters)
  text: string;             // document.slice(content.start, content.end)
  /** The `<!-- autodiff: ... -->` (Markdown) or `% autodiff: ...` (LaTeX) comment right before the block.
   *  `span` covers `text` exactly: the inner text after `autodiff:`, trimmed, so that
   *  `parseAnnotation(annotation.text, annotation.span.start)` gives document offsets. */
  annotation?: { span: Span; text: string };
  /** Letters (`h`, `\theta`) this block or its annotation writes bold while the note also writes them
   *  plain: there the bold letter is a name of its own. Set by the analysis (server/analysis/bold-names.ts). */
  boldApart?: readonly string[];
}

// Attaches an annotation comment (`<!-- autodiff: ... -->`, `% autodiff: ...`) to the block that
// follows it when only whitespace lies between the two. A comment on a line of its own above a
// paragraph also binds every inline block of that paragraph (up to the next blank line), so that
// pinning `$x_1$` never writes a comment into the middle of a sentence.
import type { Span } from '../parse/ast';
import { isBlank, trimRange } from './text';

export interface RawBlock { kind: 'display' | 'inline' | 'fence' | 'file' | 'environment'; span: Span; content: Span }
export interface RawAnnotation { commentEnd: number; span: Span }

const ANNOTATION_HEAD = /^\s*autodiff\s*:/;

/** The annotation inside a comment body [start, end), or undefined when the comment is not one. */
export function annotationIn(text: string, start: number, end: number, commentEnd: number): RawAnnotation | undefined {
  const head = ANNOTATION_HEAD.exec(text.slice(start, Math.min(end, start + 64)));
  if (!head) return undefined;
  return { commentEnd, span: trimRange(text, start + head[0].length, end) };
}

/**
 * Both lists are in document order. An annotation binds the block right after it, or else the
 * inline blocks of the paragraph it heads.
 */
export function attachAnnotations(text: string, blocks: RawBlock[], annotations: RawAnnotation[]): Map<RawBlock, Span> {
  const attached = new Map<RawBlock, Span>();
  let next = 0;
  let latest: RawAnnotation | undefined; // the last annotation before the current block
  let paragraphEnd = -1;                 // where the paragraph it heads ends (-1: it heads none)
  for (const block of blocks) {
    let candidate: RawAnnotation | undefined;
    while (next < annotations.length && annotations[next].commentEnd <= block.span.start) candidate = annotations[next++];
    if (candidate) {
      latest = candidate;
      paragraphEnd = paragraphEndAfter(text, candidate.commentEnd);
    }
    // Later blocks see a larger gap that contains this block, so a candidate is tried only once.
    if (candidate && isBlank(text, candidate.commentEnd, block.span.start)) {
      attached.set(block, candidate.span);
    } else if (block.kind === 'inline' && latest && block.span.start < paragraphEnd) {
      attached.set(block, latest.span);
    }
    if (block.kind !== 'inline') paragraphEnd = -1; // a display block or fence ends the paragraph
  }
  return attached;
}

/**
 * The end of the paragraph a comment heads: the next blank line (or the end of the text) when the
 * comment ends its line, else -1.
 */
function paragraphEndAfter(text: string, commentEnd: number): number {
  if (!/^[ \t]*(?:\r|\n)/.test(text.slice(commentEnd, commentEnd + 200))) return -1;
  const blank = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g;
  blank.lastIndex = commentEnd;
  const found = blank.exec(text);
  return found ? found.index : text.length;
}

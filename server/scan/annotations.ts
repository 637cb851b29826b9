// Attaches an annotation comment (`<!-- autodiff: ... -->`, `% autodiff: ...`) to the block that
// follows it when only whitespace lies between the two.
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

/** Both lists are in document order. Each annotation is used at most once. */
export function attachAnnotations(text: string, blocks: RawBlock[], annotations: RawAnnotation[]): Map<RawBlock, Span> {
  const attached = new Map<RawBlock, Span>();
  let next = 0;
  for (const block of blocks) {
    let candidate: RawAnnotation | undefined;
    while (next < annotations.length && annotations[next].commentEnd <= block.span.start) candidate = annotations[next++];
    // Later blocks see a larger gap that contains this block, so a candidate is tried only once.
    if (candidate && isBlank(text, candidate.commentEnd, block.span.start)) attached.set(block, candidate.span);
  }
  return attached;
}

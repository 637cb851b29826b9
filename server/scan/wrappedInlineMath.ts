// The closer of inline math that wraps onto the following lines of its paragraph (paragraphs.ts).
// Linear overall: lines found to hold no closer up to their paragraph's end are not searched again,
// so a paragraph full of unmatched `$` stays cheap.
import { LineMarks } from './inlineMarks';
import { continuesParagraph, mayWrap } from './paragraphs';
import { lineEndAt, nextLineStart } from './text';

export class WrappedInlineCloser {
  // Lines starting in [closerFreeFrom, closerFreeTo] were searched up to their paragraph's end: no closer.
  private closerFreeFrom = -1;
  private closerFreeTo = -1;

  constructor(private readonly text: string) {}

  /** For inline math opened on the line (or rest of a line) [lineStart, lineEnd) that holds no closer:
   *  the first closing `$` on the following lines of the same paragraph, or undefined. */
  closerAfter(lineStart: number, lineEnd: number): number | undefined {
    const { text } = this;
    if (lineEnd >= text.length || !mayWrap(text.slice(lineStart, lineEnd))) return undefined;
    const first = nextLineStart(text, lineEnd);
    if (first >= this.closerFreeFrom && first <= this.closerFreeTo) return undefined;
    let line = first;
    while (line < text.length) {
      const end = lineEndAt(text, line);
      if (!continuesParagraph(text.slice(line, end))) break;
      const close = new LineMarks(text, line, end).closingDollarAfter(line - 1);
      if (close !== undefined) return close;
      line = nextLineStart(text, end);
    }
    this.closerFreeFrom = first;
    this.closerFreeTo = line;
    return undefined;
  }
}

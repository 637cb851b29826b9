// Finds math in Markdown: `$$…$$`, `\[…\]`, bare `\begin{equation|align|gather}…\end{…}` (starred
// too: Jupyter and MathJax render them), inline `$…$` (pandoc's rule; it may wrap onto the next
// lines of its paragraph), ```autodiff fences, and annotation comments. Skips front matter, other
// fences, indented code, code spans, HTML comments and raw <pre>/<script>/<style> blocks. One
// left-to-right pass; every search jumps forward.
import { RawAnnotation, RawBlock, annotationIn } from './annotations';
import { frontMatterEnd } from './frontMatter';
import { LineMarks, canOpenInlineMath } from './inlineMarks';
import { LIST_ITEM, RAW_HTML_OPEN } from './paragraphs';
import { indentWidth, isBlank, lineEndAt, nextLineStart } from './text';
import { WrappedInlineCloser } from './wrappedInlineMath';

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const AUTODIFF_INFO = /^\{?\.?autodiff(?![\w-])/i;
const QUOTE_MARKERS = /^(?: {0,3}> ?)+/;
/** The display environments MathJax renders outside `$$` (SPEC §1); `\begin{` is already matched. */
const BARE_ENVIRONMENT = /^(equation|align|gather)\*?\}/;

export interface MarkdownScan { blocks: RawBlock[]; annotations: RawAnnotation[] }

export function scanMarkdown(text: string): MarkdownScan {
  return new MarkdownScanner(text).run();
}

class MarkdownScanner {
  private readonly blocks: RawBlock[] = [];
  private readonly annotations: RawAnnotation[] = [];
  // Once a `$$` or `\[` finds no closer, none exists later either: remember that instead of searching again.
  private noDisplayDollarCloser = false;
  private noBracketCloser = false;
  private readonly noEnvironmentCloser = new Set<string>();
  // The line the inline scan is on (it moves when a construct spans lines; then it starts where that
  // construct ended) and its closer index.
  private lineStart = 0;
  private lineEnd = 0;
  private marks: LineMarks | undefined;
  private readonly wrapped: WrappedInlineCloser;

  constructor(private readonly text: string) {
    this.wrapped = new WrappedInlineCloser(text);
  }

  run(): MarkdownScan {
    const { text } = this;
    let previousBlank = true;
    let inIndentedCode = false;
    let inList = false;
    for (let pos = frontMatterEnd(text); pos < text.length; ) {
      const end = lineEndAt(text, pos);
      const line = text.slice(pos, end);
      const blank = isBlank(text, pos, end);
      const indent = blank ? 0 : indentWidth(text, pos, end);
      if (!blank) {
        if (LIST_ITEM.test(line)) inList = true;
        else if (indent === 0 && previousBlank) inList = false;
      }
      const quote = QUOTE_MARKERS.exec(line);
      const fence = blank ? null : FENCE_OPEN.exec(quote ? line.slice(quote[0].length) : line);
      if (fence && (indent <= 3 || inList) && !(fence[1][0] === '`' && fence[2].includes('`'))) {
        pos = this.skipFence(pos, end, fence[1], fence[2].trim(), quote !== null);
        previousBlank = false; inIndentedCode = false;
        continue;
      }
      if (!blank && indent >= 4 && !inList && (previousBlank || inIndentedCode)) {
        inIndentedCode = true;
        pos = nextLineStart(text, end);
        continue;
      }
      if (!blank) inIndentedCode = false;
      const rawHtml = blank ? null : RAW_HTML_OPEN.exec(line);
      if (rawHtml) {
        pos = this.skipPastTag(rawHtml[1], pos);
        previousBlank = false;
        continue;
      }
      pos = nextLineStart(text, this.scanInline(pos, end));
      previousBlank = blank;
    }
    return { blocks: this.blocks, annotations: this.annotations };
  }

  /** Skips a fenced code block whose opening line is [pos, end); records it when its info is autodiff.
   *  A fence inside a blockquote also ends where the quote ends, and is never read as autodiff
   *  (its lines carry `>` markers). */
  private skipFence(pos: number, end: number, marker: string, info: string, quoted: boolean): number {
    const { text } = this;
    const contentStart = nextLineStart(text, end);
    for (let line = contentStart; line < text.length; ) {
      const lineEnd = lineEndAt(text, line);
      let candidate = text.slice(line, lineEnd);
      if (quoted) {
        const quote = QUOTE_MARKERS.exec(candidate);
        if (!quote) return line;
        candidate = candidate.slice(quote[0].length);
      }
      candidate = candidate.trim();
      if (candidate.length >= marker.length && candidate[0] === marker[0] && /^(`+|~+)$/.test(candidate)) {
        if (!quoted) this.recordFence(info, pos, contentStart, line, lineEnd, true);
        return nextLineStart(text, lineEnd);
      }
      line = nextLineStart(text, lineEnd);
    }
    // An unclosed fence runs to the end of the document (CommonMark).
    if (!quoted) this.recordFence(info, pos, contentStart, text.length, text.length, false);
    return text.length;
  }

  private recordFence(info: string, start: number, contentStart: number, closeLine: number, closeEnd: number, closed: boolean): void {
    if (!AUTODIFF_INFO.test(info)) return;
    const { text } = this;
    // The content ends at the end of the last content line, before its line terminator.
    let contentEnd = closed ? closeLine : text.length;
    if (closed && contentEnd > contentStart) {
      contentEnd--;
      if (text[contentEnd] === '\n' && text[contentEnd - 1] === '\r') contentEnd--;
    }
    contentEnd = Math.max(contentStart, Math.min(contentEnd, text.length));
    this.blocks.push({ kind: 'fence', span: { start, end: closeEnd }, content: { start: Math.min(contentStart, contentEnd), end: contentEnd } });
  }

  /** Offset just past the closing tag `tag` (case-insensitive, searched from `from`), or the end of the text. */
  private skipPastTag(tag: string, from: number): number {
    const pattern = new RegExp(`</${tag}>`, 'gi');
    pattern.lastIndex = from;
    const found = pattern.exec(this.text);
    return found ? found.index + found[0].length : this.text.length;
  }

  /** Scans [pos, end) for inline constructs. A multi-line construct (display math, a comment) moves
   *  the scan to the line where it ends; returns the end of the last line scanned. */
  private scanInline(pos: number, end: number): number {
    const { text } = this;
    this.lineStart = pos;
    this.lineEnd = end;
    this.marks = new LineMarks(text, pos, end);
    let i = pos;
    while (i < this.lineEnd) {
      const c = text[i];
      if (c === '\\') {
        if (text[i + 1] === '[' && !this.noBracketCloser) {
          const close = text.indexOf('\\]', i + 2);
          if (close < 0) { this.noBracketCloser = true; i += 2; continue; }
          this.addMath('display', i, i + 2, close, close + 2);
          i = this.jumpTo(close + 2);
          continue;
        }
        if (text.startsWith('begin{', i + 1)) {
          i = this.scanEnvironment(i);
          continue;
        }
        i += 2;
      } else if (c === '`') {
        let runEnd = i;
        while (runEnd < this.lineEnd && text[runEnd] === '`') runEnd++;
        const close = this.marks!.closingBackticks(i);
        i = close === undefined ? runEnd : close + (runEnd - i);
      } else if (c === '<' && text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        const bodyEnd = close < 0 ? text.length : close;
        const commentEnd = close < 0 ? text.length : close + 3;
        const annotation = annotationIn(text, i + 4, bodyEnd, commentEnd);
        if (annotation) this.annotations.push(annotation);
        i = this.jumpTo(commentEnd);
      } else if (c === '$' && text[i + 1] === '$') {
        const close = this.noDisplayDollarCloser ? -1 : text.indexOf('$$', i + 2);
        if (close < 0) { this.noDisplayDollarCloser = true; i += 2; continue; }
        this.addMath('display', i, i + 2, close, close + 2);
        i = this.jumpTo(close + 2);
      } else if (c === '$' && canOpenInlineMath(text, i, this.lineEnd)) {
        const close = this.marks!.closingDollarAfter(i) ?? this.wrapped.closerAfter(this.lineStart, this.lineEnd);
        if (close === undefined) { i++; continue; }
        this.addMath('inline', i, i + 1, close, close + 1);
        i = this.jumpTo(close + 1);
      } else {
        i++;
      }
    }
    return this.lineEnd;
  }

  /** A bare math environment opening at `start` (`\begin{…`): records it and continues past its
   *  `\end{…}`; anything else (another environment, no closer) is skipped as text. */
  private scanEnvironment(start: number): number {
    const { text } = this;
    const nameStart = start + '\\begin{'.length;
    const env = BARE_ENVIRONMENT.exec(text.slice(nameStart, nameStart + 10));
    if (!env) return nameStart;
    const name = env[0].slice(0, -1);
    const contentStart = nameStart + env[0].length;
    const endTag = `\\end{${name}}`;
    const close = this.noEnvironmentCloser.has(name) ? -1 : text.indexOf(endTag, contentStart);
    if (close < 0) { this.noEnvironmentCloser.add(name); return contentStart; }
    this.addMath('environment', start, contentStart, close, close + endTag.length);
    return this.jumpTo(close + endTag.length);
  }

  /** Continues the inline scan at `to`; when that is on a later line, that line becomes the current one. */
  private jumpTo(to: number): number {
    if (to > this.lineEnd) {
      this.lineStart = to;
      this.lineEnd = lineEndAt(this.text, to);
      this.marks = new LineMarks(this.text, to, this.lineEnd);
    }
    return to;
  }

  private addMath(kind: 'display' | 'inline' | 'environment', start: number, contentStart: number, contentEnd: number, end: number): void {
    if (isBlank(this.text, contentStart, contentEnd)) return;   // `$$ $$` holds nothing to analyse
    this.blocks.push({ kind, span: { start, end }, content: { start: contentStart, end: contentEnd } });
  }
}

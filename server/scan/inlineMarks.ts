// Per-line indexes that let the Markdown scanner find closers in linear time: a line with
// thousands of unmatched `$` or backticks must not make the scan quadratic.
import { isSpace } from './text';

function isDigit(c: string | undefined): boolean { return c !== undefined && c >= '0' && c <= '9'; }

/** Pandoc's rule for inline math: the opening `$` is followed by a non-space character. */
export function canOpenInlineMath(text: string, at: number, lineEnd: number): boolean {
  return at + 1 < lineEnd && !isSpace(text[at + 1]) && text[at + 1] !== '$';
}

export class LineMarks {
  private closers: number[] | undefined;
  private closerCursor = 0;
  private nextRunOfSameLength: Map<number, number> | undefined;

  constructor(private readonly text: string, private readonly start: number, private readonly end: number) {}

  /** The first `$` after `opener` that can close inline math: not escaped, a non-space character
   *  before it, no digit right after it (so "costs $5 and $6" holds no math). */
  closingDollarAfter(opener: number): number | undefined {
    const closers = this.closers ?? (this.closers = this.findClosers());
    while (this.closerCursor < closers.length && closers[this.closerCursor] <= opener + 1) this.closerCursor++;
    return closers[this.closerCursor];
  }

  /** For a backtick run starting at `run` of length `length`: the start of the next run of exactly
   *  that length on this line (the code span's end), or undefined. */
  closingBackticks(run: number): number | undefined {
    const next = this.nextRunOfSameLength ?? (this.nextRunOfSameLength = this.indexBacktickRuns());
    return next.get(run);
  }

  private findClosers(): number[] {
    const { text } = this;
    const found: number[] = [];
    for (let i = this.start; i < this.end; i++) {
      const c = text[i];
      if (c === '\\') { i++; continue; }
      if (c === '$' && !isSpace(text[i - 1]) && text[i - 1] !== '$' && text[i + 1] !== '$' && !isDigit(text[i + 1])) found.push(i);
    }
    return found;
  }

  private indexBacktickRuns(): Map<number, number> {
    const runs: Array<{ at: number; length: number }> = [];
    for (let i = this.start; i < this.end; ) {
      if (this.text[i] !== '`') { i++; continue; }
      let j = i;
      while (j < this.end && this.text[j] === '`') j++;
      runs.push({ at: i, length: j - i });
      i = j;
    }
    const next = new Map<number, number>();
    const lastByLength = new Map<number, number>();
    for (let r = runs.length - 1; r >= 0; r--) {
      const later = lastByLength.get(runs[r].length);
      if (later !== undefined) next.set(runs[r].at, later);
      lastByLength.set(runs[r].length, runs[r].at);
    }
    return next;
  }
}

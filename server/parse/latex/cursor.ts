// A cursor over LaTeX tokens with the parser's guards: a hard limit (the end of the equation
// being read), a nesting limit, and `Bail` to give up on one equation without throwing out.
import type { Span } from '../ast';
import { EQUATION_ENVIRONMENTS } from './commands';
import type { LatexToken } from './tokens';

/** Thrown inside the parser to abandon the current equation; caught per equation. */
export class Bail {
  constructor(readonly reason: string, readonly span: Span) {}
}

export const MAX_NESTING = 300;

export class TokenCursor {
  pos = 0;
  limit: number;
  lastEnd: number;
  private nesting = 0;
  /** Inside a matrix `&` separates cells; elsewhere it only aligns and is skipped. */
  matrixDepth = 0;
  /** Inside |…| a bar closes rather than opens. */
  barDepth = 0;

  constructor(readonly tokens: LatexToken[]) {
    this.limit = tokens.length - 1;   // the eof token
    this.lastEnd = tokens[0]?.start ?? 0;
  }

  /** The token k places ahead, skipping alignment marks; the eof token past the limit. */
  peek(k = 0): LatexToken {
    let index = this.pos;
    for (;;) {
      index = this.skipTransparent(index);
      if (k === 0 || index >= this.limit) break;
      index++; k--;
    }
    return index >= this.limit ? this.eofAt(index) : this.tokens[index];
  }

  /** Index of the next significant token. */
  index(): number { return Math.min(this.skipTransparent(this.pos), this.limit); }

  next(): LatexToken {
    const at = this.index();
    if (at >= this.limit) return this.eofAt(at);
    const token = this.tokens[at];
    this.pos = at + 1;
    this.lastEnd = token.end;
    return token;
  }

  atEnd(): boolean { return this.index() >= this.limit; }

  isSymbol(value: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'symbol' && t.value === value; }
  isCommand(value: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'command' && t.value === value; }

  expectSymbol(value: string, context: string): LatexToken {
    if (!this.isSymbol(value)) this.fail(`expected '${value}' ${context}`);
    return this.next();
  }

  fail(reason: string, span?: Span): never {
    const t = this.peek();
    throw new Bail(reason, span ?? { start: t.start, end: Math.max(t.end, t.start) });
  }

  /** Runs `parse` one nesting level deeper; too deep a formula is abandoned, not a stack overflow. */
  nested<T>(parse: () => T): T {
    if (this.nesting >= MAX_NESTING) this.fail(`nesting deeper than ${MAX_NESTING} levels`);
    this.nesting++;
    try { return parse(); } finally { this.nesting--; }
  }

  /** Runs `parse` with the cursor limited to token index `limit` (exclusive). */
  within<T>(limit: number, parse: () => T): T {
    const saved = this.limit;
    this.limit = Math.min(limit, saved);
    try { return parse(); } finally { this.limit = saved; }
  }

  span(start: number): Span { return { start, end: Math.max(start, this.lastEnd) }; }

  private skipTransparent(index: number): number {
    while (index < this.limit) {
      const t = this.tokens[index];
      const alignment = t.kind === 'symbol' && t.value === '&' && this.matrixDepth === 0;
      if (!alignment && !isEquationEnvironmentMark(t)) break;
      index++;
    }
    return index;
  }

  private eofAt(index: number): LatexToken {
    const start = this.tokens[Math.min(index, this.tokens.length - 1)].start;
    return { kind: 'eof', value: '', start, end: start, spaceBefore: true, breakBefore: true };
  }
}

/** `\begin{aligned}` and the like only group equations: the cursor reads through them. */
export function isEquationEnvironmentMark(t: LatexToken): boolean {
  return (t.kind === 'begin' || t.kind === 'end') && EQUATION_ENVIRONMENTS.has(t.value);
}

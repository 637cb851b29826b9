// Big operators with a bound index (`\sum_{j=1}^{n}`, `\prod_i`) and matrices (`\begin{bmatrix}`).
import type { Expr, Span } from '../ast';
import { Bail } from './cursor';
import type { LatexParser } from './parser';
import { unsupported } from './parser';

/** Skips `_…` and `^…` after an operator we do not evaluate (`\lim_{x \to 0}`, `\int_0^1`). */
export function skipScripts(p: LatexParser): void {
  while (p.isSymbol('_') || p.isSymbol('^')) {
    p.next();
    p.skipScriptArgument();
  }
}

interface Bounds { index?: string; lower?: Expr; upper?: Expr; problem?: string; subscriptEnd: number }

export function parseReduce(p: LatexParser, op: 'sum' | 'prod'): Expr {
  const start = p.next().start;
  const bounds: Bounds = { subscriptEnd: p.lastEnd };
  for (let scripts = 0; scripts < 2; scripts++) {
    if (p.isSymbol('_')) readLowerBound(p, bounds);
    else if (p.isSymbol('^')) { p.next(); bounds.upper = p.parseScriptArgument(); }
  }
  if (!p.startsFactor(p.peek())) p.fail(`expected what \\${op} runs over`);
  const body = p.parseTerm();
  const span = p.span(start);
  if (bounds.problem) return unsupported(span, bounds.problem);
  if (bounds.index === undefined) return unsupported(span, `a \\${op} without an index is not evaluable`);
  const implicit: Span = { start: bounds.subscriptEnd, end: bounds.subscriptEnd };
  const lower = bounds.lower ?? { kind: 'number', span: implicit, value: 1 };
  const upper = bounds.upper ?? unsupported(implicit, 'implicit upper bound');
  return { kind: 'reduce', span, op, index: bounds.index, lower, upper, body };
}

/** `_j`, `_{j}`, `_{j=1}`; a set (`_{j \in S}`) or several indices are not evaluable. */
function readLowerBound(p: LatexParser, bounds: Bounds): void {
  p.next();
  if (!p.isSymbol('{')) {
    const t = p.peek();
    if (t.kind === 'letter' || t.kind === 'command') bounds.index = p.parseName().name;
    else { p.skipScriptArgument(); bounds.problem = 'this index is not understood'; }
    bounds.subscriptEnd = p.lastEnd;
    return;
  }
  const open = p.index();
  const close = p.tokens[open].partner!;
  try {
    p.next();
    p.within(close, () => {
      bounds.index = p.parseName().name;
      if (p.isSymbol('=')) { p.next(); bounds.lower = p.parseExpression(); }
      if (!p.atEnd()) bounds.problem = 'a sum or product over a set is not evaluable';
    });
  } catch (error) {
    if (!(error instanceof Bail)) throw error;
    bounds.problem = 'this index is not understood';
  }
  p.pos = close + 1;
  p.lastEnd = p.tokens[close].end;
  bounds.subscriptEnd = p.lastEnd;
}

/** `\begin{bmatrix} a & b \\ c & d \end{bmatrix}` -> array of row arrays. */
export function parseMatrix(p: LatexParser): Expr {
  const begin = p.next();
  if (begin.partner === undefined) p.fail(`\\begin{${begin.value}} has no \\end{${begin.value}}`);
  const endToken = p.tokens[begin.partner];
  const rows: Expr[] = [];
  p.matrixDepth++;
  try {
    p.within(begin.partner, () => {
      let cells: Expr[] = [];
      const endRow = (): void => {
        if (cells.length > 0) rows.push({ kind: 'array', span: { start: cells[0].span.start, end: cells[cells.length - 1].span.end }, rows: cells });
        cells = [];
      };
      while (!p.atEnd()) {
        if (p.isSymbol('&')) { p.next(); continue; }
        if (p.isCommand('\\')) { p.next(); endRow(); continue; }
        cells.push(p.parseExpression());
        if (!p.atEnd() && !p.isSymbol('&') && !p.isCommand('\\')) p.fail(`unexpected '${p.peek().value}' in a matrix`);
      }
      endRow();
    });
  } finally {
    p.matrixDepth--;
  }
  p.pos = begin.partner + 1;
  p.lastEnd = endToken.end;
  return { kind: 'array', span: { start: begin.start, end: endToken.end }, rows };
}

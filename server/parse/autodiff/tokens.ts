// Tokenizer of the autodiff language (numpy-like). Never throws: a stray character becomes an error.
import type { ParseError } from '../ast';

export type AutodiffTokenKind = 'number' | 'name' | 'op' | 'newline' | 'eof';
export interface AutodiffToken { kind: AutodiffTokenKind; value: string; start: number; end: number }

const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '+', '-', '*', '/', '@', '%', '=', '(', ')', '[', ']', ',', ':', '.', ';', '<', '>'];
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export function tokenizeAutodiff(source: string, offset: number): { tokens: AutodiffToken[]; errors: ParseError[] } {
  const tokens: AutodiffToken[] = [];
  const errors: ParseError[] = [];
  const push = (kind: AutodiffTokenKind, start: number, end: number): void => {
    tokens.push({ kind, value: source.slice(start, end), start: offset + start, end: offset + end });
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') { i++; continue; }
    if (c === '\n' || c === '\r') {
      const width = c === '\r' && source[i + 1] === '\n' ? 2 : 1;
      push('newline', i, i + width);
      i += width;
      continue;
    }
    if (c === '#') { while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++; continue; }
    if (c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) { i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2; continue; }
    const matched = matchAt(NUMBER, source, i) ?? (/[A-Za-z_]/.test(c) ? matchAt(NAME, source, i) : undefined);
    if (matched !== undefined) {
      push(/[A-Za-z_]/.test(c) ? 'name' : 'number', i, matched);
      i = matched;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) { push('op', i, i + op.length); i += op.length; continue; }
    const width = (source.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    errors.push({ span: { start: offset + i, end: offset + i + width }, message: `unexpected character '${source.slice(i, i + width)}'` });
    i += width;
  }
  tokens.push({ kind: 'eof', value: '', start: offset + source.length, end: offset + source.length });
  return { tokens, errors };
}

function matchAt(pattern: RegExp, source: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source) ? pattern.lastIndex : undefined;
}

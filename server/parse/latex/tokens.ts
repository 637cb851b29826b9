// LaTeX tokenizer for the math subset. Linear, never throws. Drops layout commands, reads
// `\mathrm{word}`-style arguments as one word and `\text{...}` as one text token, pairs braces.
import {
  BOLD_FACES, DROPPED_WITH_ARGUMENT, FACE_COMMANDS, LAYOUT_COMMANDS, MATH_WORD_STYLES, SEPARATING_SPACES, TEXT_STYLES,
} from './commands';

export type LatexTokenKind = 'number' | 'letter' | 'command' | 'symbol' | 'word' | 'text' | 'begin' | 'end' | 'other' | 'eof';

export interface LatexToken {
  kind: LatexTokenKind;
  /** number: its digits; letter: the letter; command: the name without backslash (`\\` -> '\\');
   *  symbol: the character(s); word/text: the argument; begin/end: the environment name. */
  value: string;
  start: number; end: number;      // absolute offsets
  spaceBefore: boolean;            // whitespace separates it from the previous token
  breakBefore: boolean;            // a line break or `\quad` separates it from the previous token
  style?: string;                  // word/text: the command that wrapped the argument (mathrm, operatorname, text, ...)
  partner?: number;                // '{' '}' and begin/end: index of the matching token
  sized?: 'left' | 'right';        // the delimiter came after \left or \right
  bold?: true;                     // letter or command: written in a bold face (`\mathbf{h}`, `\boldsymbol\theta`)
}

export interface Tokenized { tokens: LatexToken[]; unbalanced?: { start: number; end: number; message: string } }

const SYMBOLS = new Set(['+', '-', '*', '/', '=', '(', ')', '[', ']', '{', '}', '^', '_', '&', '|', ',', "'", '!', '<', '>', ':', ';', '.']);
const FRACTIONS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);

function isLetter(c: string): boolean { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
function isDigit(c: string | undefined): boolean { return c !== undefined && c >= '0' && c <= '9'; }
function isUnicodeLetter(c: string): boolean { return c.charCodeAt(0) > 127 && /\p{L}/u.test(c); }

export function tokenizeLatex(source: string, offset: number): Tokenized {
  const tokens: LatexToken[] = [];
  let i = 0;
  let spaceBefore = false;
  let breakBefore = false;
  // After `_`, `^` (one) or `\frac` (two) a bare digit string gives only single-digit arguments: x_12 is x_1 times 2.
  let singleDigitArguments = 0;
  let sized: 'left' | 'right' | undefined;
  // A bold face marks the letters and commands of its group (up to `boldUntil`), or the one token after it.
  let boldUntil = -1;
  let boldNext = false;
  // Where the face wrapping the next token began (FACE_COMMANDS), or -1.
  let faceStart = -1;

  const push = (kind: LatexTokenKind, value: string, start: number, end: number, style?: string): void => {
    const token: LatexToken = { kind, value, start: offset + (faceStart >= 0 ? faceStart : start), end: offset + end, spaceBefore, breakBefore };
    faceStart = -1;
    if (style !== undefined) token.style = style;
    if (sized !== undefined) token.sized = sized;
    if ((kind === 'letter' || kind === 'command') && (boldNext || start < boldUntil)) token.bold = true;
    boldNext = false;
    tokens.push(token);
    spaceBefore = false; breakBefore = false; sized = undefined;
  };

  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') { spaceBefore = true; i++; continue; }
    if (c === '\n' || c === '\r') { spaceBefore = true; breakBefore = true; i++; continue; }
    if (c === '%') { while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++; continue; }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      const start = i;
      if (singleDigitArguments > 0 && isDigit(c)) { singleDigitArguments--; push('number', c, i, i + 1); i++; continue; }
      while (isDigit(source[i])) i++;
      if (source[i] === '.' && isDigit(source[i + 1])) { i++; while (isDigit(source[i])) i++; }
      push('number', source.slice(start, i), start, i);
      continue;
    }
    const argumentBudget = singleDigitArguments;
    singleDigitArguments = 0;
    if (c === '\\') { i = readCommand(i, argumentBudget); continue; }
    if (isLetter(c) || isUnicodeLetter(c)) { push('letter', c, i, i + 1); i++; continue; }
    if (c === ':' && source[i + 1] === '=') { push('symbol', ':=', i, i + 2); i += 2; continue; }
    if (c === '~') { spaceBefore = true; i++; continue; }
    if (SYMBOLS.has(c)) {
      push('symbol', c, i, i + 1);
      if (c === '_' || c === '^') singleDigitArguments = 1;
      i++;
      continue;
    }
    const width = c.codePointAt(0)! > 0xffff ? 2 : 1;
    push('other', source.slice(i, i + width), i, i + width);
    i += width;
  }
  const unbalanced = pairBraces(tokens);
  tokens.push({ kind: 'eof', value: '', start: offset + source.length, end: offset + source.length, spaceBefore, breakBefore: true });
  return unbalanced ? { tokens, unbalanced } : { tokens };

  function readCommand(start: number, argumentBudget: number): number {
    let end = start + 1;
    if (end >= source.length) { push('other', '\\', start, end); return end; }
    if (!isLetter(source[end])) {
      const value = source[end];
      end++;
      if (LAYOUT_COMMANDS.has(value)) { spaceBefore = true; return end; }
      push('command', value, start, end);
      return end;
    }
    while (end < source.length && isLetter(source[end])) end++;
    const name = source.slice(start + 1, end);
    if (name === 'left' || name === 'right') {
      const next = skipSpaces(end);   // no spaceBefore: f\left(x\right) is still a call
      if (source[next] === '.') return next + 1;               // \left. and \right. draw nothing
      sized = name;
      return end;
    }
    if (FACE_COMMANDS.has(name)) {
      if (faceStart < 0) faceStart = start;
      if (BOLD_FACES.has(name)) {
        const group = skipGroup(end);
        if (group.end > end) boldUntil = Math.max(boldUntil, group.contentEnd); else boldNext = true;
      }
    }
    if (LAYOUT_COMMANDS.has(name) || FACE_COMMANDS.has(name)) { spaceBefore = true; singleDigitArguments = argumentBudget; return end; }
    if (SEPARATING_SPACES.has(name) || DROPPED_WITH_ARGUMENT.has(name)) {
      if (SEPARATING_SPACES.has(name)) breakBefore = true;
      spaceBefore = true;
      return DROPPED_WITH_ARGUMENT.has(name) ? skipGroup(end).end : end;
    }
    if (name === 'newline' || name === 'cr') { push('command', '\\', start, end); return end; }
    if (name === 'begin' || name === 'end') {
      const env = /^\s*\{\s*([A-Za-z]+\*?)\s*\}/.exec(source.slice(end, end + 48));
      if (env) { push(name, env[1], start, end + env[0].length); return end + env[0].length; }
      push('command', name, start, end);
      return end;
    }
    if (TEXT_STYLES.has(name)) {
      const group = skipGroup(end);
      push('text', source.slice(group.contentStart, group.contentEnd), start, group.end, name);
      return group.end;
    }
    if (MATH_WORD_STYLES.has(name)) {
      const afterStar = name === 'operatorname' && source[skipSpaces(end)] === '*' ? skipSpaces(end) + 1 : end;
      const group = skipGroup(afterStar);
      const word = source.slice(group.contentStart, group.contentEnd).trim();
      if (group.end > afterStar && /^(?:[A-Za-z0-9]+|\\[A-Za-z]+)$/.test(word)) {
        push('word', word, start, group.end, name);
        return group.end;
      }
      if (name === 'mathrm' || name === 'mathit' || name === 'mathtt') { spaceBefore = true; return end; }   // complex content: a plain wrapper
    }
    push('command', name, start, end);
    if (FRACTIONS.has(name)) singleDigitArguments = 2;
    if (name === 'sqrt') singleDigitArguments = 1;
    return end;
  }

  function skipSpaces(from: number): number {
    while (from < source.length && (source[from] === ' ' || source[from] === '\t' || source[from] === '\n' || source[from] === '\r')) from++;
    return from;
  }

  /** The brace group starting at `from` (after spaces): its content and end. Without a group, an empty range at `from`. */
  function skipGroup(from: number): { contentStart: number; contentEnd: number; end: number } {
    const open = skipSpaces(from);
    if (source[open] !== '{') return { contentStart: from, contentEnd: from, end: from };
    let depth = 0;
    for (let j = open; j < source.length; j++) {
      const c = source[j];
      if (c === '\\') { j++; continue; }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return { contentStart: open + 1, contentEnd: j, end: j + 1 };
    }
    return { contentStart: open + 1, contentEnd: source.length, end: source.length };
  }
}

/** Sets `partner` on matching braces and environments; reports the first unmatched brace.
 *  An unmatched \begin or \end only stays without partner (the parser reads it as not evaluable). */
function pairBraces(tokens: LatexToken[]): Tokenized['unbalanced'] {
  const open: number[] = [];
  const environments: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'begin') environments.push(k);
    if (t.kind === 'end' && environments.length > 0 && tokens[environments[environments.length - 1]].value === t.value) {
      const b = environments.pop()!;
      tokens[b].partner = k; t.partner = b;
    }
    if (t.kind !== 'symbol') continue;
    if (t.value === '{') open.push(k);
    else if (t.value === '}') {
      const o = open.pop();
      if (o === undefined) return { start: t.start, end: t.end, message: "unmatched '}'" };
      tokens[o].partner = k; t.partner = o;
    }
  }
  if (open.length > 0) {
    const t = tokens[open[open.length - 1]];
    return { start: t.start, end: t.end, message: "'{' is never closed" };
  }
  return undefined;
}

// parseAnnotation (Contract 2): `x_1 = 2, x_2 = 5, \theta: 4, W: 3x2, W = [[1, 2], [3, 4]]`.
// Names are read as LaTeX (so they match the names in the formulas), values in the autodiff language,
// shapes as `4`, `3x2`, `3×2`, `(3, 2)` or `scalar`.
import type { Expr, ParseError, Span } from './ast';
import { AutodiffParser } from './autodiff/parser';
import { tokenizeAutodiff } from './autodiff/tokens';
import { describePosition } from './autodiff';
import { Bail } from './latex/cursor';
import { LatexParser } from './latex/parser';
import { tokenizeLatex } from './latex/tokens';

export interface AnnotationBinding { name: string; span: Span; value?: Expr; shape?: number[] }
export interface ParsedAnnotation { bindings: AnnotationBinding[]; errors: ParseError[] }

/** `boldApart`: as for the block's formulas (parseLatex), so `\mathbf{h} = [1, 2]` binds the bold h. */
export function parseAnnotation(text: string, offset: number, boldApart?: ReadonlySet<string>): ParsedAnnotation {
  const result: ParsedAnnotation = { bindings: [], errors: [] };
  try {
    for (const [start, end] of splitItems(text)) readItem(text, offset, start, end, result, boldApart);
  } catch (error) {
    result.errors.push({ span: { start: offset, end: offset + text.length }, message: `internal parser error: ${String(error)}` });
  }
  return result;
}

/** [start, end) of each item: separated by commas, semicolons or newlines outside brackets. */
function splitItems(text: string): Array<[number, number]> {
  const items: Array<[number, number]> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (i === text.length || (depth === 0 && (c === ',' || c === ';' || c === '\n' || c === '\r'))) {
      if (text.slice(from, i).trim()) items.push([from, i]);
      from = i + 1;
    }
  }
  return items;
}

function readItem(text: string, offset: number, start: number, end: number, result: ParsedAnnotation, boldApart?: ReadonlySet<string>): void {
  const item = text.slice(start, end);
  const at = separatorIn(item);
  const itemSpan = trimmedSpan(text, offset, start, end);
  if (at < 0) {
    result.errors.push({ span: itemSpan, message: `expected '=' and a value (x_1 = 2) or ':' and a shape (W: 3x2) in '${item.trim()}'` });
    return;
  }
  const nameSpan = trimmedSpan(text, offset, start, start + at);
  const name = readName(text.slice(nameSpan.start - offset, nameSpan.end - offset), nameSpan.start, boldApart);
  if (name === undefined) {
    result.errors.push({ span: nameSpan.end > nameSpan.start ? nameSpan : itemSpan, message: `expected a name such as x_1 or \\theta before '${item[at]}'` });
    return;
  }
  const rest = trimmedSpan(text, offset, start + at + 1, end);
  const restText = text.slice(rest.start - offset, rest.end - offset);
  if (item[at] === ':') {
    const shape = readShape(restText);
    if (shape) result.bindings.push({ name, span: nameSpan, shape });
    else result.errors.push({ span: rest.end > rest.start ? rest : itemSpan, message: `expected a shape such as 4, 3x2 or scalar after '${name}:'` });
    return;
  }
  const { tokens, errors } = tokenizeAutodiff(restText, rest.start);
  const parser = new AutodiffParser(tokens, describePosition(text, offset));
  const value = errors.length === 0 ? parser.parseSingleExpression() : undefined;
  result.errors.push(...errors, ...parser.errors);
  if (value) result.bindings.push({ name, span: nameSpan, value });
}

/** Index of the first '=' or ':' outside brackets (`:=` counts as '='). */
function separatorIn(item: string): number {
  let depth = 0;
  for (let i = 0; i < item.length; i++) {
    const c = item[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === ':' && item[i + 1] === '=') return i + 1;
    else if (depth === 0 && (c === '=' || c === ':')) return i;
  }
  return -1;
}

/** The canonical LaTeX name written in `source` (x_{1} -> x_1), else an autodiff identifier (lr, x1),
 *  or undefined when it is neither. */
function readName(source: string, offset: number, boldApart?: ReadonlySet<string>): string | undefined {
  if (!source) return undefined;
  const latex = readLatexName(source, offset, boldApart);
  if (latex !== undefined) return latex;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(source) ? source : undefined;
}

function readLatexName(source: string, offset: number, boldApart?: ReadonlySet<string>): string | undefined {
  const { tokens, unbalanced } = tokenizeLatex(source, offset);
  if (unbalanced) return undefined;
  const parser = new LatexParser(tokens, source, offset, boldApart);
  const first = parser.peek();
  const grouped = first.kind === 'symbol' && first.value === '{';   // `\mathbf{h}`, `{W}^{(1)}`
  if (first.kind !== 'letter' && first.kind !== 'command' && first.kind !== 'word' && !grouped) return undefined;
  try {
    const name = grouped ? parser.parsePostfix() : parser.parseName();
    return name.kind === 'name' && parser.atEnd() ? name.name : undefined;
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}

function readShape(text: string): number[] | undefined {
  const inner = text.trim().replace(/^[([]\s*(.*?)\s*[)\]]$/, '$1');
  if (inner === '' || inner === 'scalar') return [];
  const parts = inner.split(/\s*(?:x|×|\*|,|\\times)\s*/);
  if (!parts.every((p) => /^\d{1,9}$/.test(p))) return undefined;
  return parts.map(Number);
}

function trimmedSpan(text: string, offset: number, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start: offset + start, end: offset + end };
}

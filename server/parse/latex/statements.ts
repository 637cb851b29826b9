// The statement level of a LaTeX block: splitting it into equations (`\\`, top-level commas,
// a new line that starts a new equation) and turning each into assignments, relations or shapes.
// A comma inside a list of declared names (`x, y \in \mathbb{R}^n`) does not split.
import { poweredName, type Expr, type Span, type Stmt } from '../ast';
import { Bail, isEquationEnvironmentMark } from './cursor';
import { declarationAhead, readListDeclaration, readShape } from './declarations';
import { LatexParser, unsupported } from './parser';
import { relationOf } from './relations';
import type { LatexToken } from './tokens';

export interface StatementsResult { statements: Stmt[]; unsupported?: { span: Span; reason: string } }

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);
const CONTINUING_SYMBOLS = new Set(['+', '-', '*', '/', '=', ':=', '<', '>', '^', '_', '(', '[', '{', ',', '&']);
const CONTINUING_COMMANDS = new Set(['cdot', 'times', 'div', 'frac', 'dfrac', 'tfrac', 'sqrt']);

export function parseStatements(p: LatexParser): StatementsResult {
  const result: StatementsResult = { statements: [] };
  let previousSide: Expr | undefined;
  for (const [from, to] of splitEquations(p.tokens)) {
    p.pos = from;
    p.limit = to;
    if (p.atEnd()) continue;
    const startToken = p.peek();
    try {
      const { statements, lastSide } = readEquation(p, previousSide);
      result.statements.push(...statements);
      previousSide = lastSide;
    } catch (error) {
      if (!(error instanceof Bail)) throw error;
      const span = { start: startToken.start, end: p.tokens[to - 1].end };
      result.statements.push({ kind: 'expr', span, value: unsupported(span, error.reason) });
      result.unsupported ??= { span: error.span, reason: error.reason };
      previousSide = undefined;
    }
  }
  return result;
}

/** Token ranges [from, to) of the equations, in order. */
export function splitEquations(tokens: LatexToken[]): Array<[number, number]> {
  const end = tokens.length - 1;   // the eof token
  const depthBefore = new Int32Array(end + 1);
  const lineOf = new Int32Array(end + 1);
  const lineHasRelation: boolean[] = [false];
  let depth = 0;
  let line = 0;
  for (let k = 0; k < end; k++) {
    const t = tokens[k];
    if (t.breakBefore && depth === 0 && k > 0) { line++; lineHasRelation.push(false); }
    depthBefore[k] = depth;
    lineOf[k] = line;
    if (isOpener(t)) depth++;
    else if (isCloser(t)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && relationOf(t) !== undefined && relationOf(t) !== ':') lineHasRelation[line] = true;
  }
  const declares = declarationAhead(tokens, depthBefore, end);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let currentHasRelation = false;
  let relationSinceFrom = false;
  for (let k = 0; k < end; k++) {
    const t = tokens[k];
    if (depthBefore[k] !== 0) continue;
    const comma = t.kind === 'symbol' && t.value === ',';
    if (comma && k > from && !relationSinceFrom && declares[k]) continue;   // `x, y \in \mathbb{R}^n`
    const separator = comma || (t.kind === 'command' && t.value === '\\') || (t.kind === 'symbol' && t.value === ';') || (isJoiningWord(t) && k > from);
    if (separator) {
      if (k > from) ranges.push([from, k]);
      from = k + 1;
      currentHasRelation = false;
      relationSinceFrom = false;
      continue;
    }
    const newEquation = k > from && t.breakBefore && currentHasRelation && lineHasRelation[lineOf[k]] && !continues(tokens[k - 1]) && !continues(t);
    if (newEquation) {
      ranges.push([from, k]);
      from = k;
      currentHasRelation = false;
      relationSinceFrom = false;
    }
    if (lineHasRelation[lineOf[k]]) currentHasRelation = true;
    if (relationOf(t) !== undefined) relationSinceFrom = true;
  }
  if (end > from) ranges.push([from, end]);
  return ranges;
}

/** `\text{where}`, `\text{with}`, `\text{and}` between equations: the ones after it define names the first uses. */
const JOINING_WORDS = new Set(['where', 'with', 'and']);

function isJoiningWord(t: LatexToken): boolean {
  return t.kind === 'text' && JOINING_WORDS.has(t.value.replace(/[,;:]/g, '').trim().toLowerCase());
}

function isOpener(t: LatexToken): boolean {
  return (t.kind === 'symbol' && OPENERS.has(t.value)) || (t.kind === 'command' && t.value === '{') || (t.kind === 'begin' && !isEquationEnvironmentMark(t));
}

function isCloser(t: LatexToken): boolean {
  return (t.kind === 'symbol' && CLOSERS.has(t.value)) || (t.kind === 'command' && t.value === '}') || (t.kind === 'end' && !isEquationEnvironmentMark(t));
}

/** Whether a line ending or starting with `t` continues the equation around it. */
function continues(t: LatexToken): boolean {
  if (t.kind === 'symbol') return CONTINUING_SYMBOLS.has(t.value);
  return t.kind === 'command' && (CONTINUING_COMMANDS.has(t.value) || relationOf(t) !== undefined);
}

/** One equation: sides joined by relations. `previousSide` continues an aligned chain (`&= …`). */
function readEquation(p: LatexParser, previousSide: Expr | undefined): { statements: Stmt[]; lastSide: Expr } {
  const sides: Expr[] = [];
  const relations: string[] = [];
  const statements: Stmt[] = [];
  if (relationOf(p.peek()) !== undefined && previousSide) sides.push(previousSide);
  else sides.push(p.parseExpression());
  // Only a list of declared names keeps a top-level comma here (splitEquations). The list ends the
  // equation: in `x, y \in \mathbb{R} = 3` the `=` is unexpected.
  const listed = p.isSymbol(',');
  if (listed) statements.push(...readListDeclaration(p, sides[0]));
  for (let op = listed ? undefined : relationOf(p.peek()); op !== undefined; op = relationOf(p.peek())) {
    p.next();
    const shape = op === '\\in' ? readShape(p, sides[sides.length - 1]) : undefined;
    if (shape) { statements.push(shape); continue; }
    relations.push(op);
    sides.push(p.parseExpression());
  }
  skipTrailingPunctuation(p);
  if (!p.atEnd()) p.fail(`unexpected '${p.peek().value}'`);
  if (relations.length === 0 && statements.length === 0) statements.push({ kind: 'expr', span: sides[0].span, value: sides[0] });
  for (let i = 0; i < relations.length; i++) statements.push(toStatement(relations[i], sides[i], sides[i + 1]));
  return { statements, lastSide: sides[sides.length - 1] };
}

function skipTrailingPunctuation(p: LatexParser): void {
  while (p.isSymbol('.') || p.isSymbol(',') || p.isSymbol(';')) p.next();
}

function toStatement(op: string, left: Expr, right: Expr): Stmt {
  const span = { start: left.span.start, end: right.span.end };
  if (op !== '=' && op !== ':=') return { kind: 'relation', span, op, left, right };
  // f(\theta) = … defines f with parameter \theta when every argument is a plain name.
  if (left.kind === 'call' && left.args.length > 0 && left.args.every((a) => a.kind === 'name')) {
    const params = left.args.map((a) => ({ name: (a as Extract<Expr, { kind: 'name' }>).name, span: a.span }));
    const target: Expr = left.component
      ? { kind: 'name', span: left.fnSpan, name: nameWithComponent(left), base: left.fn, subscript: [left.component] }
      : { kind: 'name', span: left.fnSpan, name: left.fn, base: left.fn };
    return { kind: 'assign', span, target, params, op, value: right };
  }
  // `\sigma^2 = \frac{1}{d} \sum_i (x_i - \mu)^2` names the variance σ², not σ (analysis: a later σ² reads it).
  if (left.kind === 'binary' && left.op === '^' && left.left.kind === 'name' && left.right.kind === 'number') {
    const name = poweredName(left.left.name, left.right.value);
    return { kind: 'assign', span, target: { kind: 'name', span: left.span, name, base: name }, op, value: right };
  }
  return { kind: 'assign', span, target: left, op, value: right };
}

function nameWithComponent(call: Extract<Expr, { kind: 'call' }>): string {
  const component = call.component!;
  const text = component.kind === 'name' ? component.name : component.kind === 'number' ? String(component.value) : '';
  return text ? `${call.fn}_${text}` : call.fn;
}

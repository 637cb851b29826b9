// Recursive-descent parser of the autodiff language (SPEC §2) with Python's precedence:
//   arith: + -  <  term: * / @  <  unary + -  <  power ** (right-assoc)  <  postfix: call, [index], .attr
// Syntax errors say what was expected and where; the parser then resumes at the next statement.
import type { Expr, ParseError, SliceExpr, Span, Stmt } from '../ast';
import type { AutodiffToken } from './tokens';

const MAX_NESTING = 300;
/** Module prefixes that name a function rather than a method call: np.log(x) is log(x). */
const MODULES = new Set(['np', 'numpy', 'torch', 'jnp', 'math', 'F']);
const UNSUPPORTED_OPERATORS = new Set(['//', '%', '!=', '<', '>', '<=', '>=']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=']);

const CLAIM_EXAMPLE = 'grad(y, x1) == 1/x1 + x2';

class SyntaxFailure {
  constructor(readonly span: Span, readonly message: string) {}
}

export type Locate = (offset: number) => string;

export class AutodiffParser {
  private pos = 0;
  private bracketDepth = 0;
  private nesting = 0;
  /** True while reading a statement's own expressions (not an assigned value): there a '==' outside
   *  brackets ends the expression and the statement reads it as a claim. */
  private claimAllowed = false;
  private lastEnd: number;
  readonly errors: ParseError[] = [];

  constructor(private readonly tokens: AutodiffToken[], private readonly locate: Locate) {
    this.lastEnd = tokens[0].start;
  }

  parseProgram(): Stmt[] {
    const statements: Stmt[] = [];
    for (;;) {
      while (this.atRaw('newline') || this.isOp(';')) this.pos++;
      if (this.peek().kind === 'eof') return statements;
      const start = this.pos;
      try {
        const statement = this.parseStatement();
        const end = this.peek();
        if (end.kind !== 'newline' && end.kind !== 'eof' && !this.isOp(';')) this.failAt(end, `unexpected ${describe(end)}: expected the end of the statement`);
        statements.push(statement);
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        const previous = this.errors[this.errors.length - 1];
        // A statement read again after recovery may fail where the first attempt did: report it once.
        if (!previous || previous.span.start !== error.span.start) this.errors.push({ span: error.span, message: error.message });
        this.recover(start);
      }
    }
  }

  /** One expression filling all the input (annotation values); errors are collected, undefined on failure. */
  parseSingleExpression(): Expr | undefined {
    try {
      const expr = this.parseExpression();
      const rest = this.peek();
      if (rest.kind !== 'eof') this.failAt(rest, `unexpected ${describe(rest)} after the value`);
      return expr;
    } catch (error) {
      if (!(error instanceof SyntaxFailure)) throw error;
      this.errors.push({ span: error.span, message: error.message });
      return undefined;
    }
  }

  // ---- statements ----------------------------------------------------------------------------

  private parseStatement(): Stmt {
    const start = this.peek().start;
    const asserted = this.peek().kind === 'name' && this.peek().value === 'assert' && !this.isOp('=', 1);
    if (asserted) this.next();
    const first = this.atStatementLevel(() => this.parseExpression());
    const t = this.peek();
    if (this.isOp('==')) return this.parseClaim(start, first);
    if (asserted) this.fail(first.span, `assert takes a derivation claim, as in assert ${CLAIM_EXAMPLE}`);
    if (t.kind === 'op' && AUGMENTED.has(t.value)) this.failAt(t, `'${t.value}' is not supported: write ${describeTarget(first)} = ${describeTarget(first)} ${t.value[0]} …`);
    if (!this.isOp('=')) return { kind: 'expr', span: first.span, value: first };
    if (first.kind !== 'name') {
      const claimHint = isGradCall(first) ? `; to claim a derivative write ${CLAIM_EXAMPLE}` : '';
      this.fail(first.span, `cannot assign to ${describeKind(first)}: the left side of '=' must be a name${claimHint}`);
    }
    this.next();
    const value = this.parseExpression();
    return { kind: 'assign', span: this.span(start), target: first, op: '=', value };
  }

  /** `grad(y, x1) == 1/x1 + x2` (optionally after `assert`): a derivation claim, an assign with op '=='. */
  private parseClaim(start: number, left: Expr): Stmt {
    const problem = claimTargetProblem(left);
    if (problem) this.fail(left.span, problem);
    this.next();
    const value = this.atStatementLevel(() => this.parseExpression());
    if (this.isOp('==')) this.failAt(this.peek(), `a claim has only one '==', as in ${CLAIM_EXAMPLE}`);
    return { kind: 'assign', span: this.span(start), target: left, op: '==', value };
  }

  /** While `parse` runs, a '==' outside brackets ends the expression (the statement reads it). */
  private atStatementLevel<T>(parse: () => T): T {
    this.claimAllowed = true;
    try { return parse(); } finally { this.claimAllowed = false; }
  }

  /** After an error: skip to the next statement. When the failing statement ran onto later lines
   *  (an unclosed bracket), the line where it failed is read again as a statement of its own. */
  private recover(statementStart: number): void {
    this.bracketDepth = 0;
    this.nesting = 0;
    const failedAt = Math.max(this.pos, statementStart);
    let lineStart = failedAt;
    while (lineStart > statementStart && this.tokens[lineStart - 1].kind !== 'newline') lineStart--;
    if (lineStart > statementStart) { this.pos = lineStart; return; }
    let k = failedAt;
    while (k < this.tokens.length - 1 && this.tokens[k].kind !== 'newline' && !(this.tokens[k].kind === 'op' && this.tokens[k].value === ';')) k++;
    this.pos = Math.max(k, statementStart + 1);
  }

  // ---- expressions ---------------------------------------------------------------------------

  parseExpression(): Expr {
    return this.nested(() => {
      const start = this.peek().start;
      let left = this.parseTerm();
      for (let t = this.peek(); t.kind === 'op' && (t.value === '+' || t.value === '-'); t = this.peek()) {
        this.next();
        const right = this.parseTerm();
        left = { kind: 'binary', span: this.span(start), op: t.value, left, right };
      }
      return left;
    });
  }

  private parseTerm(): Expr {
    const start = this.peek().start;
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (this.isOp('==')) {
        if (this.claimAllowed && this.bracketDepth === 0) return left;
        this.failAt(t, `'==' is allowed only in a derivation claim, a statement of its own outside brackets: ${CLAIM_EXAMPLE}`);
      }
      if (t.kind === 'op' && UNSUPPORTED_OPERATORS.has(t.value)) this.failAt(t, `the operator '${t.value}' is not supported`);
      if (t.kind !== 'op' || !(t.value === '*' || t.value === '/' || t.value === '@')) return left;
      this.next();
      const right = this.parseUnary();
      left = { kind: 'binary', span: this.span(start), op: t.value, left, right };
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
      return this.nested(() => {
        this.next();
        const arg = this.parseUnary();
        return { kind: 'unary', span: this.span(t.start), op: t.value as '-' | '+', arg };
      });
    }
    return this.parsePower();
  }

  /** `a ** b`: right-associative, and `-x ** 2` is -(x ** 2) because unary minus sits below. */
  private parsePower(): Expr {
    const start = this.peek().start;
    const base = this.parsePostfix();
    if (!this.isOp('**')) return base;
    this.next();
    const exponent = this.nested(() => this.parseUnary());
    return { kind: 'binary', span: this.span(start), op: '^', left: base, right: exponent };
  }

  private parsePostfix(): Expr {
    const start = this.peek().start;
    let expr = this.parseAtom();
    for (;;) {
      if (this.isOp('(')) expr = this.parseCall(expr, start);
      else if (this.isOp('[')) expr = this.parseIndex(expr, start);
      else if (this.isOp('.')) {
        this.next();
        const attr = this.peek();
        if (attr.kind !== 'name') this.failAt(attr, `expected an attribute name after '.', found ${describe(attr)}`);
        this.next();
        expr = attr.value === 'T' ? { kind: 'transpose', span: this.span(start), arg: expr } : { kind: 'attr', span: this.span(start), target: expr, attr: attr.value };
      } else return expr;
    }
  }

  private parseAtom(): Expr {
    return this.nested((): Expr => {
      const t = this.peek();
      if (t.kind === 'number') {
        this.next();
        return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.value) };
      }
      if (t.kind === 'name') {
        this.next();
        return { kind: 'name', span: { start: t.start, end: t.end }, name: t.value, base: t.value };
      }
      if (this.isOp('(')) return this.parseParenthesized();
      if (this.isOp('[')) return this.parseArrayLiteral();
      if (t.kind === 'eof') return this.failAt(t, 'unexpected end of input: expected an expression');
      return this.failAt(t, `expected an expression, found ${describe(t)}`);
    });
  }

  /** `(e)` is e; `(a, b)` and `(a,)` are tuples, read as arrays (shapes: `reshape(x, (2, 3))`). */
  private parseParenthesized(): Expr {
    const open = this.next();
    const { items, trailingComma } = this.inBrackets(open, ')', () => this.parseExpression());
    if (items.length === 1 && !trailingComma) return items[0];
    return { kind: 'array', span: this.span(open.start), rows: items };
  }

  private parseArrayLiteral(): Expr {
    const open = this.next();
    const { items } = this.inBrackets(open, ']', () => this.parseExpression());
    return { kind: 'array', span: this.span(open.start), rows: items };
  }

  /** `f(a, b, axis=0)`; `np.log(x)` is log(x); `x.sum(axis=0)` is sum(x, axis=0). */
  private parseCall(callee: Expr, start: number): Expr {
    let fn: string; let fnSpan: Span; const args: Expr[] = [];
    if (callee.kind === 'name') { fn = callee.name; fnSpan = callee.span; }
    else if (callee.kind === 'attr') {
      fn = callee.attr;
      fnSpan = { start: callee.span.end - callee.attr.length, end: callee.span.end };
      if (!(callee.target.kind === 'name' && MODULES.has(callee.target.name))) args.push(callee.target);
    } else return this.fail(callee.span, `only a named function can be called, not ${describeKind(callee)}`);
    const open = this.next();
    let axis: Expr | undefined;
    this.inBrackets(open, ')', () => {
      const t = this.peek();
      if (t.kind === 'name' && this.isOp('=', 1)) {
        this.next(); this.next();
        if (t.value !== 'axis' && t.value !== 'dim') this.failAt(t, `unknown keyword argument '${t.value}' (only axis= is supported)`);
        if (axis) this.failAt(t, 'axis is given twice');
        axis = this.parseExpression();
        return axis;
      }
      if (axis) this.failAt(t, 'a positional argument cannot follow axis=');
      const arg = this.parseExpression();
      args.push(arg);
      return arg;
    });
    const call: Expr = { kind: 'call', span: this.span(start), fn, fnSpan, args };
    if (axis) call.axis = axis;
    return call;
  }

  /** `a[1]`, `a[-1]`, `a[1:3]`, `a[:, 0]`, `a[::2]` (from 0, as numpy). */
  private parseIndex(target: Expr, start: number): Expr {
    const open = this.next();
    const { items } = this.inBrackets(open, ']', () => this.parseSliceOrIndex());
    if (items.length === 0) this.fail(this.span(open.start), 'expected an index inside [ ]');
    return { kind: 'index', span: this.span(start), target, indices: items, origin: 0 };
  }

  private parseSliceOrIndex(): Expr | SliceExpr {
    const start = this.peek().start;
    const startsValue = (): boolean => !this.isOp(':') && !this.isOp(',') && !this.isOp(']');
    const first = startsValue() ? this.parseExpression() : undefined;
    if (!this.isOp(':')) {
      if (!first) this.failAt(this.peek(), `expected an index, found ${describe(this.peek())}`);
      return first;
    }
    const slice: SliceExpr = { kind: 'slice', span: { start, end: start } };
    if (first) slice.start = first;
    this.next();
    if (startsValue()) slice.stop = this.parseExpression();
    if (this.isOp(':')) {
      this.next();
      if (startsValue()) slice.step = this.parseExpression();
    }
    slice.span = this.span(start);
    return slice;
  }

  /** Comma-separated items up to `closer`; newlines inside brackets are insignificant. */
  private inBrackets<T>(open: AutodiffToken, closer: string, item: () => T): { items: T[]; trailingComma: boolean } {
    const items: T[] = [];
    let trailingComma = false;
    this.bracketDepth++;
    try {
      while (!this.isOp(closer)) {
        items.push(item());
        trailingComma = false;
        if (this.isOp(',')) { this.next(); trailingComma = true; continue; }
        if (!this.isOp(closer)) this.failAt(this.peek(), `expected '${closer}' to close '${open.value}' opened at ${this.locate(open.start)}, found ${describe(this.peek())}`);
      }
    } finally {
      this.bracketDepth--;
    }
    this.next();
    return { items, trailingComma };
  }

  // ---- cursor --------------------------------------------------------------------------------

  private peek(k = 0): AutodiffToken {
    let index = this.pos;
    for (;;) {
      while (this.bracketDepth > 0 && this.tokens[index].kind === 'newline') index++;
      if (k === 0 || this.tokens[index].kind === 'eof') return this.tokens[index];
      index++; k--;
    }
  }

  private next(): AutodiffToken {
    while (this.bracketDepth > 0 && this.tokens[this.pos].kind === 'newline') this.pos++;
    const t = this.tokens[this.pos];
    if (t.kind !== 'eof') this.pos++;
    this.lastEnd = t.end;
    return t;
  }

  private atRaw(kind: AutodiffToken['kind']): boolean { return this.tokens[this.pos].kind === kind; }
  private isOp(value: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'op' && t.value === value; }
  private span(start: number): Span { return { start, end: Math.max(start, this.lastEnd) }; }

  private nested<T>(parse: () => T): T {
    if (this.nesting >= MAX_NESTING) this.failAt(this.peek(), `nesting deeper than ${MAX_NESTING} levels`);
    this.nesting++;
    try { return parse(); } finally { this.nesting--; }
  }

  private failAt(t: AutodiffToken, message: string): never {
    this.pos = Math.max(this.pos, this.tokens.indexOf(t, this.pos));
    throw new SyntaxFailure({ start: t.start, end: t.end }, message);
  }

  private fail(span: Span, message: string): never {
    throw new SyntaxFailure(span, message);
  }
}

function describe(t: AutodiffToken): string {
  if (t.kind === 'eof') return 'the end of input';
  if (t.kind === 'newline') return 'the end of the line';
  return `'${t.value}'`;
}

function describeKind(e: Expr): string {
  switch (e.kind) {
    case 'call': return 'a function call';
    case 'index': return 'an indexed value';
    case 'number': return 'a number';
    case 'array': return 'an array';
    case 'attr': return 'an attribute';
    default: return 'an expression';
  }
}

function isGradCall(e: Expr): e is Extract<Expr, { kind: 'call' }> {
  return e.kind === 'call' && e.fn === 'grad';
}

/** Why `left` cannot be the left side of a claim, or undefined: it must be grad(f, x), possibly nested. */
function claimTargetProblem(left: Expr): string | undefined {
  if (!isGradCall(left)) return `the left side of '==' must be a derivative grad(…, …): a claim compares autodiff's derivative with your formula, as in ${CLAIM_EXAMPLE}`;
  for (let e: Expr = left; isGradCall(e); e = e.args[0]) {
    if (e.args.length !== 2 || e.axis) return `grad takes two arguments, what to differentiate and the input: grad(y, x1)`;
  }
  return undefined;
}

function describeTarget(e: Expr): string {
  return e.kind === 'name' ? e.name : 'x';
}

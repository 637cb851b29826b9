// Recursive-descent parser for the LaTeX math subset of SPEC §2: expressions, factors and atoms.
// Derivatives, big operators and matrices live in their own files and call back into this class.
// Anything valid but outside the subset becomes an `unsupported` node; `Bail` abandons an equation.
import type { Expr, ProductSymbol, Span } from '../ast';
import {
  ADJOINT_ACCENTS, DIVIDE_COMMANDS, FUNCTION_COMMANDS, FUNCTION_WORDS, GREEK, MATRIX_ENVIRONMENTS, MULTIPLY_COMMANDS,
  NAME_ACCENTS, UNSUPPORTED_OPERATORS, UNSUPPORTED_PREFIXES, UNSUPPORTED_SYMBOLS,
} from './commands';
import { Bail, TokenCursor } from './cursor';
import { parseDerivativeFraction, parseNabla, parsePartial, startsDerivativeFraction } from './derivatives';
import { parseMatrix, parseReduce, skipScripts } from './structures';
import { boldName, canonicalText, letterOf, subscriptSuffix } from './names';
import { isRelationToken } from './relations';
import type { LatexToken } from './tokens';

type NameExpr = Extract<Expr, { kind: 'name' }>;

const LONGEST_FUNCTION_WORD = Math.max(...[...FUNCTION_WORDS.keys()].map((w) => w.length));

const NO_LETTERS: ReadonlySet<string> = new Set();

const BRACKET_CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** `\mathrm{x}` is the plain name x; `\mathcal{L}` stays a name of its own. */
const PLAIN_WORD_STYLES = new Set(['mathrm', 'mathit', 'mathtt']);

export function unsupported(span: Span, reason: string): Expr {
  return { kind: 'unsupported', span, reason };
}

export class LatexParser extends TokenCursor {
  /** Inside \|…\| a double bar closes rather than opens. */
  normDepth = 0;
  /** In `\mathbb{R}^{m \times n}` the \times separates dimensions instead of multiplying. */
  timesSeparates = false;

  /**
   * `boldApart`: the letters (`h`, `\theta`) the note writes both bold and plain, whose bold form is
   * then a name of its own (`\mathbf{h}`, a vector, next to `h`, a size). Elsewhere bold is only a face.
   */
  constructor(tokens: LatexToken[], readonly source: string, readonly offset: number, private readonly boldApart: ReadonlySet<string> = NO_LETTERS) {
    super(tokens);
  }

  // ---- expression levels -------------------------------------------------------------------

  /** Sums and differences; a leading sign applies to the first term. */
  parseExpression(): Expr {
    return this.nested(() => {
      const start = this.peek().start;
      let left: Expr;
      if (this.isSymbol('-') || this.isSymbol('+')) {
        const op = this.next().value as '-' | '+';
        const arg = this.parseTerm();
        left = { kind: 'unary', span: this.span(start), op, arg };
      } else {
        left = this.parseTerm();
      }
      for (;;) {
        const t = this.peek();
        if (t.kind === 'symbol' && (t.value === '+' || t.value === '-')) {
          this.next();
          const right = this.parseTerm();
          left = { kind: 'binary', span: this.span(start), op: t.value, left, right };
        } else if (t.kind === 'command' && UNSUPPORTED_OPERATORS.has(t.value)) {
          this.next();
          this.parseTerm();
          left = unsupported(this.span(start), `\\${t.value} is not evaluable`);
        } else if (t.kind === 'symbol' && t.value === '|' && t.sized === 'right' && this.barDepth === 0) {
          this.next();
          skipScripts(this);
          left = unsupported(this.span(start), 'evaluation bars (\\right|_{x=a}) are not evaluable');
        } else {
          return left;
        }
      }
    });
  }

  /** Products and quotients, explicit (`\cdot`, `*`, `/`) or implicit (`2x`, `W x`). */
  parseTerm(): Expr {
    const start = this.peek().start;
    let left = this.parseSignedFactor();
    for (;;) {
      const t = this.peek();
      let op: '*' | '/' | undefined;
      let product: ProductSymbol | undefined;
      if (t.kind === 'symbol' && (t.value === '*' || t.value === '/')) op = t.value;
      else if (t.kind === 'command' && MULTIPLY_COMMANDS.has(t.value) && !(this.timesSeparates && t.value === 'times')) {
        op = '*';
        product = MULTIPLY_COMMANDS.get(t.value);
      } else if (t.kind === 'command' && DIVIDE_COMMANDS.has(t.value)) op = '/';
      if (op) {
        this.next();
        const right = this.parseSignedFactor();
        left = product ? { kind: 'binary', span: this.span(start), op, left, right, product } : { kind: 'binary', span: this.span(start), op, left, right };
      } else if (this.startsFactor(t)) {
        const right = this.parseFactor();
        left = { kind: 'binary', span: this.span(start), op: '*', left, right, implicit: true };
      } else {
        return left;
      }
    }
  }

  parseSignedFactor(): Expr {
    if (!this.isSymbol('-') && !this.isSymbol('+')) return this.parseFactor();
    return this.nested(() => {
      const start = this.peek().start;
      const op = this.next().value as '-' | '+';
      const arg = this.parseSignedFactor();
      return { kind: 'unary', span: this.span(start), op, arg };
    });
  }

  /** A postfix atom with powers and transposes: `x^2`, `W^T`, `e^{-x}`. */
  parseFactor(): Expr {
    const start = this.peek().start;
    let base = this.parsePostfix();
    while (this.isSymbol('^')) {
      this.next();
      if (this.atTransposeMark()) {
        this.skipScriptArgument();
        base = { kind: 'transpose', span: this.span(start), arg: base };
      } else {
        const exponent = this.parseScriptArgument();
        base = { kind: 'binary', span: this.span(start), op: '^', left: base, right: exponent };
      }
    }
    return base;
  }

  /** An atom followed by a subscript: on a name it extends the name, on anything else it indexes (from 1). */
  parsePostfix(): Expr {
    const first = this.peek();
    const start = first.start;
    let atom = this.parseAtom();
    if (atom.kind === 'name' && !atom.subscript) {
      // A name from a group (`\mathbf{W}^{(1)}`, `{x}'`) takes its decorations here, and the group's span.
      const decorations = this.parseNameDecorations();
      const grouped = first.kind === 'symbol' && first.value === '{';
      if (decorations || grouped) atom = { kind: 'name', span: this.span(start), name: atom.name + decorations, base: atom.base + decorations };
    }
    if (this.isSymbol('_')) {
      if (atom.kind === 'name' && !atom.subscript) {
        atom = this.withSubscript(atom, start);
      } else {
        const subscript = this.parseSubscript();
        atom = { kind: 'index', span: this.span(start), target: atom, indices: subscript.exprs, origin: 1 };
      }
    }
    if (this.isSymbol('!')) {
      this.next();
      atom = unsupported(this.span(start), 'factorials are not evaluable');
    }
    return atom;
  }

  /** Whether `t` can begin a factor of an implicit product. */
  startsFactor(t: LatexToken): boolean {
    switch (t.kind) {
      case 'number': case 'letter': case 'word': case 'text': case 'begin': case 'other': return true;
      case 'symbol': return t.value === '(' || t.value === '[' || t.value === '{' || (t.value === '|' && this.barDepth === 0 && t.sized !== 'right');
      case 'command':
        if (t.value === '|' || t.value === 'Vert') return this.normDepth === 0;
        if (t.value === 'vert') return this.barDepth === 0;
        if (t.value === '{' || t.value === 'lVert' || t.value === 'lvert') return true;
        if (t.value === '}' || t.value === '\\' || t.value === 'rVert' || t.value === 'rvert') return false;
        return !isRelationToken(t) && !MULTIPLY_COMMANDS.has(t.value) && !DIVIDE_COMMANDS.has(t.value) && !UNSUPPORTED_OPERATORS.has(t.value);
      default: return false;
    }
  }

  // ---- atoms ---------------------------------------------------------------------------------

  parseAtom(): Expr {
    return this.nested(() => {
      const t = this.peek();
      switch (t.kind) {
        case 'number': {
          this.next();
          return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.value) };
        }
        case 'letter': return this.parseLetter();
        case 'word': return this.parseWord(t);
        case 'text': return this.parseText(t);
        case 'symbol': return this.parseSymbolAtom(t);
        case 'command': return this.parseCommand(t);
        case 'begin': return MATRIX_ENVIRONMENTS.has(t.value) ? parseMatrix(this) : this.parseUnknownEnvironment(t);
        case 'other': {
          this.next();
          return unsupported({ start: t.start, end: t.end }, `'${t.value}' is not evaluable`);
        }
        default: return this.fail(t.kind === 'eof' ? 'expected an expression' : `unexpected '${t.value}'`);
      }
    });
  }

  private parseLetter(): Expr {
    const functionWord = this.adjacentFunctionWord();
    if (functionWord) return functionWord;
    return this.parseNameOrCall(this.parseName());
  }

  /**
   * `relu(x)`, `softmax(z)` typed without a backslash: adjacent letters spelling a known function, then `(`.
   * Called at every letter of a run, so it reads at most one letter more than the longest function word:
   * a 30,000-letter run stays linear.
   */
  private adjacentFunctionWord(): Expr | undefined {
    const first = this.index();
    let k = first;
    let word = '';
    while (k < this.limit && word.length <= LONGEST_FUNCTION_WORD && this.tokens[k].kind === 'letter' && (k === first || !this.tokens[k].spaceBefore)) word += this.tokens[k++].value;
    const paren = this.tokens[k];
    if (word.length < 3 || !FUNCTION_WORDS.has(word) || k >= this.limit || paren.kind !== 'symbol' || paren.value !== '(' || paren.spaceBefore) return undefined;
    const start = this.tokens[first].start;
    const fnSpan = { start, end: this.tokens[k - 1].end };
    this.pos = k;
    return this.parseFunctionRest(FUNCTION_WORDS.get(word)!, start, fnSpan, word);
  }

  private parseWord(t: LatexToken): Expr {
    const span = { start: t.start, end: t.end };
    if (t.style === 'mathbb') {
      this.next();
      if (t.value === 'E') {
        skipScripts(this);
        if (this.startsFactor(this.peek())) this.parseFactor();
        return unsupported(this.span(t.start), 'expectations (\\mathbb{E}) are not evaluable');
      }
      return unsupported(span, `the set \\mathbb{${t.value}} is not evaluable`);
    }
    if (t.style === 'operatorname' || (FUNCTION_WORDS.has(t.value) && t.value.length > 1)) {
      this.next();
      return this.parseFunctionRest(FUNCTION_WORDS.get(t.value) ?? t.value, t.start, span, t.value);
    }
    return this.parseNameOrCall(this.parseName());
  }

  private parseText(t: LatexToken): Expr {
    const word = t.value.trim();
    if (FUNCTION_WORDS.has(word) && this.isSymbol('(', 1)) {
      this.next();
      return this.parseFunctionRest(FUNCTION_WORDS.get(word)!, t.start, { start: t.start, end: t.end }, word);
    }
    this.next();
    return unsupported({ start: t.start, end: t.end }, `prose (\\${t.style}{${word.length > 40 ? word.slice(0, 40) + '…' : word}}) is not evaluable`);
  }

  private parseSymbolAtom(t: LatexToken): Expr {
    if (t.value === '(' || t.value === '[' || t.value === '{') return this.parseBracketed();
    if (t.value === '|') return this.parseBars('abs', '|', 'symbol');
    return this.fail(`unexpected '${t.value}'`);
  }

  private parseCommand(t: LatexToken): Expr {
    const name = t.value;
    const span = { start: t.start, end: t.end };
    if (GREEK.has(name)) {
      if (name === 'sigma' && this.sigmoidFollows()) {
        this.next();
        return this.parseFunctionRest('sigmoid', t.start, span, '\\sigma');
      }
      if (name === 'pi' && !this.isSymbol('(', 1) && !this.isSymbol('_', 1)) {
        this.next();
        return { kind: 'number', span, value: Math.PI };
      }
      return this.parseNameOrCall(this.parseName());
    }
    const fn = FUNCTION_COMMANDS.get(name);
    if (fn) {
      this.next();
      if (name === 'sqrt') return this.parseSqrt(t.start, span);
      return this.parseFunctionRest(fn, t.start, span, `\\${name}`);
    }
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac' || name === 'cfrac') return this.parseFraction();
    if (name === 'sum' || name === 'prod') return parseReduce(this, name);
    if (name === 'partial') return parsePartial(this);
    if (name === 'nabla') return parseNabla(this);
    if (name === '{') return this.parseBracketed();
    if (name === '|' || name === 'lVert' || name === 'Vert') return this.parseNorm();
    if (name === 'lvert' || name === 'vert') return this.parseBars('abs', name === 'lvert' ? 'rvert' : 'vert', 'command');
    if (NAME_ACCENTS.has(name)) return this.parseNameOrCall(this.parseName());
    if (ADJOINT_ACCENTS.has(name)) {
      this.next();
      this.parseAccentBase();
      this.skipNameScripts();
      const written = this.source.slice(t.start - this.offset, this.lastEnd - this.offset);
      return unsupported(this.span(t.start), `${written} (adjoint or tangent notation) is not evaluable`);
    }
    const prefixReason = UNSUPPORTED_PREFIXES.get(name);
    if (prefixReason) {
      this.next();
      skipScripts(this);
      if (this.startsFactor(this.peek())) this.parseTerm();
      return unsupported(this.span(t.start), prefixReason);
    }
    const symbolReason = UNSUPPORTED_SYMBOLS.get(name);
    if (symbolReason) {
      this.next();
      return unsupported(span, symbolReason);
    }
    this.next();
    return unsupported(span, `\\${name} is not supported`);
  }

  private sigmoidFollows(): boolean {
    const after = this.peek(1);
    return after.kind === 'symbol' && (after.value === '(' || after.value === '[');
  }

  // ---- names and calls -----------------------------------------------------------------------

  /** A name: a letter, Greek letter, \mathrm/\mathcal word or accented letter, then subscripts, primes, `^{(k)}`, `^*`. */
  parseName(): NameExpr {
    const t = this.next();
    const start = t.start;
    let base: string;
    if (t.kind === 'word') base = PLAIN_WORD_STYLES.has(t.style ?? '') ? t.value : `\\${t.style}{${t.value}}`;
    else if (t.kind === 'command' && NAME_ACCENTS.has(t.value)) base = `\\${t.value}{${this.parseAccentBase()}}`;
    else if (t.kind === 'letter' || t.kind === 'command') base = this.letterName(t);
    else return this.fail(`expected a name, found '${t.value}'`);
    base += this.parseNameDecorations();
    const name: NameExpr = { kind: 'name', span: this.span(start), name: base, base };
    if (!this.isSymbol('_')) return name;
    const withSubscript = this.withSubscript(name, start);
    // x_i^{(k)} is spelled x^{(k)}_i: decorations always come before the subscript in the canonical name.
    const decorations = this.parseNameDecorations();
    if (!decorations) return withSubscript;
    return { ...withSubscript, span: this.span(start), name: base + decorations + withSubscript.name.slice(base.length), base: base + decorations };
  }

  /** A letter or command as a name: `h`, `\\theta`, or `\\mathbf{h}` when bold and the note keeps bold h apart. */
  private letterName(t: LatexToken): string {
    const base = t.kind === 'letter' ? t.value : `\\${t.value}`;
    return t.bold && this.boldApart.has(base) ? boldName(base) : base;
  }

  private parseAccentBase(): string {
    if (this.isSymbol('{')) {
      const open = this.index();
      const close = this.tokens[open].partner!;
      // One letter, in braces or a face (`\\hat{\\mathbf{y}}`): named as the letter alone would be.
      let [from, to] = [open + 1, close];
      while (to - from > 2 && this.tokens[from].partner === to - 1) { from++; to--; }
      const only = this.tokens[from];
      if (to === from + 1 && letterOf(only) !== undefined) {
        this.pos = close + 1;
        this.lastEnd = this.tokens[close].end;
        return this.letterName(only);
      }
      const inner = canonicalText(this.source, this.offset, this.tokens, open + 1, close);
      this.pos = close + 1;
      this.lastEnd = this.tokens[close].end;
      return inner;
    }
    const t = this.next();
    return t.kind === 'command' ? `\\${t.value}` : t.value;
  }

  /** Primes, `^*` and parenthesised superscripts such as `W^{(1)}` belong to the name. */
  private parseNameDecorations(): string {
    let text = '';
    for (;;) {
      if (this.isSymbol("'")) { this.next(); text += "'"; continue; }
      if (!this.isSymbol('^')) return text;
      const argument = this.peek(1);
      const k = this.index() + 1;
      if ((argument.kind === 'symbol' && argument.value === '*') || (argument.kind === 'command' && (argument.value === 'star' || argument.value === 'ast'))) {
        this.next(); this.next(); text += '^*'; continue;
      }
      if (argument.kind === 'command' && argument.value === 'prime') { this.next(); this.next(); text += "'"; continue; }
      if (argument.kind === 'symbol' && argument.value === '{' && argument.partner !== undefined && this.isLabelGroup(k, argument.partner)) {
        this.next();
        text += `^{${canonicalText(this.source, this.offset, this.tokens, k + 1, argument.partner)}}`;
        this.pos = argument.partner + 1;
        this.lastEnd = this.tokens[argument.partner].end;
        continue;
      }
      return text;
    }
  }

  /** `{(1)}`, `{(k)}`, `{*}`, `{\prime}`: a superscript that labels rather than raises. */
  private isLabelGroup(open: number, close: number): boolean {
    const first = this.tokens[open + 1];
    const last = this.tokens[close - 1];
    if (close - open === 2) return (first.kind === 'symbol' && first.value === '*') || (first.kind === 'command' && (first.value === 'prime' || first.value === 'star' || first.value === 'ast'));
    return close - open >= 4 && first.kind === 'symbol' && first.value === '(' && last.kind === 'symbol' && last.value === ')';
  }

  private withSubscript(name: NameExpr, start: number): NameExpr {
    const subscript = this.parseSubscript();
    return { kind: 'name', span: this.span(start), name: name.name + subscriptSuffix(subscript.text), base: name.base, subscript: subscript.exprs };
  }

  /** `_x`, `_1`, `_\theta`, `_{ij}` (two indices), `_{12}` (one number), `_{i,j}`, `_{i+1}`. */
  parseSubscript(): { text: string; exprs: Expr[] } {
    this.expectSymbol('_', '');
    if (!this.isSymbol('{')) {
      const t = this.peek();
      if (t.kind === 'eof') this.fail('expected a subscript after _');
      const raw = this.source.slice(t.start - this.offset, t.end - this.offset);
      if (t.kind === 'number') { this.next(); return { text: raw, exprs: [{ kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.value) }] }; }
      if (t.kind === 'letter' || t.kind === 'word' || (t.kind === 'command' && GREEK.has(t.value))) {
        this.next();
        return { text: raw, exprs: [{ kind: 'name', span: { start: t.start, end: t.end }, name: raw, base: raw }] };
      }
      const atom = this.parseAtom();   // `x_\text{new}`, `x_\infty`: kept, and not evaluable as an index
      return { text: this.source.slice(t.start - this.offset, this.lastEnd - this.offset), exprs: [atom] };
    }
    const open = this.index();
    const close = this.tokens[open].partner!;
    const text = canonicalText(this.source, this.offset, this.tokens, open + 1, close);
    let exprs: Expr[];
    const inner = this.tokens.slice(open + 1, close);
    // `x_{ij}`, `Z_{i1}`: one index per letter or digit (a leading digit, `x_{2i}`, is a product).
    const oneEach = (t: LatexToken) => (t.kind === 'letter' && /^[A-Za-z]$/.test(t.value)) || (t.kind === 'number' && /^[0-9]$/.test(t.value));
    if (inner.length > 1 && inner[0].kind === 'letter' && inner.every(oneEach)) {
      exprs = inner.map((t): Expr => t.kind === 'number'
        ? { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.value) }
        : { kind: 'name', span: { start: t.start, end: t.end }, name: t.value, base: t.value });
    } else {
      this.next();
      exprs = this.readSubscriptList(close);
    }
    this.pos = close + 1;
    this.lastEnd = this.tokens[close].end;
    return { text, exprs };
  }

  /** The comma-separated indices inside a subscript group; what does not read is one unsupported index. */
  private readSubscriptList(close: number): Expr[] {
    const start = this.peek().start;
    try {
      return this.within(close, () => {
        const items = [this.parseExpression()];
        while (this.isSymbol(',')) { this.next(); items.push(this.parseExpression()); }
        if (!this.atEnd()) this.fail(`unexpected '${this.peek().value}' in a subscript`);
        return items;
      });
    } catch (error) {
      if (!(error instanceof Bail)) throw error;
      return [unsupported({ start, end: this.tokens[close].start }, 'this subscript is not understood')];
    }
  }

  /** A name followed directly by `(` is a call (`f(x)`, `h_j(x)` with component j); `o(ε²)` is Landau notation. */
  parseNameOrCall(name: NameExpr): Expr {
    const paren = this.peek();
    const isCall = paren.kind === 'symbol' && paren.value === '(' && !paren.spaceBefore;
    if (!isCall) return name;
    const start = name.span.start;
    // `h_j(x)` is component j of h; `\ell_{ce}(z, y)`, `\ell_{\mathrm{softmax}}(z)` are functions of
    // their own, named as written (the subscript is a word, not an index).
    const component = name.subscript?.length === 1 && (name.subscript[0].kind === 'name' || name.subscript[0].kind === 'number') ? name.subscript[0] : undefined;
    const fn = name.subscript && !component ? this.writtenName(name.span) : name.base;
    const args = this.parseArgumentList();
    if (name.base === 'o' || name.base === 'O') return unsupported(this.span(start), 'Landau notation is not evaluable');
    const call: Expr = { kind: 'call', span: this.span(start), fn, fnSpan: name.span, args };
    if (component) call.component = component;
    return call;
  }

  /** The canonical text of the tokens just read, from `span.start` (the name before a call's `(`). */
  private writtenName(span: Span): string {
    let from = this.pos;
    while (from > 0 && this.tokens[from - 1].start >= span.start) from--;
    let to = from;
    while (to < this.tokens.length && this.tokens[to].end <= span.end) to++;
    return canonicalText(this.source, this.offset, this.tokens, from, to);
  }

  /** `( a, b )`, `[ ... ]` or `\{ ... \}`: the expressions between the brackets. */
  parseArgumentList(): Expr[] {
    const open = this.next();
    // `\{` closes with the command `\}`, `(` and `[` with the symbols `)` and `]`.
    const closer = open.kind === 'command' ? '}' : BRACKET_CLOSERS[open.value];
    const isClosing = (): boolean => { const t = this.peek(); return t.kind === open.kind && t.value === closer; };
    return this.insideBrackets(() => {
      const items: Expr[] = [];
      if (isClosing()) { this.next(); return items; }
      items.push(this.parseExpression());
      while (this.isSymbol(',')) { this.next(); items.push(this.parseExpression()); }
      if (!isClosing()) this.fail(open.kind === 'command' ? "expected '\\}' to close '\\{'" : `expected '${closer}' to close '${open.value}'`);
      this.next();
      return items;
    });
  }

  /** Bars inside brackets start fresh: `|(a|b|)|` pairs as written. */
  private insideBrackets<T>(parse: () => T): T {
    const bars = this.barDepth, norms = this.normDepth;
    this.barDepth = 0; this.normDepth = 0;
    try { return this.nested(parse); } finally { this.barDepth = bars; this.normDepth = norms; }
  }

  /** `(x)`, `[x]`, `\{x\}` or a `{x}` group; a tuple is not evaluable. */
  private parseBracketed(): Expr {
    const open = this.peek();
    const start = open.start;
    if (open.kind === 'symbol' && open.value === '{') {
      const expr = this.parseGroup(() => this.parseExpression());
      return expr;
    }
    const items = this.parseArgumentList();
    if (items.length === 1) return items[0];
    return unsupported(this.span(start), items.length === 0 ? 'empty brackets are not evaluable' : 'a tuple is not evaluable');
  }

  /** `{ … }`: parses the inside with `parse`, which must read all of it. */
  parseGroup<T>(parse: () => T): T {
    const open = this.index();
    const close = this.tokens[open].partner;
    if (!this.isSymbol('{') || close === undefined) this.fail("expected '{'");
    this.next();
    const result = this.insideBrackets(() => this.within(close, () => {
      const value = parse();
      if (!this.atEnd()) this.fail(`unexpected '${this.peek().value}'`);
      return value;
    }));
    this.pos = close + 1;
    this.lastEnd = this.tokens[close].end;
    return result;
  }

  /** The argument of `^`, `_` or `\frac` written without braces: one token (`x^2`, `\frac12`, `e^x`). */
  parseScriptArgument(): Expr {
    if (this.isSymbol('{')) return this.parseGroup(() => this.parseExpression());
    const t = this.peek();
    if (t.kind === 'symbol' && t.value === '-') {
      this.next();
      const arg = this.parseScriptArgument();
      return { kind: 'unary', span: this.span(t.start), op: '-', arg };
    }
    if (t.kind === 'letter') {
      this.next();
      return { kind: 'name', span: { start: t.start, end: t.end }, name: t.value, base: t.value };
    }
    return this.parseAtom();
  }

  skipScriptArgument(): void {
    if (this.isSymbol('{')) {
      const open = this.index();
      const close = this.tokens[open].partner!;
      this.pos = close + 1;
      this.lastEnd = this.tokens[close].end;
    } else if (!this.atEnd()) {
      this.next();
    }
  }

  private skipNameScripts(): void {
    while (this.isSymbol('_') || this.isSymbol("'")) {
      if (this.next().value === '_') this.skipScriptArgument();
    }
  }

  /** `^T`, `^\top`, `^{T}`, `^{\top}`, `^\intercal`, `^\mathsf{T}`. */
  private atTransposeMark(): boolean {
    const isMark = (t: LatexToken): boolean =>
      (t.kind === 'letter' && t.value === 'T') || (t.kind === 'word' && t.value === 'T') ||
      (t.kind === 'command' && (t.value === 'top' || t.value === 'intercal' || t.value === 'mathsf'));
    const first = this.peek();
    if (isMark(first)) return true;
    if (first.kind !== 'symbol' || first.value !== '{' || first.partner === undefined) return false;
    const open = this.index();
    return first.partner === open + 2 && isMark(this.tokens[open + 1]);
  }

  // ---- functions -----------------------------------------------------------------------------

  /** After a function's name: `_` (a logarithm's base; any other index is not evaluable), an optional
   *  power, then the argument in brackets or bare (`\sin x`, `\log \sum_j …`). */
  parseFunctionRest(fn: string, start: number, fnSpan: Span, written: string): Expr {
    if (fn === 'log' && this.isSymbol('_')) {
      // `\log_2 p`, `\log_{b} x`: ln x / ln b.
      this.next();
      const base = this.parseScriptArgument();
      const args = this.parseFunctionArguments(written);
      const span = this.span(start);
      const inBase = (arg: Expr): Expr => ({ kind: 'call', span: arg.span, fn: 'log', fnSpan: arg.span, args: [arg] });
      return { kind: 'binary', span, op: '/', left: { kind: 'call', span, fn, fnSpan, args }, right: inBase(base) };
    }
    if (this.isSymbol('_')) {
      this.next();
      this.skipScriptArgument();
      if (this.startsFactor(this.peek())) this.parseTerm();
      return unsupported(this.span(start), `${written} over an index is not evaluable`);
    }
    let power: Expr | undefined;
    if (this.isSymbol('^')) {
      this.next();
      power = this.parseScriptArgument();
      if (power.kind === 'unary' && power.op === '-' && power.arg.kind === 'number' && power.arg.value === 1) {
        if (this.startsFactor(this.peek())) this.parseFunctionArguments(written);
        return unsupported(this.span(start), `the inverse function ${written}^{-1} is not evaluable`);
      }
    }
    const args = this.parseFunctionArguments(written);
    const call: Expr = { kind: 'call', span: this.span(start), fn, fnSpan, args };
    return power ? { kind: 'binary', span: this.span(start), op: '^', left: call, right: power } : call;
  }

  private parseFunctionArguments(written: string): Expr[] {
    const t = this.peek();
    if ((t.kind === 'symbol' && (t.value === '(' || t.value === '[')) || (t.kind === 'command' && t.value === '{')) return this.parseArgumentList();
    if (!this.startsFactor(t)) this.fail(`expected an argument for ${written}`);
    return [this.parseBareOperand()];
  }

  /** `\sin 2x` is sin(2x); `\sin x \cos y` stops before the next function. */
  private parseBareOperand(): Expr {
    const start = this.peek().start;
    let operand = this.parseSignedFactor();
    while (this.startsFactor(this.peek()) && !this.startsFunction(this.peek())) {
      const right = this.parseFactor();
      operand = { kind: 'binary', span: this.span(start), op: '*', left: operand, right, implicit: true };
    }
    return operand;
  }

  private startsFunction(t: LatexToken): boolean {
    if (t.kind === 'command') return FUNCTION_COMMANDS.has(t.value) || t.value === 'sum' || t.value === 'prod' || (t.value === 'sigma' && this.sigmoidFollows());
    return t.kind === 'word' && (t.style === 'operatorname' || FUNCTION_WORDS.has(t.value));
  }

  /** `\sqrt{x}`, `\sqrt x`, `\sqrt[n]{x}` (the n-th root, a power 1/n). */
  private parseSqrt(start: number, fnSpan: Span): Expr {
    let degree: Expr | undefined;
    if (this.isSymbol('[')) {
      this.next();
      degree = this.insideBrackets(() => this.parseExpression());
      this.expectSymbol(']', 'to close the root degree');
    }
    const arg = this.parseScriptArgument();
    if (!degree) return { kind: 'call', span: this.span(start), fn: 'sqrt', fnSpan, args: [arg] };
    const one: Expr = { kind: 'number', span: { start: fnSpan.end, end: fnSpan.end }, value: 1 };
    const exponent: Expr = { kind: 'binary', span: degree.span, op: '/', left: one, right: degree };
    return { kind: 'binary', span: this.span(start), op: '^', left: arg, right: exponent };
  }

  /** `\frac{a}{b}`, or a derivative when both parts start with ∂ or d. */
  private parseFraction(): Expr {
    const start = this.peek().start;
    if (startsDerivativeFraction(this)) return parseDerivativeFraction(this);
    this.next();
    const numerator = this.parseScriptArgument();
    const denominator = this.parseScriptArgument();
    return { kind: 'binary', span: this.span(start), op: '/', left: numerator, right: denominator };
  }

  // ---- bars ------------------------------------------------------------------------------------

  /** `|x|` (abs). */
  private parseBars(fn: 'abs', closer: string, closerKind: 'symbol' | 'command'): Expr {
    const open = this.next();
    const inner = this.nested(() => {
      this.barDepth++;
      try { return this.parseExpression(); } finally { this.barDepth--; }
    });
    const close = this.peek();
    if (close.kind !== closerKind || close.value !== closer) this.fail("expected a closing '|'");
    this.next();
    return { kind: 'call', span: this.span(open.start), fn, fnSpan: { start: open.start, end: open.end }, args: [inner] };
  }

  /** `\|x\|` and `\|x\|_2` (norm), `\|x\|^2` and `\|x\|_2^2` (norm2sq), `\|x\|_1` (norm1), `\|x\|_\infty` (normInf). */
  private parseNorm(): Expr {
    const open = this.next();
    const inner = this.nested(() => {
      this.normDepth++;
      try { return this.parseExpression(); } finally { this.normDepth--; }
    });
    const close = this.peek();
    if (close.kind !== 'command' || !(close.value === '|' || close.value === 'rVert' || close.value === 'Vert')) this.fail("expected a closing '\\|'");
    this.next();
    const fnSpan = { start: open.start, end: open.end };
    let fn = 'norm';
    if (this.isSymbol('_')) {
      // d2l writes the Frobenius norm `\|W\|_\textrm{F}`: the font of the subscript does not matter.
      const kind = this.parseSubscript().text.replace(/^\\(?:textrm|mathrm|text|rm|mathsf|textsf)\s*\{\s*([^{}]*?)\s*\}$/, '$1');
      if (kind === '1') fn = 'norm1';
      else if (kind === '\\infty') fn = 'normInf';
      else if (kind !== '2' && kind !== 'F') return unsupported(this.span(open.start), `the ${kind}-norm is not evaluable`);
    }
    if (fn === 'norm' && this.isSymbol('^') && this.isSquare(1)) {
      this.next();
      this.skipScriptArgument();
      fn = 'norm2sq';
    }
    return { kind: 'call', span: this.span(open.start), fn, fnSpan, args: [inner] };
  }

  /** Whether the script argument k tokens ahead is exactly 2 (`^2` or `^{2}`). */
  private isSquare(k: number): boolean {
    const t = this.peek(k);
    if (t.kind === 'number') return t.value === '2';
    const inner = this.peek(k + 1);
    return t.kind === 'symbol' && t.value === '{' && inner.kind === 'number' && inner.value === '2' && this.isSymbol('}', k + 2);
  }

  private parseUnknownEnvironment(t: LatexToken): Expr {
    if (t.partner === undefined) this.fail(`\\begin{${t.value}} has no \\end{${t.value}}`);
    const end = this.tokens[t.partner];
    this.pos = t.partner + 1;
    this.lastEnd = end.end;
    return unsupported({ start: t.start, end: end.end }, `the ${t.value} environment is not evaluable`);
  }
}

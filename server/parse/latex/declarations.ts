// Shape declarations: `\theta \in \mathbb{R}^{n}`, `W \in \mathbb{R}^{m \times n}`, and lists of names
// sharing one shape, `x, y \in \mathbb{R}^n` (each listed name is declared with that shape).
import type { Expr, Span, Stmt } from '../ast';
import { Bail } from './cursor';
import type { LatexParser } from './parser';
import { relationOf } from './relations';
import type { LatexToken } from './tokens';

type NameExpr = Extract<Expr, { kind: 'name' }>;

function isRealSpace(t: LatexToken | undefined): boolean {
  return t !== undefined && t.kind === 'word' && t.style === 'mathbb' && t.value === 'R';
}

function isHardSeparator(t: LatexToken): boolean {
  return (t.kind === 'command' && t.value === '\\') || (t.kind === 'symbol' && t.value === ';');
}

/** For each token index k < end: whether the first top-level relation after k (before a `\\` or `;`)
 *  is `\in \mathbb{R}`. A top-level comma followed by such a relation may belong to a list of declared
 *  names rather than separate two equations. One backward pass. */
export function declarationAhead(tokens: LatexToken[], depthBefore: Int32Array, end: number): Uint8Array {
  const ahead = new Uint8Array(end);
  let declares = 0;
  for (let k = end - 1; k >= 0; k--) {
    ahead[k] = declares;
    const t = tokens[k];
    if (depthBefore[k] !== 0) continue;
    if (isHardSeparator(t)) declares = 0;
    else if (relationOf(t) !== undefined) declares = relationOf(t) === '\\in' && isRealSpace(tokens[k + 1]) ? 1 : 0;
  }
  return ahead;
}

/** After the first listed expression, at a `,`: the rest of the list, `\in`, and the set, one shape
 *  statement per name. A missing item (`x,, y`, `x, \in`), an item that is not a name or a list not
 *  followed by `\in \mathbb{R}` abandons the equation with a message. */
export function readListDeclaration(p: LatexParser, first: Expr): Stmt[] {
  const names = [listedName(p, first)];
  while (p.isSymbol(',')) {
    const comma = p.next();
    const t = p.peek();
    if (t.kind === 'eof' || (t.kind === 'symbol' && t.value === ',') || relationOf(t) !== undefined) {
      p.fail(`expected a name after ',' in the list of declared names, found ${describe(p, t)}`, { start: comma.start, end: Math.max(comma.end, t.end) });
    }
    names.push(listedName(p, p.parseExpression()));
  }
  if (relationOf(p.peek()) !== '\\in' || !isRealSpace(p.peek(1))) {
    p.fail(`expected \\in \\mathbb{R}… after the list of declared names, found ${describe(p, p.peek())}`);
  }
  p.next();
  return declare(p, names);
}

function describe(p: LatexParser, t: LatexToken): string {
  return t.kind === 'eof' ? 'nothing' : `'${p.source.slice(t.start - p.offset, t.end - p.offset)}'`;
}

function listedName(p: LatexParser, e: Expr): NameExpr {
  if (e.kind === 'name') return e;
  if (e.kind === 'unsupported') throw new Bail(e.reason, e.span);   // `x_1, \ldots, x_n`: the ellipsis says why
  const written = p.source.slice(e.span.start - p.offset, e.span.end - p.offset);
  return p.fail(`expected a name in the list of declared names, found '${written}'`, e.span);
}

/** At the token after `\in`: `\mathbb{R}`, `\mathbb{R}^3`, `\mathbb{R}^{m \times n}` declaring the name
 *  `left`; undefined (nothing read) when the set is not ℝ or `left` not a name (then `\in` is a relation). */
export function readShape(p: LatexParser, left: Expr): Stmt | undefined {
  if (!isRealSpace(p.peek()) || left.kind !== 'name') return undefined;
  return declare(p, [left])[0];
}

/** At `\mathbb{R}`: reads the set, and declares each name with its dimensions. */
function declare(p: LatexParser, names: NameExpr[]): Stmt[] {
  p.next();
  const dims = readDimensions(p);
  const span: Span = p.span(names[0].span.start);
  return names.map((n) => ({ kind: 'shape', span, name: n.name, nameSpan: n.span, dims }));
}

function readDimensions(p: LatexParser): Expr[] {
  const dims: Expr[] = [];
  if (!p.isSymbol('^')) return dims;
  p.next();
  if (!p.isSymbol('{')) return [p.parseScriptArgument()];
  p.timesSeparates = true;
  try {
    p.parseGroup(() => {
      dims.push(p.parseExpression());
      while (isDimensionSeparator(p)) { p.next(); dims.push(p.parseExpression()); }
    });
  } finally {
    p.timesSeparates = false;
  }
  return dims;
}

function isDimensionSeparator(p: LatexParser): boolean {
  const t = p.peek();
  return (t.kind === 'command' && t.value === 'times') || (t.kind === 'symbol' && t.value === ',');
}

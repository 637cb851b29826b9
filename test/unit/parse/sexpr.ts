// Prints parse trees as compact s-expressions so tests can state expected shapes in one line.
//   number 2 · name x_1 · (neg x) · (+ a b) · (* a b) explicit · (*i a b) implicit · (log x)
//   (h[j] x) call with component · (sum t :axis 0) · (index1 a i) · (T x) · (attr x shape) · [a b]
//   (sum j 1 n body) · (deriv partial y x_1 x_2) · (? reason) · (: 1 3 _) slices
//   statements: (= y e) · (= (f \theta) e) · (:= a b) · (shape \theta n) · (\approx a b) · bare expressions
import type { Expr, ParsedBlock, SliceExpr, Stmt } from '../../../server/parse/ast';

export function sx(e: Expr | SliceExpr | undefined): string {
  if (!e) return '_';
  switch (e.kind) {
    case 'number': return String(e.value);
    case 'name': return e.name;
    case 'unary': return `(${e.op === '-' ? 'neg' : 'pos'} ${sx(e.arg)})`;
    case 'binary': return `(${e.op}${e.implicit ? 'i' : ''} ${sx(e.left)} ${sx(e.right)})`;
    case 'call': {
      const head = e.component ? `${e.fn}[${sx(e.component)}]` : e.fn;
      const axis = e.axis ? ` :axis ${sx(e.axis)}` : '';
      return `(${[head, ...e.args.map(sx)].join(' ')}${axis})`;
    }
    case 'index': return `(index${e.origin} ${[e.target, ...e.indices].map(sx).join(' ')})`;
    case 'transpose': return `(T ${sx(e.arg)})`;
    case 'attr': return `(attr ${sx(e.target)} ${e.attr})`;
    case 'array': return `[${e.rows.map(sx).join(' ')}]`;
    case 'reduce': return `(${e.op} ${e.index} ${sx(e.lower)} ${sx(e.upper)} ${sx(e.body)})`;
    case 'derivative': return `(${['deriv', e.notation, sx(e.of), ...e.wrt.map(sx)].join(' ')})`;
    case 'unsupported': return `(? ${e.reason})`;
    case 'slice': return `(: ${sx(e.start)} ${sx(e.stop)} ${sx(e.step)})`;
  }
}

export function sxStmt(s: Stmt): string {
  switch (s.kind) {
    case 'assign': {
      const target = s.params ? `(${sx(s.target)} ${s.params.map((p) => p.name).join(' ')})` : sx(s.target);
      return `(${s.op} ${target} ${sx(s.value)})`;
    }
    case 'expr': return sx(s.value);
    case 'shape': return `(shape ${s.name}${s.dims.map((d) => ' ' + sx(d)).join('')})`;
    case 'relation': return `(${s.op} ${sx(s.left)} ${sx(s.right)})`;
  }
}

export function sxBlock(b: ParsedBlock): string {
  return b.statements.map(sxStmt).join('; ');
}

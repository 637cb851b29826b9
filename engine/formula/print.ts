// Formula expression -> text, Unicode or LaTeX, with the fewest parentheses precedence allows.
// Subexpressions used at least twice (and more than a name or a number) are printed once, as a
// definition t₁ = …, and referred to by name.
import { Nested } from '../ndarray';
import { formatShape } from '../shape';
import { Expr, ExprOf, uniformValue } from './expr';
import { formatNumber, latexLabel, Style, superscript, unicodeLabel } from './labels';

export interface Formula { text: string; definitions: Array<{ name: string; text: string }> }

// Binding strength: a child that binds more loosely than its context needs parentheses.
const SUM = 1, NEG = 2, PRODUCT = 3, POWER = 4, ATOM = 5;
interface Printed { text: string; prec: number }

const UNARY_UNICODE: Record<string, string> = {
  exp: 'exp', log: 'log', sin: 'sin', cos: 'cos', tan: 'tan', tanh: 'tanh', sigmoid: 'σ', relu: 'relu', sign: 'sign',
};
const UNARY_LATEX: Record<string, string> = {
  exp: '\\exp', log: '\\log', sin: '\\sin', cos: '\\cos', tan: '\\tan', tanh: '\\tanh', sigmoid: '\\sigma',
  relu: '\\operatorname{relu}', sign: '\\operatorname{sign}',
};
const DEFINITION_BASES = ['t', 'u', 'w', 's', 'q', 'r'];

export function printFormula(root: Expr, style: Style): Formula {
  const names = nameSharedNodes(root, style);
  const printer = new Printer(style, names);
  const definitions = [...names].map(([e, name]) => ({ name, text: printer.body(e).text }));
  return { text: printer.expr(root).text, definitions };
}

/** Shared, non-trivial nodes in dependency order (inner first), with their names. */
function nameSharedNodes(root: Expr, style: Style): Map<Expr, string> {
  const uses = new Map<Expr, number>();
  const postOrder: Expr[] = [];
  const leafLabels = new Set<string>();
  // Iterative post-order walk over the DAG, counting each parent→child edge once.
  const stack: Array<{ e: Expr; i: number }> = [{ e: root, i: 0 }];
  const seen = new Set<Expr>([root]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const kids = children(top.e);
    if (top.i < kids.length) {
      const kid = kids[top.i++];
      uses.set(kid, (uses.get(kid) ?? 0) + 1);
      if (!seen.has(kid)) {
        seen.add(kid);
        stack.push({ e: kid, i: 0 });
      }
    } else {
      stack.pop();
      postOrder.push(top.e);
      if (top.e.kind === 'leaf') leafLabels.add(top.e.label);
    }
  }
  // A definition name must not look like a leaf's name ("t" clashes with t, t_1, t_{2}, ...).
  const base = DEFINITION_BASES.find((b) => ![...leafLabels].some((l) => l === b || l.startsWith(`${b}_`))) ?? 'tmp';
  const names = new Map<Expr, string>();
  for (const e of postOrder) {
    if ((uses.get(e) ?? 0) >= 2 && !isTrivial(e)) {
      const n = String(names.size + 1);
      names.set(e, style === 'latex' ? `${base}_{${n}}` : base + subscriptDigits(n));
    }
  }
  return names;
}

const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const subscriptDigits = (digits: string): string => [...digits].map((d) => SUB_DIGITS[Number(d)]).join('');

function children(e: Expr): readonly Expr[] {
  if (e.kind === 'sum') return e.terms.map((t) => t.expr);
  if (e.kind === 'apply') return e.args;
  return [];
}

function isTrivial(e: Expr): boolean {
  if (e.kind === 'const' || e.kind === 'leaf') return true;
  return e.kind === 'apply' && (e.fn === 'neg' || e.fn === 'transpose') && isTrivial(e.args[0]);
}

class Printer {
  constructor(private readonly style: Style, private readonly names: Map<Expr, string>) {}

  private get latex(): boolean { return this.style === 'latex'; }
  private get minus(): string { return this.latex ? '-' : '−'; }

  /** A node as it appears inside a bigger formula: its definition's name when it has one. */
  expr(e: Expr): Printed {
    const name = this.names.get(e);
    return name !== undefined ? { text: name, prec: ATOM } : this.body(e);
  }

  /** A node written out (its direct children may still be names). */
  body(e: Expr): Printed {
    switch (e.kind) {
      case 'const': return this.constant(e);
      case 'leaf': return { text: this.latex ? latexLabel(e.label) : unicodeLabel(e.label), prec: ATOM };
      case 'sum': return this.sum(e);
      case 'apply': return this.apply(e);
    }
  }

  private wrap(e: Expr, min: number): string {
    const p = this.expr(e);
    return p.prec >= min ? p.text : this.parens(p.text);
  }

  private parens(text: string): string {
    return this.latex ? `\\left(${text}\\right)` : `(${text})`;
  }

  private constant(e: ExprOf<'const'>): Printed {
    const v = uniformValue(e);
    if (v !== undefined) return { text: formatNumber(v, this.style), prec: v < 0 ? NEG : ATOM };
    if (e.value.size <= 9) return { text: this.arrayLiteral(e.value.toNested()), prec: ATOM };
    return { text: this.latex ? `\\mathrm{const}_{${formatShape(e.value.shape)}}` : `const${formatShape(e.value.shape)}`, prec: ATOM };
  }

  private arrayLiteral(x: Nested): string {
    return typeof x === 'number' ? formatNumber(x, this.style) : `[${x.map((y) => this.arrayLiteral(y)).join(', ')}]`;
  }

  private sum(e: ExprOf<'sum'>): Printed {
    let text = '';
    e.terms.forEach(({ expr, negative }, i) => {
      const term = this.wrap(expr, negative ? PRODUCT : NEG);
      if (i === 0) text = negative ? `${this.minus}${term}` : term;
      else text += negative ? ` ${this.minus} ${term}` : ` + ${term}`;
    });
    return { text, prec: SUM };
  }

  private apply(e: ExprOf<'apply'>): Printed {
    const [a, b] = e.args;
    const L = this.latex;
    const call = (name: string, ...args: string[]): Printed => ({ text: `${name}(${args.join(', ')})`, prec: ATOM });
    const op = (plain: string, tex: string): string => (L ? `\\operatorname{${tex}}` : plain);
    switch (e.fn) {
      case 'neg': return { text: this.minus + this.wrap(a, PRODUCT), prec: NEG };
      case 'mul': return this.product(a, b);
      case 'div':
        if (L) return { text: `\\frac{${this.expr(a).text}}{${this.expr(b).text}}`, prec: PRODUCT };
        return { text: `${this.wrap(a, PRODUCT)}/${this.wrap(b, POWER)}`, prec: PRODUCT };
      case 'pow': return this.power(e);
      case 'sqrt':
        if (L) return { text: `\\sqrt{${this.expr(a).text}}`, prec: ATOM };
        return { text: `√${this.wrap(a, ATOM)}`, prec: POWER };
      case 'abs': return { text: L ? `\\left|${this.expr(a).text}\\right|` : `|${this.expr(a).text}|`, prec: ATOM };
      case 'step': return { text: `[${this.expr(a).text} > 0]`, prec: ATOM };
      case 'greaterMask': return { text: `[${this.expr(a).text} > ${this.expr(b).text}]`, prec: ATOM };
      case 'maxMask': {
        // 1 where an element is the maximum of its group (ties share), the gradient of max
        const axes = e.attrs.axes as number[];
        const max = L ? '\\max' : 'max';
        const group = axes.length === a.shape.length ? '' : `, axis=${axes.length === 1 ? axes[0] : `(${axes.join(', ')})`}`;
        return { text: `[${this.expr(a).text} = ${max}(${this.expr(a).text}${group})]`, prec: ATOM };
      }
      case 'maximum': return call(L ? '\\max' : 'max', this.expr(a).text, this.expr(b).text);
      case 'minimum': return call(L ? '\\min' : 'min', this.expr(a).text, this.expr(b).text);
      case 'matmul': {
        // an elementwise product next to a matrix product gets parentheses, though precedence allows none
        const left = isElementwiseProduct(a) && !this.names.has(a) ? this.parens(this.expr(a).text) : this.wrap(a, PRODUCT);
        return { text: `${left}${L ? ' ' : '·'}${this.wrap(b, POWER)}`, prec: PRODUCT };
      }
      case 'transpose': {
        const axes = e.attrs.axes as number[] | undefined;
        if (!axes || (axes.length === 2 && axes[0] === 1)) {
          return { text: L ? `{${this.wrap(a, ATOM)}}^\\top` : `${this.wrap(a, ATOM)}ᵀ`, prec: POWER };
        }
        return call(op('transpose', 'transpose'), this.expr(a).text, `(${axes.join(', ')})`);
      }
      case 'sum': case 'mean': case 'max': case 'logsumexp': return this.reduction(e);
      case 'softmax': case 'logSoftmax': {
        const axis = e.attrs.axis as number;
        const args = [this.expr(a).text];
        if (axis !== a.shape.length - 1) args.push(`axis=${axis}`);
        return call(op(e.fn, e.fn), ...args);
      }
      case 'reshape':
        // A vector and the column (or row) matrix it is reshaped to print alike: vectors are columns.
        if (isVectorReshape(a.shape, e.shape)) return this.expr(a);
        return call(op('reshape', 'reshape'), this.expr(a).text, formatShape(e.attrs.shape as number[]));
      case 'broadcastTo':
        return call(op('broadcast', 'broadcast'), this.expr(a).text, formatShape(e.attrs.shape as number[]));
      case 'index': {
        const axis = e.attrs.axis as number;
        return { text: `${this.wrap(a, ATOM)}[${':, '.repeat(axis)}${e.attrs.index}]`, prec: ATOM };
      }
      default: {
        if (e.fn in UNARY_UNICODE && e.args.length === 1) return call(L ? UNARY_LATEX[e.fn] : UNARY_UNICODE[e.fn], this.expr(a).text);
        // Everything else (slice, gather, scatter, concat, stack, where, …) as a call with its attributes.
        const attrs = Object.entries(e.attrs).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
        return call(op(e.fn, e.fn), ...e.args.map((x) => this.expr(x).text), ...attrs);
      }
    }
  }

  private product(a: Expr, b: Expr): Printed {
    const left = isApply(a, 'matmul') && !this.names.has(a) ? this.parens(this.expr(a).text) : this.wrap(a, PRODUCT);
    const right = isApply(b, 'matmul') && !this.names.has(b) ? this.parens(this.expr(b).text) : this.wrap(b, PRODUCT);
    // 2x₁, 2cos(x): a number in front of a name or call reads without a dot.
    if (uniformValue(a) !== undefined && /^[\p{L}\\(]/u.test(right)) return { text: `${left}${this.latex ? ' ' : ''}${right}`, prec: PRODUCT };
    // ⊙ only when both sides are tensors: then · would read as a matrix product
    const elementwise = !isScalarShape(a) && !isScalarShape(b);
    const dot = this.latex ? (elementwise ? ' \\odot ' : ' \\cdot ') : elementwise ? ' ⊙ ' : '·';
    return { text: `${left}${dot}${right}`, prec: PRODUCT };
  }

  private power(e: ExprOf<'apply'>): Printed {
    const base = this.wrap(e.args[0], ATOM);
    if (e.args.length === 2) {
      const exponent = this.expr(e.args[1]).text;
      return { text: this.latex ? `{${base}}^{${exponent}}` : `${base}^${this.wrap(e.args[1], ATOM)}`, prec: POWER };
    }
    const p = e.attrs.exponent as number;
    if (p === 0.5) return this.latex ? { text: `\\sqrt{${this.expr(e.args[0]).text}}`, prec: ATOM } : { text: `√${base}`, prec: POWER };
    const text = formatNumber(p, 'unicode');
    if (this.latex) return { text: `{${base}}^{${formatNumber(p, 'latex')}}`, prec: POWER };
    return { text: base + (superscript(text) ?? `^${p < 0 ? `(${text})` : text}`), prec: POWER };
  }

  private reduction(e: ExprOf<'apply'>): Printed {
    const a = e.args[0];
    const axes = e.attrs.axes as number[];
    const keepdims = e.attrs.keepdims === true;
    const all = axes.length === a.shape.length && !keepdims;
    const names: Record<string, [string, string]> = {
      sum: ['Σ', '\\sum'], mean: ['mean', '\\operatorname{mean}'], max: ['max', '\\max'], logsumexp: ['logsumexp', '\\operatorname{logsumexp}'],
    };
    const [plain, tex] = names[e.fn];
    const inner = this.expr(a).text;
    if (all) return { text: `${this.latex ? tex : plain}(${inner})`, prec: ATOM };
    const name = e.fn === 'sum' ? (this.latex ? '\\operatorname{sum}' : 'sum') : this.latex ? tex : plain;
    const axisText = `axis=${axes.length === 1 ? axes[0] : `(${axes.join(', ')})`}`;
    return { text: `${name}(${inner}, ${axisText}${keepdims ? ', keepdims' : ''})`, prec: ATOM };
  }
}

const isScalarShape = (e: Expr): boolean => e.shape.every((d) => d === 1);
/** The node that prints for `e`: vector ↔ column reshapes print as their input. */
function shown(e: Expr): Expr {
  while (e.kind === 'apply' && e.fn === 'reshape' && isVectorReshape(e.args[0].shape, e.shape)) e = e.args[0];
  return e;
}
const isApply = (e: Expr, fn: string): boolean => shown(e).kind === 'apply' && (shown(e) as ExprOf<'apply'>).fn === fn;
const isElementwiseProduct = (e: Expr): boolean => {
  const s = shown(e);
  return s.kind === 'apply' && s.fn === 'mul' && !isScalarShape(s.args[0]) && !isScalarShape(s.args[1]);
};

/** (n,) ↔ (n, 1) or (1, n): the reshapes matmul uses to treat a vector as a matrix. */
function isVectorReshape(from: readonly number[], to: readonly number[]): boolean {
  const [vector, matrix] = from.length === 1 ? [from, to] : [to, from];
  return vector.length === 1 && matrix.length === 2 && (matrix[0] === 1 || matrix[1] === 1) && matrix[0] * matrix[1] === vector[0];
}

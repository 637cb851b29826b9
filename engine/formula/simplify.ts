// Tensor graph -> simplified formula expression: constant folding, x·1 → x, 1·x → x, x+0 → x,
// zero terms dropped, like terms combined, −(−x) → x, x·(1/y) → x/y, a/1 → a, sums flattened and
// ordered, broadcasts and size-1 reshapes/reductions elided (see expr.ts on shapes).
import { topoSort } from '../graph';
import { broadcastShapes } from '../ndarray';
import { sameShape, Shape, shapeSize } from '../shape';
import { Tensor } from '../tensor';
import { evaluateExpr } from './evaluate';
import { Expr, ExprBuilder, ExprOf, isSizeOne, uniformValue } from './expr';

/** Ops that broadcast their operands elementwise, so an operand whose broadcast was elided is still right. */
const ELEMENTWISE = new Set([
  'add', 'sub', 'mul', 'div', 'neg', 'pow', 'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu',
  'abs', 'sqrt', 'step', 'sign', 'maximum', 'minimum', 'where', 'greaterMask',
]);
/** Ops that map a size-1 input to the same single value (possibly reshaped): elided from size 1 to size 1. */
const IDENTITY_ON_SIZE_ONE = new Set(['reshape', 'sum', 'mean', 'max', 'logsumexp', 'transpose', 'index', 'slice', 'gather']);

type Term = { expr: Expr; negative: boolean };

export class Simplifier {
  private readonly b = new ExprBuilder();

  /** The simplified expression of `root`. Iterative over the graph, so deep graphs are fine. */
  fromGraph(root: Tensor, labelOf: (leaf: Tensor) => string | undefined): Expr {
    const exprs = new Map<Tensor, Expr>();
    for (const t of topoSort([root])) {
      exprs.set(t, t.op ? this.fromNode(t, t.inputs.map((i) => exprs.get(i)!)) : this.fromLeaf(t, labelOf(t)));
    }
    return exprs.get(root)!;
  }

  private fromLeaf(t: Tensor, label: string | undefined): Expr {
    // A named constant (data X, targets y) stays a name: folding would print its numbers instead.
    if (t.requiresGrad || label !== undefined) return this.b.leaf(t, label ?? `input_{${t.id}}`);
    return this.b.constant(t.value);
  }

  private fromNode(t: Tensor, args: Expr[]): Expr {
    const op = t.op!;
    const [a, c] = args;
    switch (op.name) {
      case 'add': return this.sum([{ expr: a, negative: false }, { expr: c, negative: false }]);
      case 'sub': return this.sum([{ expr: a, negative: false }, { expr: c, negative: true }]);
      case 'neg': return this.negate(a);
      case 'mul': return this.product(a, c);
      case 'div': return this.quotient(a, c);
      case 'broadcastTo': return a;
      // The analysis's pass-through node (`v_1 = x_1`, a call h(x)): printing it would only add noise.
      case 'identity': return a;
      case 'exp':
        // exp(logSoftmax(x)) is how the engine writes softmax(x) in cross-entropy gradients
        if (isApply(a, 'logSoftmax')) return this.b.apply('softmax', a.args, a.shape, { axis: a.attrs.axis });
        // … and exp(x − logsumexp(x)) how it writes softmax in logsumexp gradients
        if (a.kind === 'sum' && a.terms.length === 2 && !a.terms[0].negative && a.terms[1].negative) {
          const x = a.terms[0].expr;
          const lse = a.terms[1].expr;
          if (isApply(lse, 'logsumexp') && lse.args[0] === x) {
            const axes = lse.attrs.axes as number[];
            if (axes.length === 1 && (lse.attrs.keepdims === true || x.shape.length === 1)) {
              return this.b.apply('softmax', [x], x.shape, { axis: axes[0] });
            }
          }
        }
        break;
      case 'pow':
        if (typeof op.attrs?.exponent === 'number') return this.power(a, op.attrs.exponent);
        break;
      case 'sum':
      case 'mean':
      case 'max':
        // A reduction of a broadcast single value: count·x for sum, x itself for mean and max.
        if (isSizeOne(a.shape) && !isSizeOne(t.inputs[0].shape)) {
          const count = shapeSize(t.inputs[0].shape) / shapeSize(t.shape);
          return op.name === 'sum' ? this.product(this.b.scalar(count), a) : a;
        }
        break;
    }
    if (IDENTITY_ON_SIZE_ONE.has(op.name) && isSizeOne(t.inputs[0].shape) && isSizeOne(t.shape)) return a;
    if (!ELEMENTWISE.has(op.name)) args = args.map((e, i) => this.withShape(e, t.inputs[i].shape));
    if (args.every((e) => e.kind === 'const')) return this.b.constant(op.compute(args.map((e) => (e as ExprOf<'const'>).value)));
    const shape = ELEMENTWISE.has(op.name) ? broadcastAll(args) : t.shape;
    return this.b.apply(op.name, args, shape, op.attrs ?? {}, op);
  }

  /** `e` broadcast to exactly `shape` (undoing an elided broadcast) for ops that need the true shape. */
  private withShape(e: Expr, shape: Shape): Expr {
    if (sameShape(e.shape, shape)) return e;
    return this.fold(this.b.apply('broadcastTo', [e], shape, { shape: [...shape] }));
  }

  /** Replaces a made-up node whose operands are all constants by its value. */
  private fold(e: Expr): Expr {
    const operands = e.kind === 'apply' ? e.args : e.kind === 'sum' ? e.terms.map((t) => t.expr) : [];
    if (operands.length > 0 && operands.every((x) => x.kind === 'const')) return this.b.constant(evaluateExpr(e).value);
    return e;
  }

  sum(input: Term[]): Expr {
    // Flatten nested sums and negations, collect constants, combine like terms (c·x + d·x = (c+d)·x).
    const flat: Term[] = [];
    const pending = [...input];
    while (pending.length > 0) {
      const { expr, negative } = pending.shift()!;
      if (expr.kind === 'sum') pending.unshift(...expr.terms.map((t) => ({ expr: t.expr, negative: t.negative !== negative })));
      else if (expr.kind === 'apply' && expr.fn === 'neg') pending.unshift({ expr: expr.args[0], negative: !negative });
      else flat.push({ expr, negative });
    }
    let constantTotal = 0;
    const otherConstants: Term[] = [];
    const coefficients = new Map<Expr, number>();
    for (const { expr, negative } of flat) {
      const v = uniformValue(expr);
      if (v !== undefined) constantTotal += negative ? -v : v;
      else if (expr.kind === 'const') otherConstants.push(this.signedConstant(expr, negative));
      else {
        const [c, base] = splitCoefficient(expr);
        coefficients.set(base, (coefficients.get(base) ?? 0) + (negative ? -c : c));
      }
    }
    const terms: Term[] = [];
    for (const [base, c] of coefficients) {
      if (c === 0) continue;
      terms.push({ expr: this.product(this.b.scalar(Math.abs(c)), base), negative: c < 0 });
    }
    // Terms read in the order their variables were created (x₁ before x₂), constants last, but a
    // positive term leads when there is one (1 − t, not −t + 1).
    terms.sort((p, q) => p.expr.firstLeaf - q.expr.firstLeaf);
    terms.push(...otherConstants);
    if (constantTotal !== 0 || Number.isNaN(constantTotal)) {
      terms.push({ expr: this.b.scalar(Math.abs(constantTotal)), negative: constantTotal < 0 });
    }
    const firstPositive = terms.findIndex((t) => !t.negative);
    if (firstPositive > 0) terms.unshift(...terms.splice(firstPositive, 1));
    if (terms.length === 0) return this.b.scalar(0);
    if (terms.length === 1) return terms[0].negative ? this.negate(terms[0].expr) : terms[0].expr;
    return this.fold(this.b.sum(terms, broadcastAll(terms.map((t) => t.expr))));
  }

  /** A constant term written with a minus when its elements are all ≤ 0: x − [0, 1], not x + [0, −1]. */
  private signedConstant(e: ExprOf<'const'>, negative: boolean): Term {
    if (!e.value.data.every((v) => v <= 0)) return { expr: e, negative };
    return { expr: this.negate(e), negative: !negative };
  }

  negate(a: Expr): Expr {
    const v = uniformValue(a);
    if (v !== undefined) return this.b.scalar(-v, a.shape);
    if (a.kind === 'apply' && a.fn === 'neg') return a.args[0];
    if (a.kind === 'sum') return this.sum(a.terms.map((t) => ({ expr: t.expr, negative: !t.negative })));
    return this.fold(this.b.apply('neg', [a], a.shape));
  }

  product(a: Expr, c: Expr): Expr {
    const va = uniformValue(a);
    const vc = uniformValue(c);
    if (va !== undefined && vc !== undefined) return this.b.scalar(va * vc, broadcastShapes(a.shape, c.shape));
    if (va === 0 || vc === 0) return this.b.scalar(0);
    if (va === 1) return c;
    if (vc === 1) return a;
    if (va === -1) return this.negate(c);
    if (vc === -1) return this.negate(a);
    if (vc !== undefined) return this.product(c, a); // the number first: 2·x, not x·2
    if (isNeg(a)) return this.negate(this.product(a.args[0], c));
    if (isNeg(c)) return this.negate(this.product(a, c.args[0]));
    if (va !== undefined) {
      if (va < 0) return this.negate(this.product(this.b.scalar(-va), c));
      // (2/3)·x reads better as 2x/3
      const fraction = smallFraction(va);
      if (fraction) return this.quotient(this.product(this.b.scalar(fraction[0]), c), this.b.scalar(fraction[1]));
      const [inner, base] = splitCoefficient(c);
      if (inner !== 1) return this.product(this.b.scalar(va * inner), base);
      if (isReciprocal(c)) return this.quotient(this.b.scalar(va), c.args[1]);
    }
    if (isReciprocal(c)) return this.quotient(a, c.args[1]);
    if (isReciprocal(a)) return this.quotient(c, a.args[1]);
    // x·(2y) → 2(x·y): numbers gather at the front
    const [k, rest] = splitCoefficient(c);
    if (k !== 1) return this.product(this.b.scalar(k), this.product(a, rest));
    // (p/q)·c → (p·c)/q, so a product has at most one fraction bar, at the top
    if (isApply(a, 'div')) return this.quotient(this.product(a.args[0], c), a.args[1]);
    if (isApply(c, 'div')) return this.quotient(this.product(a, c.args[0]), c.args[1]);
    // x·x → x², x²·x → x³, xᵖ·x^q → x^(p+q)
    const [baseA, powerA] = splitPower(a);
    const [baseC, powerC] = splitPower(c);
    if (baseA === baseC && a.kind !== 'const') return this.power(baseA, powerA + powerC);
    return this.fold(this.b.apply('mul', [a, c], broadcastShapes(a.shape, c.shape)));
  }

  quotient(a: Expr, c: Expr): Expr {
    const va = uniformValue(a);
    const vc = uniformValue(c);
    if (a.kind === 'const' && c.kind === 'const') return this.fold(this.b.apply('div', [a, c], broadcastShapes(a.shape, c.shape)));
    if (vc === 1) return a;
    if (vc === -1) return this.negate(a);
    if (va === 0) return this.b.scalar(0);
    if (isNeg(a)) return this.negate(this.quotient(a.args[0], c));
    if (isNeg(c)) return this.negate(this.quotient(a, c.args[0]));
    if (va !== undefined && va < 0) return this.negate(this.quotient(this.b.scalar(-va), c));
    // (x/y)/z = x/(y·z)
    if (isApply(a, 'div')) return this.quotient(a.args[0], this.product(a.args[1], c));
    // 4x/(6y) = 2x/(3y): cancel common integer factors of the coefficients
    const [ka, restA] = splitCoefficient(a);
    const [kc, restC] = splitCoefficient(c);
    const common = gcd(ka, kc);
    if (common > 1) {
      return this.quotient(this.product(this.b.scalar(ka / common), restA), this.product(this.b.scalar(kc / common), restC));
    }
    return this.b.apply('div', [a, c], broadcastShapes(a.shape, c.shape));
  }

  power(a: Expr, exponent: number): Expr {
    if (exponent === 1) return a;
    if (exponent === 0) return this.b.scalar(1);
    // (xᵖ)^q = x^(pq) holds for every real x only with integer exponents
    if (isApply(a, 'pow') && a.args.length === 1) {
      const inner = a.attrs.exponent as number;
      if (Number.isInteger(inner) && Number.isInteger(exponent)) return this.power(a.args[0], inner * exponent);
    }
    return this.fold(this.b.apply('pow', [a], a.shape, { exponent }));
  }
}

// The `& { fn: F }` keeps TypeScript from concluding, when the test fails, that e is no 'apply' at all.
const isApply = <F extends string>(e: Expr, fn: F): e is ExprOf<'apply'> & { fn: F } => e.kind === 'apply' && e.fn === fn;
const isNeg = (e: Expr): e is ExprOf<'apply'> & { fn: 'neg' } => isApply(e, 'neg');

/** xᵖ (a fixed exponent) → [x, p]; anything else → [e, 1]. */
function splitPower(e: Expr): [Expr, number] {
  if (isApply(e, 'pow') && e.args.length === 1) return [e.args[0], e.attrs.exponent as number];
  return [e, 1];
}

/** 1/y, written as a division (the shape x·(1/y) → x/y rewrites). */
function isReciprocal(e: Expr): e is ExprOf<'apply'> & { fn: 'div' } {
  return e.kind === 'apply' && e.fn === 'div' && uniformValue(e.args[0]) === 1;
}

/** c·x → [c, x] for a numeric coefficient c; anything else → [1, e]. */
function splitCoefficient(e: Expr): [number, Expr] {
  if (e.kind === 'apply' && e.fn === 'mul') {
    const v = uniformValue(e.args[0]);
    if (v !== undefined && isSizeOne(e.args[0].shape)) return [v, e.args[1]];
  }
  return [1, e];
}

function broadcastAll(es: readonly Expr[]): Shape {
  return es.reduce<Shape>((s, e) => broadcastShapes(s, e.shape), []);
}

/** v = p/q with a small denominator q > 1 (to float64 precision), as [p, q]; otherwise undefined. */
function smallFraction(v: number): [number, number] | undefined {
  if (Number.isInteger(v)) return undefined;
  for (let q = 2; q <= 16; q++) {
    const p = Math.round(v * q);
    if (Math.abs(p / q - v) <= 1e-15 * Math.abs(v)) return [p, q];
  }
  return undefined;
}

/** Greatest common divisor of two positive integers; 1 for anything else. */
function gcd(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a <= 0 || b <= 0) return 1;
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

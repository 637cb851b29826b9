// The built-in functions both syntaxes share (the parser's canonical names), as engine ops.
import * as E from '../../engine';
import { constant, NDArray, type Tensor } from '../../engine';
import type { Expr, ExprOf, Span } from '../parse/ast';
import { EvaluationError } from './errors';
import type { Frame } from './frame';
import { formatNumber } from './format-number';
import { sampleNormal } from './sampling';

type Call = ExprOf<'call'>;

/** What a built-in needs from the evaluator. */
export interface CallSite {
  readonly syntax: 'latex' | 'autodiff';
  evalExpr(e: Expr, frame: Frame): Tensor;
  evalInteger(e: Expr, frame: Frame): number;
  op(span: Span, make: () => Tensor): Tensor;
  sourceText(span: Span): string;
  checkShape(shape: number[], span: Span): void;
  failureAt(message: string, span: Span, t: Tensor, cause: 'value' | 'shape'): Error;
  randomKey(): string;
  readonly uri: string;
  readonly strict: boolean;
}

type Builtin = (site: CallSite, call: Call, frame: Frame) => Tensor;

function arity(call: Call, min: number, max: number): void {
  const n = call.args.length;
  if (n < min || n > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new EvaluationError(`${call.fn} takes ${expected} argument${max === 1 ? '' : 's'}, got ${n}`, call.span);
  }
}

/** `\ln` of a negative, `\sqrt` of a negative: the values are outside the domain (SPEC §6 diagnostics). */
function checkDomain(site: CallSite, call: Call, arg: Tensor, allowZero: boolean): void {
  if (!site.strict) return;
  const d = arg.value.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v < 0 || (!allowZero && v === 0)) {
      const what = v < 0 ? `a negative number (${formatNumber(v)})` : 'zero';
      const where = arg.value.size > 1 ? ` (entry ${i + 1} of ${arg.value.size})` : '';
      throw site.failureAt(`${site.sourceText(call.fnSpan)} of ${what}${where} at ${site.sourceText(call.span)}`, call.span, arg, 'value');
    }
  }
}

function unary(f: (t: Tensor) => Tensor, domain?: { allowZero: boolean }): Builtin {
  return (site, call, frame) => {
    arity(call, 1, 1);
    const x = site.evalExpr(call.args[0], frame);
    if (domain) checkDomain(site, call, x, domain.allowZero);
    return site.op(call.span, () => f(x));
  };
}

/** The axis argument of sum/mean/max/softmax: `call.axis`, or a second argument in autodiff code. */
function axisOf(site: CallSite, call: Call, frame: Frame): number | undefined {
  if (call.axis) return site.evalInteger(call.axis, frame);
  if (call.args.length === 2) return site.evalInteger(call.args[1], frame);
  return undefined;
}

function reduction(f: (t: Tensor, axes?: number) => Tensor): Builtin {
  return (site, call, frame) => {
    arity(call, 1, 2);
    const x = site.evalExpr(call.args[0], frame);
    const axis = axisOf(site, call, frame);
    return site.op(call.span, () => f(x, axis));
  };
}

/** max/min: in LaTeX `\max(a, b)` compares; in autodiff code `max(t, axis)` reduces as numpy does. */
function extremum(kind: 'max' | 'min'): Builtin {
  const reduce = (t: Tensor, axis?: number) => kind === 'max' ? E.max(t, axis) : E.neg(E.max(E.neg(t), axis));
  return (site, call, frame) => {
    if (call.args.length === 0) throw new EvaluationError(`${call.fn} needs an argument`, call.span);
    const reduces = call.args.length === 1 || (site.syntax === 'autodiff' && call.args.length === 2) || call.axis !== undefined;
    if (reduces) {
      const x = site.evalExpr(call.args[0], frame);
      const axis = axisOf(site, call, frame);
      return site.op(call.span, () => reduce(x, axis));
    }
    const xs = call.args.map((a) => site.evalExpr(a, frame));
    return site.op(call.span, () => xs.slice(1).reduce((acc, x) => kind === 'max' ? E.maximum(acc, x) : E.minimum(acc, x), xs[0]));
  };
}

function pairwise(f: (a: Tensor, b: Tensor) => Tensor): Builtin {
  return (site, call, frame) => {
    arity(call, 2, 2);
    const [a, b] = call.args.map((x) => site.evalExpr(x, frame));
    return site.op(call.span, () => f(a, b));
  };
}

/** Integer list arguments: `zeros(4, 3)`, `zeros([4, 3])`, `reshape(x, (2, 3))`. */
function integerList(site: CallSite, args: Expr[], frame: Frame): number[] {
  if (args.length === 1 && args[0].kind === 'array') return args[0].rows.map((r) => site.evalInteger(r, frame));
  return args.map((a) => site.evalInteger(a, frame));
}

function dimsOf(site: CallSite, call: Call, args: Expr[], frame: Frame): number[] {
  const dims = integerList(site, args, frame);
  for (const d of dims) if (d < 0) throw new EvaluationError(`${call.fn}: a dimension cannot be negative (${d})`, call.span);
  site.checkShape(dims, call.span);
  return dims;
}

function filled(make: (dims: number[], site: CallSite) => NDArray): Builtin {
  return (site, call, frame) => {
    const dims = dimsOf(site, call, call.args, frame);
    return site.op(call.span, () => constant(make(dims, site)));
  };
}

const norm2sq = (x: Tensor) => E.sum(E.mul(x, x));

export const builtins: Record<string, Builtin> = {
  log: unary(E.log, { allowZero: false }),
  ln: unary(E.log, { allowZero: false }),
  sqrt: unary(E.sqrt, { allowZero: true }),
  exp: unary(E.exp), sin: unary(E.sin), cos: unary(E.cos), tan: unary(E.tan), tanh: unary(E.tanh),
  sigmoid: unary(E.sigmoid), relu: unary(E.relu), abs: unary(E.abs),
  norm: unary((x) => E.sqrt(norm2sq(x))),
  norm2sq: unary(norm2sq),
  norm1: unary((x) => E.sum(E.abs(x))),
  normInf: unary((x) => E.max(E.abs(x))),
  max: extremum('max'), min: extremum('min'),
  maximum: pairwise(E.maximum), minimum: pairwise(E.minimum), matmul: pairwise(E.matmul), dot: pairwise(E.matmul),
  sum: reduction((t, axis) => E.sum(t, axis)),
  mean: reduction((t, axis) => E.mean(t, axis)),
  logsumexp: reduction((t, axis) => E.logsumexp(t, axis)),
  softmax: reduction((t, axis) => E.softmax(t, axis ?? -1)),
  logsoftmax: reduction((t, axis) => E.logSoftmax(t, axis ?? -1)),
  transpose: (site, call, frame) => {
    if (call.args.length === 0) throw new EvaluationError('transpose needs an argument', call.span);
    const x = site.evalExpr(call.args[0], frame);
    const axes = call.args.length > 1 ? integerList(site, call.args.slice(1), frame) : undefined;
    return site.op(call.span, () => E.transpose(x, axes));
  },
  reshape: (site, call, frame) => {
    if (call.args.length < 2) throw new EvaluationError('reshape takes a tensor and a shape', call.span);
    const x = site.evalExpr(call.args[0], frame);
    const dims = integerList(site, call.args.slice(1), frame);
    return site.op(call.span, () => E.reshape(x, dims));
  },
  zeros: filled((dims) => NDArray.zeros(dims)),
  ones: filled((dims) => NDArray.ones(dims)),
  randn: filled((dims, site) => sampleNormal(site.uri, site.randomKey(), dims)),
  grad: (site, call, frame) => {
    arity(call, 2, 2);
    const [y, x] = call.args.map((a) => site.evalExpr(a, frame));
    if (!x.requiresGrad) throw new EvaluationError(`grad: ${site.sourceText(call.args[1].span)} is a constant, not an input`, call.args[1].span);
    return site.op(call.span, () => E.grad(y, [x])[0]);
  },
};

export function isBuiltin(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(builtins, name);
}

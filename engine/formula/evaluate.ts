// Evaluates a formula expression with the engine's own ops. Used to fold constants during
// simplification, and by the tests to check that simplification never changes a value.
import { add, broadcastTo, div, mul, neg, pow, softmax, sub } from '../ops';
import { constant, makeOp, Tensor } from '../tensor';
import { Expr } from './expr';

export function evaluateExpr(root: Expr): Tensor {
  const memo = new Map<Expr, Tensor>();
  const evaluate = (e: Expr): Tensor => {
    let t = memo.get(e);
    if (!t) {
      t = evaluateNode(e, evaluate);
      memo.set(e, t);
    }
    return t;
  };
  return evaluate(root);
}

function evaluateNode(e: Expr, evaluate: (e: Expr) => Tensor): Tensor {
  switch (e.kind) {
    case 'const': return constant(e.value);
    case 'leaf': return e.tensor;
    case 'sum': {
      let total: Tensor | undefined;
      for (const { expr, negative } of e.terms) {
        const t = evaluate(expr);
        total = total ? (negative ? sub(total, t) : add(total, t)) : negative ? neg(t) : t;
      }
      return total ?? constant(0);
    }
    case 'apply': {
      const args = e.args.map(evaluate);
      if (e.op) return makeOp(e.op, args);
      switch (e.fn) {
        case 'mul': return mul(args[0], args[1]);
        case 'div': return div(args[0], args[1]);
        case 'neg': return neg(args[0]);
        case 'pow': return pow(args[0], e.attrs.exponent as number);
        case 'broadcastTo': return broadcastTo(args[0], e.attrs.shape as number[]);
        case 'softmax': return softmax(args[0], e.attrs.axis as number);
        default: throw new Error(`formula: no evaluation rule for made-up node "${e.fn}"`);
      }
    }
  }
}

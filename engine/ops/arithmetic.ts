// Elementwise arithmetic with broadcasting: add, sub, mul, div, neg, pow.
import { mapBinary, mapUnary } from '../elementwise';
import { ArgumentError } from '../errors';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { log } from './unary';
import { sumToShape } from './reduce';
import { sumTangents } from './tangents';

const addOp: Op = {
  name: 'add',
  compute: ([a, b]) => mapBinary(a, b, (x, y) => x + y, 'add'),
  gradient: (g, node) => [sumToShape(g, node.inputs[0].shape), sumToShape(g, node.inputs[1].shape)],
  jvp: (t, node) => sumTangents(t, node),
};

const subOp: Op = {
  name: 'sub',
  compute: ([a, b]) => mapBinary(a, b, (x, y) => x - y, 'sub'),
  gradient: (g, node) => [sumToShape(g, node.inputs[0].shape), sumToShape(neg(g), node.inputs[1].shape)],
  jvp: ([ta, tb], node) => sumTangents([ta, tb && neg(tb)], node),
};

const mulOp: Op = {
  name: 'mul',
  compute: ([a, b]) => mapBinary(a, b, (x, y) => x * y, 'mul'),
  gradient: (g, node) => {
    const [a, b] = node.inputs;
    return [sumToShape(mul(g, b), a.shape), sumToShape(mul(g, a), b.shape)];
  },
  jvp: ([ta, tb], node) => sumTangents([ta && mul(ta, node.inputs[1]), tb && mul(node.inputs[0], tb)], node),
};

const divOp: Op = {
  name: 'div',
  compute: ([a, b]) => mapBinary(a, b, (x, y) => x / y, 'div'),
  gradient: (g, node) => {
    const [a, b] = node.inputs;
    // d(a/b)/db = -(a/b)/b = -node/b
    return [sumToShape(div(g, b), a.shape), sumToShape(neg(div(mul(g, node), b)), b.shape)];
  },
  jvp: ([ta, tb], node) => {
    const b = node.inputs[1];
    return sumTangents([ta && div(ta, b), tb && neg(div(mul(tb, node), b))], node);
  },
};

const negOp: Op = {
  name: 'neg',
  compute: ([a]) => mapUnary(a, (x) => -x),
  gradient: (g) => [neg(g)],
  jvp: ([t]) => neg(t!),
};

/** a ** b with a tensor exponent. */
const powOp: Op = {
  name: 'pow',
  compute: ([a, b]) => mapBinary(a, b, Math.pow, 'pow'),
  gradient: (g, node) => {
    const [a, b] = node.inputs;
    return [
      sumToShape(mul(g, mul(b, pow(a, sub(b, 1)))), a.shape),
      sumToShape(mul(g, mul(node, log(a))), b.shape),
    ];
  },
  jvp: ([ta, tb], node) => {
    const [a, b] = node.inputs;
    return sumTangents([ta && mul(ta, mul(b, pow(a, sub(b, 1)))), tb && mul(tb, mul(node, log(a)))], node);
  },
};

/** a ** p with a fixed number p: one input, the exponent in attrs (no log(a) term, so a < 0 is fine). */
function powScalarOp(p: number): Op {
  return {
    name: 'pow',
    attrs: { exponent: p },
    compute: ([a]) => mapUnary(a, (x) => Math.pow(x, p)),
    gradient: (g, node) => [mul(g, mul(p, pow(node.inputs[0], p - 1)))],
    jvp: ([t], node) => mul(t!, mul(p, pow(node.inputs[0], p - 1))),
  };
}

export function add(a: TensorLike, b: TensorLike): Tensor {
  return makeOp(addOp, [asTensor(a), asTensor(b)]);
}
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return makeOp(subOp, [asTensor(a), asTensor(b)]);
}
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return makeOp(mulOp, [asTensor(a), asTensor(b)]);
}
export function div(a: TensorLike, b: TensorLike): Tensor {
  return makeOp(divOp, [asTensor(a), asTensor(b)]);
}
export function neg(a: TensorLike): Tensor {
  return makeOp(negOp, [asTensor(a)]);
}
/** a ** b. A number exponent makes a one-input node with attrs.exponent; a Tensor exponent a two-input node. */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === 'number') {
    if (!Number.isFinite(b)) throw new ArgumentError(`pow: exponent ${b} is not a finite number`);
    return makeOp(powScalarOp(b), [asTensor(a)]);
  }
  return makeOp(powOp, [asTensor(a), b]);
}

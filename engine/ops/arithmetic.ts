// Elementwise arithmetic with broadcasting: add, sub, mul, div, neg, pow.
import { divide, mapBinary, mapDerivative, mapUnary, minus, negate, plus, times } from '../elementwise';
import { ArgumentError } from '../errors';
import { sumToShapeArray } from '../reduce';
import { powBaseDerivative, powExponentDerivative } from '../scalar-rules';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { log } from './unary';
import { sumToShape } from './reduce';
import { sumTangents } from './tangents';

const addOp: Op = {
  name: 'add',
  compute: ([a, b]) => mapBinary(a, b, plus, 'add'),
  gradient: (g, node) => [sumToShape(g, node.inputs[0].shape), sumToShape(g, node.inputs[1].shape)],
  vjp: (g, node) => [sumToShapeArray(g, node.inputs[0].shape), sumToShapeArray(g, node.inputs[1].shape)],
  jvp: (t, node) => sumTangents(t, node),
};

const subOp: Op = {
  name: 'sub',
  compute: ([a, b]) => mapBinary(a, b, minus, 'sub'),
  gradient: (g, node) => [sumToShape(g, node.inputs[0].shape), sumToShape(neg(g), node.inputs[1].shape)],
  vjp: (g, node) => [sumToShapeArray(g, node.inputs[0].shape), sumToShapeArray(mapUnary(g, negate), node.inputs[1].shape)],
  jvp: ([ta, tb], node) => sumTangents([ta, tb && neg(tb)], node),
};

const mulOp: Op = {
  name: 'mul',
  compute: ([a, b]) => mapBinary(a, b, times, 'mul'),
  gradient: (g, node) => {
    const [a, b] = node.inputs;
    return [sumToShape(mul(g, b), a.shape), sumToShape(mul(g, a), b.shape)];
  },
  vjp: (g, node) => {
    const [a, b] = node.inputs;
    return [sumToShapeArray(mapBinary(g, b.value, times, 'mul'), a.shape), sumToShapeArray(mapBinary(g, a.value, times, 'mul'), b.shape)];
  },
  jvp: ([ta, tb], node) => sumTangents([ta && mul(ta, node.inputs[1]), tb && mul(node.inputs[0], tb)], node),
};

const divOp: Op = {
  name: 'div',
  compute: ([a, b]) => mapBinary(a, b, divide, 'div'),
  gradient: (g, node) => {
    const [a, b] = node.inputs;
    // d(a/b)/db = -(a/b)/b = -node/b
    return [sumToShape(div(g, b), a.shape), sumToShape(neg(div(mul(g, node), b)), b.shape)];
  },
  vjp: (g, node) => {
    const [a, b] = node.inputs;
    const gb = mapBinary(mapBinary(g, node.value, times, 'div'), b.value, (u, v) => -(u / v), 'div');
    return [sumToShapeArray(mapBinary(g, b.value, divide, 'div'), a.shape), sumToShapeArray(gb, b.shape)];
  },
  jvp: ([ta, tb], node) => {
    const b = node.inputs[1];
    return sumTangents([ta && div(ta, b), tb && neg(div(mul(tb, node), b))], node);
  },
};

const negOp: Op = {
  name: 'neg',
  compute: ([a]) => mapUnary(a, negate),
  gradient: (g) => [neg(g)],
  vjp: (g) => [mapUnary(g, negate)],
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
  vjp: (g, node) => {
    const [a, b] = node.inputs;
    const da = mapBinary(a.value, b.value, powBaseDerivative, 'pow');
    const db = mapBinary(node.value, a.value, powExponentDerivative, 'pow');
    return [sumToShapeArray(mapBinary(g, da, times, 'pow'), a.shape), sumToShapeArray(mapBinary(g, db, times, 'pow'), b.shape)];
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
    vjp: (g, node) => [mapDerivative(g, node.inputs[0].value, node.value, (x) => powBaseDerivative(x, p))],
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

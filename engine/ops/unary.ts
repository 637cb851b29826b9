// Elementwise unary math: exp, log, sin, cos, tan, tanh, sigmoid, relu, abs, sqrt,
// and the piecewise-constant masks (step, sign) that the relu/abs gradients are made of.
import { mapDerivative, mapUnary } from '../elementwise';
import { NDArray } from '../ndarray';
import { UnaryName, UnaryRule, unaryRules } from '../scalar-rules';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { add, div, mul, neg, sub } from './arithmetic';
import { zerosOf } from './fill';

/**
 * An elementwise op whose derivative is `local(node)` (a Tensor built from ops), so that
 * gradient = g · local and jvp = ṫ · local. unaryRules[name] is the same math on plain numbers (kernel, vjp).
 */
function elementwise(name: UnaryName, local: (node: Tensor) => Tensor): Op {
  const { value, derivative }: UnaryRule = unaryRules[name];
  return {
    name,
    compute: ([a]) => mapUnary(a, value),
    gradient: (g, node) => [mul(g, local(node))],
    jvp: ([t], node) => mul(t!, local(node)),
    vjp: (g, node) => [mapDerivative(g, node.inputs[0].value, node.value, derivative)],
  };
}

/** A piecewise-constant op: derivative zero wherever it exists. */
function piecewiseConstant(name: UnaryName): Op {
  const { value } = unaryRules[name];
  return {
    name,
    compute: ([a]) => mapUnary(a, value),
    gradient: (_g, node) => [zerosOf(node.inputs[0].shape)],
    jvp: (_t, node) => zerosOf(node.shape),
    vjp: (_g, node) => [NDArray.zeros(node.inputs[0].shape)],
  };
}

const x0 = (node: Tensor): Tensor => node.inputs[0];

// Each local derivative as a graph; unaryRules holds the same derivative on numbers.
const expOp = elementwise('exp', (node) => node);
const logOp = elementwise('log', (node) => div(1, x0(node)));
const sinOp = elementwise('sin', (node) => cos(x0(node)));
const cosOp = elementwise('cos', (node) => neg(sin(x0(node))));
const tanOp = elementwise('tan', (node) => add(1, mul(node, node)));
const tanhOp = elementwise('tanh', (node) => sub(1, mul(node, node)));
const sigmoidOp = elementwise('sigmoid', (node) => mul(node, sub(1, node)));
const reluOp = elementwise('relu', (node) => step(x0(node)));
const absOp = elementwise('abs', (node) => sign(x0(node)));
const sqrtOp = elementwise('sqrt', (node) => div(0.5, node));
const stepOp = piecewiseConstant('step');
const signOp = piecewiseConstant('sign');

export const exp = (a: TensorLike): Tensor => makeOp(expOp, [asTensor(a)]);
export const log = (a: TensorLike): Tensor => makeOp(logOp, [asTensor(a)]);
export const sin = (a: TensorLike): Tensor => makeOp(sinOp, [asTensor(a)]);
export const cos = (a: TensorLike): Tensor => makeOp(cosOp, [asTensor(a)]);
export const tan = (a: TensorLike): Tensor => makeOp(tanOp, [asTensor(a)]);
export const tanh = (a: TensorLike): Tensor => makeOp(tanhOp, [asTensor(a)]);
export const sigmoid = (a: TensorLike): Tensor => makeOp(sigmoidOp, [asTensor(a)]);
export const relu = (a: TensorLike): Tensor => makeOp(reluOp, [asTensor(a)]);
export const abs = (a: TensorLike): Tensor => makeOp(absOp, [asTensor(a)]);
export const sqrt = (a: TensorLike): Tensor => makeOp(sqrtOp, [asTensor(a)]);
export const step = (a: TensorLike): Tensor => makeOp(stepOp, [asTensor(a)]);
export const sign = (a: TensorLike): Tensor => makeOp(signOp, [asTensor(a)]);

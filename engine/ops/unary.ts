// Elementwise unary math: exp, log, sin, cos, tan, tanh, sigmoid, relu, abs, sqrt,
// and the piecewise-constant masks (step, sign) that the relu/abs gradients are made of.
import { mapDerivative, mapUnary } from '../elementwise';
import { NDArray } from '../ndarray';
import { asTensor, makeOp, Op, Tensor, TensorLike } from '../tensor';
import { add, div, mul, neg, sub } from './arithmetic';
import { zerosOf } from './fill';

/**
 * An elementwise op whose derivative is `local(node)` (a Tensor built from ops), so that
 * gradient = g · local and jvp = ṫ · local.
 */
function elementwise(
  name: string, f: (x: number) => number, local: (node: Tensor) => Tensor, derivative: (x: number, y: number) => number,
): Op {
  return {
    name,
    compute: ([a]) => mapUnary(a, f),
    gradient: (g, node) => [mul(g, local(node))],
    jvp: ([t], node) => mul(t!, local(node)),
    vjp: (g, node) => [mapDerivative(g, node.inputs[0].value, node.value, derivative)],
  };
}

/** A piecewise-constant op: derivative zero wherever it exists. */
function piecewiseConstant(name: string, f: (x: number) => number): Op {
  return {
    name,
    compute: ([a]) => mapUnary(a, f),
    gradient: (_g, node) => [zerosOf(node.inputs[0].shape)],
    jvp: (_t, node) => zerosOf(node.shape),
    vjp: (_g, node) => [NDArray.zeros(node.inputs[0].shape)],
  };
}

const x0 = (node: Tensor): Tensor => node.inputs[0];

// The last argument is the same derivative as plain numbers (x the input, y the output), for vjp.
const expOp = elementwise('exp', Math.exp, (node) => node, (_x, y) => y);
const logOp = elementwise('log', Math.log, (node) => div(1, x0(node)), (x) => 1 / x);
const sinOp = elementwise('sin', Math.sin, (node) => cos(x0(node)), Math.cos);
const cosOp = elementwise('cos', Math.cos, (node) => neg(sin(x0(node))), (x) => -Math.sin(x));
// d tan = 1 + tan², written with the node itself so no extra cos is evaluated.
const tanOp = elementwise('tan', Math.tan, (node) => add(1, mul(node, node)), (_x, y) => 1 + y * y);
const tanhOp = elementwise('tanh', Math.tanh, (node) => sub(1, mul(node, node)), (_x, y) => 1 - y * y);
const sigmoidOp = elementwise('sigmoid', sigmoidValue, (node) => mul(node, sub(1, node)), (_x, y) => y * (1 - y));
const reluOp = elementwise('relu', (x) => (x > 0 ? x : 0), (node) => step(x0(node)), stepValue);
const absOp = elementwise('abs', Math.abs, (node) => sign(x0(node)), signValue);
const sqrtOp = elementwise('sqrt', Math.sqrt, (node) => div(0.5, node), (_x, y) => 0.5 / y);
const stepOp = piecewiseConstant('step', stepValue);
const signOp = piecewiseConstant('sign', signValue);

/** step(x) = 1 for x > 0 else 0 (the derivative of relu, 0 at the kink as in PyTorch). */
function stepValue(x: number): number {
  return x > 0 ? 1 : 0;
}

/** sign(x) in {-1, 0, 1} (the derivative of |x|, 0 at the kink as in PyTorch). */
function signValue(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

function sigmoidValue(x: number): number {
  // Stable on both sides: never exp of a large positive number.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

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

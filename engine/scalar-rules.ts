// The scalar math of the elementwise ops in one place: each op's value and local derivative on plain
// numbers. The Tensor ops' kernels (ops/unary.ts, ops/arithmetic.ts, ops/select.ts) and the scalar
// tape (tape/) both use these, so the two engines cannot drift apart at a kink or a tie.

/** A one-input op: `value(x)`, and its derivative given the input x and the output y = value(x). */
export interface UnaryRule {
  readonly value: (x: number) => number;
  readonly derivative: (x: number, y: number) => number;
}

/** step(x) = 1 for x > 0 else 0: the derivative of relu, 0 at the kink as in PyTorch. */
export function stepValue(x: number): number {
  return x > 0 ? 1 : 0;
}

/** sign(x) in {-1, 0, 1}: the derivative of |x|, 0 at the kink as in PyTorch. */
export function signValue(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

function sigmoidValue(x: number): number {
  // Stable on both sides: never exp of a large positive number.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const zero = (): number => 0;

export const unaryRules = {
  exp: { value: Math.exp, derivative: (_x: number, y: number) => y },
  log: { value: Math.log, derivative: (x: number) => 1 / x },
  sin: { value: Math.sin, derivative: Math.cos },
  cos: { value: Math.cos, derivative: (x: number) => -Math.sin(x) },
  // d tan = 1 + tan², from the output, so no extra cos is evaluated.
  tan: { value: Math.tan, derivative: (_x: number, y: number) => 1 + y * y },
  tanh: { value: Math.tanh, derivative: (_x: number, y: number) => 1 - y * y },
  sigmoid: { value: sigmoidValue, derivative: (_x: number, y: number) => y * (1 - y) },
  relu: { value: (x: number) => (x > 0 ? x : 0), derivative: stepValue },
  abs: { value: Math.abs, derivative: signValue },
  sqrt: { value: Math.sqrt, derivative: (_x: number, y: number) => 0.5 / y },
  // Piecewise constant: derivative zero wherever it exists.
  step: { value: stepValue, derivative: zero },
  sign: { value: signValue, derivative: zero },
} satisfies Record<string, UnaryRule>;

export type UnaryName = keyof typeof unaryRules;

/** ∂(x ** p)/∂x. */
export function powBaseDerivative(x: number, p: number): number {
  return p * Math.pow(x, p - 1);
}

/** ∂(x ** p)/∂p, given the output y = x ** p. */
export function powExponentDerivative(y: number, x: number): number {
  return y * Math.log(x);
}

/**
 * 1 where x > y, 1/2 where x = y, 0 elsewhere: the share of maximum(x, y)'s gradient that goes to x
 * (a tie splits it, as in PyTorch). minimum(x, y) gives x the share greaterShare(y, x).
 */
export function greaterShare(x: number, y: number): number {
  return x > y ? 1 : x === y ? 0.5 : 0;
}

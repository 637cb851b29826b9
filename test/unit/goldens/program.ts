// Runs the straight-line programs of test/goldens/engine.json with the engine. The python
// generator interprets the same steps with torch, so both sides compute one function.
import {
  Tensor, Nested, variable, constant,
  add, sub, mul, div, neg, pow, exp, log, sin, cos, tan, tanh, sigmoid, relu, abs, sqrt,
  maximum, minimum, matmul, transpose, reshape, broadcastTo, sum, mean, max, logsumexp,
  softmax, logSoftmax, index, slice, gather, stack, concat, where,
} from '../../../engine';

export type Arg = string | number | string[];
export type Attrs = {
  axes?: number | number[]; keepdims?: boolean; axis?: number; i?: number; shape?: number[];
  indices?: number[]; specs?: Array<{ start?: number; stop?: number; step?: number } | number>;
};
export type Step = [string, string, Arg[], Attrs?];

export interface ProgramCase {
  id: string; expr: string;
  inputs: Record<string, Nested>; constants: Record<string, Nested>;
  program: Step[];
}

export type Operand = Tensor | number;
type OpRunner = (args: Array<Operand | Tensor[]>, attrs: Attrs) => Tensor;

const one = (args: Array<Operand | Tensor[]>, i: number): Operand => {
  const a = args[i];
  if (Array.isArray(a)) throw new Error(`argument ${i} is a list where an operand was expected`);
  return a;
};
const list = (args: Array<Operand | Tensor[]>): Tensor[] => {
  const a = args[0];
  if (!Array.isArray(a)) throw new Error('stack/concat expects a list of names');
  return a;
};
const unary = (f: (a: Operand) => Tensor): OpRunner => (args) => f(one(args, 0));
const binary = (f: (a: Operand, b: Operand) => Tensor): OpRunner => (args) => f(one(args, 0), one(args, 1));
const reduction = (f: (a: Operand, axes?: number | number[], keepdims?: boolean) => Tensor): OpRunner =>
  (args, at) => f(one(args, 0), at.axes, at.keepdims ?? false);

const RUNNERS: Record<string, OpRunner> = {
  add: binary(add), sub: binary(sub), mul: binary(mul), div: binary(div), pow: binary(pow),
  maximum: binary(maximum), minimum: binary(minimum), matmul: binary(matmul),
  neg: unary(neg), exp: unary(exp), log: unary(log), sin: unary(sin), cos: unary(cos), tan: unary(tan),
  tanh: unary(tanh), sigmoid: unary(sigmoid), relu: unary(relu), abs: unary(abs), sqrt: unary(sqrt),
  sum: reduction(sum), mean: reduction(mean), max: reduction(max), logsumexp: reduction(logsumexp),
  transpose: (args, at) => transpose(one(args, 0), at.axes === undefined ? undefined : ([] as number[]).concat(at.axes)),
  reshape: (args, at) => reshape(one(args, 0), required(at.shape, 'shape')),
  broadcastTo: (args, at) => broadcastTo(one(args, 0), required(at.shape, 'shape')),
  softmax: (args, at) => softmax(one(args, 0), at.axis ?? -1),
  logSoftmax: (args, at) => logSoftmax(one(args, 0), at.axis ?? -1),
  index: (args, at) => index(one(args, 0), required(at.i, 'i'), at.axis ?? 0),
  slice: (args, at) => slice(one(args, 0), required(at.specs, 'specs')),
  gather: (args, at) => gather(one(args, 0), required(at.indices, 'indices'), at.axis ?? 0),
  stack: (args, at) => stack(list(args), at.axis ?? 0),
  concat: (args, at) => concat(list(args), at.axis ?? 0),
  where: (args) => where(one(args, 0), one(args, 1), one(args, 2)),
};

function required<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new Error(`missing attribute ${name}`);
  return v;
}

/** Applies one engine op by its contract name, as a program step does. */
export function applyOp(op: string, args: Array<Operand | Tensor[]>, attrs: Attrs = {}): Tensor {
  const run = RUNNERS[op];
  if (!run) throw new Error(`no runner for op ${op}`);
  return run(args, attrs);
}

export interface Built { output: Tensor; inputs: Record<string, Tensor> }

/**
 * Builds the case's graph: inputs become variables (or the tensors `given` for them, as jvp passes
 * its own), constants constants, then each step in order.
 */
export function buildProgram(c: ProgramCase, given?: Record<string, Tensor>): Built {
  const inputs: Record<string, Tensor> = {};
  const env = new Map<string, Tensor>();
  for (const [name, value] of Object.entries(c.inputs)) {
    inputs[name] = given?.[name] ?? variable(value, name);
    env.set(name, inputs[name]);
  }
  for (const [name, value] of Object.entries(c.constants)) env.set(name, constant(value, name));
  const lookup = (name: string): Tensor => {
    const t = env.get(name);
    if (!t) throw new Error(`${c.id}: unknown name ${name}`);
    return t;
  };
  let last: Tensor | undefined;
  for (const [out, op, args, attrs] of c.program) {
    const resolved = args.map((a) => (typeof a === 'string' ? lookup(a) : Array.isArray(a) ? a.map(lookup) : a));
    last = applyOp(op, resolved, attrs ?? {});
    env.set(out, last);
  }
  if (!last) throw new Error(`${c.id}: empty program`);
  return { output: last, inputs };
}

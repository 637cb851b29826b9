// ScalarTape: reverse mode for graphs of plain numbers, kept as a Wengert list (the lecture's
// v₁ … vₙ) in parallel typed arrays instead of one object per node.
//
// Why a second representation: a Tensor node is a handful of heap objects, so a graph of 100,000
// scalar ops is ~27 MB that the garbage collector copies while it is built. Here a node is one slot
// of four typed arrays and its handle is a plain number: building allocates nothing per op. Slots are
// appended in evaluation order, which is already a topological order, so backward is one sweep from
// the output down, with no sort and no visited set. The Tensor graph stays the general engine (any
// shape, gradients as graphs, inspection); a scalar Tensor graph can be recorded into a tape
// (record.ts) and replayed with new inputs. clear() keeps a tape's memory for the next graph (like
// Stan's reusable autodiff arena): fresh memory, not arithmetic, is the main cost of a large sweep.
//
// Every op's value and local derivative come from scalar-rules.ts, shared with the Tensor ops, and
// adjoints are accumulated in the order gradValues uses (newest consumer first), so both engines give
// the same numbers.
import { ArgumentError } from '../errors';
import {
  greaterShare, powBaseDerivative, powExponentDerivative, unaryRules,
} from '../scalar-rules';

/** A node of a tape: its slot number. Branded so plain numbers (constants) cannot be passed by mistake. */
export type TapeVar = number & { readonly __scalarTapeVar: unique symbol };

// Opcodes, grouped so one comparison tells an op's operands: ADD..MINIMUM take two differentiable
// operands (lhs, rhs); POW_CONST reads its exponent from the constant leaf at rhs but sends no adjoint
// there (no log(x) term, so x < 0 is fine); the ops from NEG on take lhs only.
const enum Code {
  LEAF = 0,
  ADD = 1,
  SUB = 2,
  MUL = 3,
  DIV = 4,
  POW = 5,
  MAXIMUM = 6,
  MINIMUM = 7,
  POW_CONST = 8,
  NEG = 9,
  EXP = 10,
  LOG = 11,
  SIN = 12,
  COS = 13,
  TAN = 14,
  TANH = 15,
  SIGMOID = 16,
  RELU = 17,
  ABS = 18,
  SQRT = 19,
  STEP = 20,
  SIGN = 21,
}

const { exp, log, sin, cos, tan, tanh, sigmoid, relu, abs, sqrt, step, sign } = unaryRules;

const INITIAL_CAPACITY = 1024;
/** The smallest positive normal float64; adjoints closer to zero are flushed (see backward()). */
const MIN_NORMAL = 2.2250738585072014e-308;

export class ScalarTape {
  private codes: Uint8Array;
  private lhs: Int32Array;
  private rhs: Int32Array;
  private values: Float64Array;
  private count = 0;
  // backward()'s results, kept (and their memory reused) like the values: fresh memory is the costly
  // part of a large sweep, so a tape that is cleared and rebuilt allocates nothing after its first use.
  private adjointStore = new Float64Array(0);
  private reached = new Uint8Array(0);
  /** The output of the latest backward() (−1: none, or inputs changed since). */
  private swept = -1;

  constructor(capacity = INITIAL_CAPACITY) {
    const n = Math.max(1, Math.floor(capacity));
    this.codes = new Uint8Array(n);
    this.lhs = new Int32Array(n);
    this.rhs = new Int32Array(n);
    this.values = new Float64Array(n);
  }

  /** Number of slots (leaves and ops). */
  get length(): number {
    return this.count;
  }

  /** Empties the tape, keeping its memory for the next graph. Handles made before are no longer valid. */
  clear(): void {
    this.count = 0;
    this.swept = -1;
  }

  /** An input: a leaf whose value can be changed (setInput) and the tape replayed (evaluate). */
  variable(x: number): TapeVar {
    return this.push(Code.LEAF, -1, -1, x);
  }

  /** A constant leaf. (Leaves are all alike; the name says what the caller means.) */
  constant(x: number): TapeVar {
    return this.push(Code.LEAF, -1, -1, x);
  }

  value(v: TapeVar): number {
    return this.values[this.slot(v, 'value')];
  }

  add(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.ADD, a, b, 'add'); }
  sub(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.SUB, a, b, 'sub'); }
  mul(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.MUL, a, b, 'mul'); }
  div(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.DIV, a, b, 'div'); }
  /** a ** b with a differentiable exponent. */
  pow(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.POW, a, b, 'pow'); }
  /** a ** p with a fixed number p (like the Tensor engine's pow with a number exponent). */
  powConst(a: TapeVar, p: number): TapeVar {
    if (!Number.isFinite(p)) throw new ArgumentError(`powConst: exponent ${p} is not a finite number`);
    this.slot(a, 'powConst');
    const exponent = this.constant(p);
    return this.push(Code.POW_CONST, a, exponent, Math.pow(this.values[a], p));
  }
  maximum(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.MAXIMUM, a, b, 'maximum'); }
  minimum(a: TapeVar, b: TapeVar): TapeVar { return this.binary(Code.MINIMUM, a, b, 'minimum'); }

  neg(a: TapeVar): TapeVar { return this.unary(Code.NEG, a, 'neg'); }
  exp(a: TapeVar): TapeVar { return this.unary(Code.EXP, a, 'exp'); }
  log(a: TapeVar): TapeVar { return this.unary(Code.LOG, a, 'log'); }
  sin(a: TapeVar): TapeVar { return this.unary(Code.SIN, a, 'sin'); }
  cos(a: TapeVar): TapeVar { return this.unary(Code.COS, a, 'cos'); }
  tan(a: TapeVar): TapeVar { return this.unary(Code.TAN, a, 'tan'); }
  tanh(a: TapeVar): TapeVar { return this.unary(Code.TANH, a, 'tanh'); }
  sigmoid(a: TapeVar): TapeVar { return this.unary(Code.SIGMOID, a, 'sigmoid'); }
  relu(a: TapeVar): TapeVar { return this.unary(Code.RELU, a, 'relu'); }
  abs(a: TapeVar): TapeVar { return this.unary(Code.ABS, a, 'abs'); }
  sqrt(a: TapeVar): TapeVar { return this.unary(Code.SQRT, a, 'sqrt'); }
  step(a: TapeVar): TapeVar { return this.unary(Code.STEP, a, 'step'); }
  sign(a: TapeVar): TapeVar { return this.unary(Code.SIGN, a, 'sign'); }

  /** Changes an input's value; evaluate() then recomputes everything after it. */
  setInput(v: TapeVar, x: number): void {
    const i = this.slot(v, 'setInput');
    if (this.codes[i] !== Code.LEAF) throw new ArgumentError(`setInput: slot ${i} is an op, not an input`);
    this.values[i] = x;
    this.swept = -1;
  }

  /** Recomputes every op's value from the leaves' current values (a forward replay of the tape). */
  evaluate(): void {
    this.swept = -1;
    const { codes, lhs, rhs, values } = this;
    for (let i = 0; i < this.count; i++) {
      const code = codes[i];
      if (code !== Code.LEAF) values[i] = compute(code, values[lhs[i]], code <= Code.POW_CONST ? values[rhs[i]] : 0);
    }
  }

  /**
   * Reverse sweep: the adjoint of every slot (∂(seed · output)/∂slot), read with adjoint(). Slots
   * `output` does not depend on get 0. Like gradValues, a reached slot passes on seed·0·∞ = NaN: zero
   * adjoints are not skipped, only slots off every path to the output are.
   */
  backward(output: TapeVar, seed = 1): void {
    const out = this.slot(output, 'backward');
    if (this.adjointStore.length <= out) {
      this.adjointStore = new Float64Array(this.codes.length);
      this.reached = new Uint8Array(this.codes.length);
    }
    const { codes, lhs, rhs, values, reached } = this;
    const adjoint = this.adjointStore;
    adjoint.fill(0, 0, out + 1);
    reached.fill(0, 0, out + 1);
    adjoint[out] = seed;
    reached[out] = 1;
    for (let i = out; i >= 0; i--) {
      if (reached[i] === 0) continue;
      let g = adjoint[i];
      // Flush to zero (as torch.set_flush_denormal(True) does): on x86 a subnormal operand costs ~100×
      // a normal multiply, and a long chain whose gradient underflows would otherwise sit at the smallest
      // subnormal (×0.8 rounds back up to it) for the rest of the sweep. NaN fails both tests and stays.
      if (g < MIN_NORMAL && g > -MIN_NORMAL) adjoint[i] = g = 0;
      const code = codes[i];
      if (code === Code.LEAF) continue;
      const a = lhs[i];
      const y = values[i];
      const x = values[a];
      reached[a] = 1;
      switch (code) {
        case Code.ADD: case Code.SUB: adjoint[a] += g; break;
        case Code.MUL: adjoint[a] += g * values[rhs[i]]; break;
        case Code.DIV: adjoint[a] += g / values[rhs[i]]; break;
        case Code.NEG: adjoint[a] += -g; break;
        case Code.POW: case Code.POW_CONST: adjoint[a] += g * powBaseDerivative(x, values[rhs[i]]); break;
        case Code.EXP: adjoint[a] += g * exp.derivative(x, y); break;
        case Code.LOG: adjoint[a] += g * log.derivative(x); break;
        case Code.SIN: adjoint[a] += g * sin.derivative(x); break;
        case Code.COS: adjoint[a] += g * cos.derivative(x); break;
        case Code.TAN: adjoint[a] += g * tan.derivative(x, y); break;
        case Code.TANH: adjoint[a] += g * tanh.derivative(x, y); break;
        case Code.SIGMOID: adjoint[a] += g * sigmoid.derivative(x, y); break;
        case Code.RELU: adjoint[a] += g * relu.derivative(x); break;
        case Code.ABS: adjoint[a] += g * abs.derivative(x); break;
        case Code.SQRT: adjoint[a] += g * sqrt.derivative(x, y); break;
        case Code.STEP: case Code.SIGN: break; // derivative zero: nothing to add, but the input is reached
        case Code.MAXIMUM: adjoint[a] += g * greaterShare(x, values[rhs[i]]); break;
        case Code.MINIMUM: adjoint[a] += g * greaterShare(values[rhs[i]], x); break;
      }
      if (code > Code.MINIMUM) continue;
      // The second operand of a binary op.
      const b = rhs[i];
      reached[b] = 1;
      switch (code) {
        case Code.ADD: adjoint[b] += g; break;
        case Code.SUB: adjoint[b] += -g; break;
        case Code.MUL: adjoint[b] += g * x; break;
        case Code.DIV: adjoint[b] += -((g * y) / values[b]); break;
        case Code.POW: adjoint[b] += g * powExponentDerivative(y, x); break;
        case Code.MAXIMUM: adjoint[b] += g * greaterShare(values[b], x); break;
        case Code.MINIMUM: adjoint[b] += g * greaterShare(x, values[b]); break;
      }
    }
    this.swept = out;
  }

  /** The adjoint of `v` from the latest backward() (0 for slots after its output). */
  adjoint(v: TapeVar): number {
    const i = this.slot(v, 'adjoint');
    if (this.swept < 0) throw new ArgumentError('adjoint: no backward() since the tape was built or its inputs changed');
    return i <= this.swept ? this.adjointStore[i] : 0;
  }

  /** ∂output/∂w for each w of `wrt` (0 where output does not depend on w): backward(), then adjoint() of each. */
  gradient(output: TapeVar, wrt: readonly TapeVar[]): number[] {
    this.backward(output);
    return wrt.map((w) => this.adjoint(w));
  }

  private binary(code: number, a: TapeVar, b: TapeVar, name: string): TapeVar {
    const values = this.values;
    return this.push(code, a, b, compute(code, values[this.slot(a, name)], values[this.slot(b, name)]));
  }

  private unary(code: number, a: TapeVar, name: string): TapeVar {
    return this.push(code, a, -1, compute(code, this.values[this.slot(a, name)], 0));
  }

  private push(code: number, a: number, b: number, value: number): TapeVar {
    const i = this.count;
    if (i === this.codes.length) this.grow();
    this.codes[i] = code;
    this.lhs[i] = a;
    this.rhs[i] = b;
    this.values[i] = value;
    this.count = i + 1;
    return i as TapeVar;
  }

  private grow(): void {
    const n = this.codes.length * 2;
    const codes = new Uint8Array(n);
    const lhs = new Int32Array(n);
    const rhs = new Int32Array(n);
    const values = new Float64Array(n);
    codes.set(this.codes);
    lhs.set(this.lhs);
    rhs.set(this.rhs);
    values.set(this.values);
    this.codes = codes;
    this.lhs = lhs;
    this.rhs = rhs;
    this.values = values;
  }

  /** The slot of `v`, checked: handles are only valid on the tape that made them. */
  private slot(v: TapeVar, op: string): number {
    if (!(Number.isInteger(v) && v >= 0 && v < this.count)) {
      throw new ArgumentError(`${op}: ${String(v)} is not a slot of this tape (it has slots 0..${this.count - 1})`);
    }
    return v;
  }
}

/** An op's value from its operands' values (b is ignored by unary ops). */
function compute(code: number, a: number, b: number): number {
  switch (code) {
    case Code.ADD: return a + b;
    case Code.SUB: return a - b;
    case Code.MUL: return a * b;
    case Code.DIV: return a / b;
    case Code.NEG: return -a;
    case Code.POW: case Code.POW_CONST: return Math.pow(a, b);
    case Code.EXP: return exp.value(a);
    case Code.LOG: return log.value(a);
    case Code.SIN: return sin.value(a);
    case Code.COS: return cos.value(a);
    case Code.TAN: return tan.value(a);
    case Code.TANH: return tanh.value(a);
    case Code.SIGMOID: return sigmoid.value(a);
    case Code.RELU: return relu.value(a);
    case Code.ABS: return abs.value(a);
    case Code.SQRT: return sqrt.value(a);
    case Code.STEP: return step.value(a);
    case Code.SIGN: return sign.value(a);
    case Code.MAXIMUM: return Math.max(a, b);
    case Code.MINIMUM: return Math.min(a, b);
    default: throw new Error(`scalar tape: unknown opcode ${code}`);
  }
}

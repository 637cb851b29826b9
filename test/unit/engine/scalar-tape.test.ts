// The scalar tape (engine/tape): the same numbers as the Tensor engine on random scalar programs,
// SPEC §8 and PyTorch goldens, a million-op chain, replay with new inputs, recording Tensor graphs,
// clear errors for bad handles, and gradcheck replaying a tape instead of calling f again.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as E from '../../../engine';
import { ArgumentError, NDArray, recordScalarTape, ScalarTape, Tensor, TapeVar } from '../../../engine';
import { buildProgram, ProgramCase } from '../goldens/program';
import { assertClose } from '../goldens/close';

const UNARY = ['neg', 'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'abs', 'sqrt', 'step', 'sign'] as const;
const BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum'] as const;

/** One step of a random program: an op, operands picked among earlier slots, maybe a number. */
type Step =
  | { kind: 'unary'; op: (typeof UNARY)[number]; a: number }
  | { kind: 'binary'; op: (typeof BINARY)[number]; a: number; b: number }
  | { kind: 'const'; op: 'add' | 'mul' | 'powConst'; a: number; c: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom(...UNARY), a: fc.nat() }),
  fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom(...BINARY), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('const' as const), op: fc.constantFrom('add' as const, 'mul' as const, 'powConst' as const), a: fc.nat(),
    c: fc.constantFrom(-2, -1, 0, 0.5, 1, 2, 3),
  }),
);

// Inputs include exact ties (max/min) and zero (relu/abs/sign kinks), where the two engines could differ;
// no subnormal inputs (the tape flushes subnormal adjoints to zero, tested on its own below).
const MIN_NORMAL = 2.2250738585072014e-308;
const inputArb = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-300),
  fc.constantFrom(0, 1, -1, 2),
);

/** Both engines give the same float64, NaN included (0 and -0 count as equal; a subnormal is flushed). */
function same(tape: number, tensor: number): boolean {
  return tape === tensor || (Number.isNaN(tape) && Number.isNaN(tensor)) || (tape === 0 && Math.abs(tensor) < MIN_NORMAL);
}

function runTensor(inputs: number[], steps: Step[]): { value: number; grad: number[] } {
  const xs = inputs.map((x) => E.variable(x));
  const nodes: Tensor[] = [...xs];
  for (const s of steps) {
    const a = nodes[s.a % nodes.length];
    if (s.kind === 'unary') nodes.push(E[s.op](a));
    else if (s.kind === 'binary') nodes.push(E[s.op](a, nodes[s.b % nodes.length]));
    else nodes.push(s.op === 'powConst' ? E.pow(a, s.c) : E[s.op](a, s.c));
  }
  const out = nodes[nodes.length - 1];
  return { value: out.value.item(), grad: E.gradValues(out, xs).map((g) => g.item()) };
}

function runTape(inputs: number[], steps: Step[]): { value: number; grad: number[] } {
  const tape = new ScalarTape(4);
  const xs = inputs.map((x) => tape.variable(x));
  const nodes: TapeVar[] = [...xs];
  for (const s of steps) {
    const a = nodes[s.a % nodes.length];
    if (s.kind === 'unary') nodes.push(tape[s.op](a));
    else if (s.kind === 'binary') nodes.push(tape[s.op](a, nodes[s.b % nodes.length]));
    else nodes.push(s.op === 'powConst' ? tape.powConst(a, s.c) : tape[s.op](a, tape.constant(s.c)));
  }
  const out = nodes[nodes.length - 1];
  return { value: tape.value(out), grad: tape.gradient(out, xs) };
}

/** y = ln x₁ + x₁x₂ − sin x₂ on a tape. */
function lecture(tape: ScalarTape, x1: TapeVar, x2: TapeVar): TapeVar {
  return tape.sub(tape.add(tape.log(x1), tape.mul(x1, x2)), tape.sin(x2));
}

interface Goldens {
  cases: Array<ProgramCase & { value: number; grad: Record<string, number> }>;
  elementwise: Array<{ op: string; exponent?: number; points: number[]; value: number[]; d1: number[] }>;
}
const goldens: Goldens = JSON.parse(readFileSync(path.join(__dirname, '../../goldens/engine.json'), 'utf8'));

describe('engine: scalar tape', () => {
  it('gives exactly the Tensor engine\'s values and gradients on random scalar programs', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { minLength: 1, maxLength: 3 }), fc.array(stepArb, { minLength: 1, maxLength: 40 }), (inputs, steps) => {
        const t = runTensor(inputs, steps);
        const p = runTape(inputs, steps);
        assert.ok(same(p.value, t.value), `value: tape ${p.value}, tensor ${t.value}`);
        p.grad.forEach((g, i) => assert.ok(same(g, t.grad[i]), `d/dx${i}: tape ${g}, tensor ${t.grad[i]}`));
      }),
      { seed: 2026, numRuns: 400 },
    );
  });

  it('reproduces SPEC §8: y = 11.652071455223084, ∇y = (5.5, 1.7163378145367738) at (2, 5)', () => {
    const tape = new ScalarTape();
    const x1 = tape.variable(2);
    const x2 = tape.variable(5);
    const y = lecture(tape, x1, x2);
    assertClose(tape.value(y), 11.652071455223084, 'value', 1e-15);
    assertClose(tape.gradient(y, [x1, x2]), [5.5, 1.7163378145367738], 'gradient', 1e-15);
  });

  describe('against PyTorch goldens (test/goldens/engine.json)', () => {
    const scalarCases = goldens.cases.filter((c) => Object.values(c.inputs).every((v) => typeof v === 'number'));
    it('covers the lecture example and the deep scalar chain', () => {
      const ids = scalarCases.map((c) => c.id);
      assert.ok(ids.includes('lecture_scalar') && ids.includes('deep_scalar_chain_50'), ids.join(', '));
    });
    for (const c of scalarCases) {
      it(`${c.id}: value and gradient of every input`, () => {
        const { output, inputs } = buildProgram(c);
        const names = Object.keys(c.inputs);
        const recorded = recordScalarTape(output, names.map((n) => inputs[n]));
        if ('reason' in recorded) return assert.fail(`not recorded: ${recorded.reason}`);
        assertClose(recorded.tape.value(recorded.output), c.value, `${c.id} value`);
        const grads = recorded.tape.gradient(recorded.output, recorded.inputs);
        names.forEach((n, i) => assertClose(grads[i], c.grad[n], `${c.id} d/d${n}`));
      });
    }
    for (const e of goldens.elementwise.filter((e) => e.op in new ScalarTape())) {
      it(`${e.exponent === undefined ? e.op : `pow(x, ${e.exponent})`}: value and derivative at ${e.points.join(', ')}`, () => {
        e.points.forEach((point, i) => {
          const tape = new ScalarTape();
          const x = tape.variable(point);
          const y = e.exponent === undefined
            ? (tape[e.op as (typeof UNARY)[number]] as (a: TapeVar) => TapeVar).call(tape, x)
            : tape.powConst(x, e.exponent);
          assertClose(tape.value(y), e.value[i], `${e.op} value at ${point}`);
          assertClose(tape.gradient(y, [x])[0], e.d1[i], `${e.op} derivative at ${point}`);
        });
      });
    }
  });

  it('differentiates a 1,000,000-op chain (no recursion), matching the chain rule accumulated forward', () => {
    const tape = new ScalarTape();
    const x = tape.variable(0.5);
    let t = x;
    let value = 0.5;
    let derivative = 1;
    for (let i = 0; i < 1_000_000; i++) {
      if (i % 3 === 0) {
        t = tape.add(t, tape.constant(0.1));
        value += 0.1;
      } else if (i % 3 === 1) {
        t = tape.mul(t, tape.constant(0.999));
        value *= 0.999;
        derivative *= 0.999;
      } else {
        t = tape.sin(t);
        derivative *= Math.cos(value);
        value = Math.sin(value);
      }
    }
    assert.equal(tape.length, 1 + 1_000_000 + 333_334 + 333_333, "the input, the ops, a constant per add and per mul");
    assertClose(tape.value(t), value, 'value', 1e-12);
    assertClose(tape.gradient(t, [x])[0], derivative, 'derivative', 1e-9, 1e-300);
    assert.ok(derivative !== 0, 'the chain keeps a non-zero derivative, so the comparison means something');
  });

  it('replays with new input values: evaluate() equals a tape built at those values', () => {
    const tape = new ScalarTape();
    const x1 = tape.variable(2);
    const x2 = tape.variable(5);
    const y = lecture(tape, x1, x2);
    tape.setInput(x1, 3);
    tape.setInput(x2, 0.5);
    tape.evaluate();
    const fresh = new ScalarTape();
    const f1 = fresh.variable(3);
    const f2 = fresh.variable(0.5);
    const fy = lecture(fresh, f1, f2);
    assert.equal(tape.value(y), fresh.value(fy));
    assert.deepEqual(tape.gradient(y, [x1, x2]), fresh.gradient(fy, [f1, f2]));
    assert.deepEqual(tape.gradient(y, [x1, x2]), [1 / 3 + 0.5, 3 - Math.cos(0.5)]);
  });

  it('clear() empties the tape for the next graph, which gives the same numbers as a fresh tape', () => {
    const tape = new ScalarTape(2);
    const first = lecture(tape, tape.variable(2), tape.variable(5));
    tape.gradient(first, [first]);
    tape.clear();
    assert.equal(tape.length, 0);
    assert.throws(() => tape.value(first), /value: \d+ is not a slot of this tape/);
    const x1 = tape.variable(3);
    const x2 = tape.variable(0.5);
    const y = lecture(tape, x1, x2);
    assert.deepEqual(tape.gradient(y, [x1, x2]), [1 / 3 + 0.5, 3 - Math.cos(0.5)]);
  });

  it('backward() with a seed scales every adjoint; adjoint() needs a backward() after the last input change', () => {
    const tape = new ScalarTape();
    const x = tape.variable(2);
    const y = tape.mul(x, x);
    assert.throws(() => tape.adjoint(x), /adjoint: no backward\(\) since the tape was built or its inputs changed/);
    tape.backward(y, -3);
    assert.equal(tape.adjoint(x), -12);
    assert.equal(tape.adjoint(y), -3);
    tape.setInput(x, 5);
    assert.throws(() => tape.adjoint(x), /no backward\(\)/);
    tape.evaluate();
    tape.backward(y);
    assert.equal(tape.adjoint(x), 10);
  });

  it('gives 0 for an input the output does not depend on, and NaN through 0·∞ as the Tensor engine does', () => {
    const tape = new ScalarTape();
    const x = tape.variable(1);
    const unused = tape.variable(7);
    const y = tape.exp(x);
    assert.deepEqual(tape.gradient(y, [x, unused]), [Math.E, 0]);
    // d/dx [0 · log(x)] at x = 0: the adjoint 0 meets ∂log = ∞
    const z = tape.variable(0);
    const w = tape.mul(tape.constant(0), tape.log(z));
    const tensorZ = E.variable(0);
    const tensorW = E.mul(0, E.log(tensorZ));
    assert.ok(Number.isNaN(E.gradValues(tensorW, [tensorZ])[0].item()));
    assert.ok(Number.isNaN(tape.gradient(w, [z])[0]));
  });

  it('flushes adjoints below the smallest normal float64 to zero, like torch.set_flush_denormal(True)', () => {
    const tape = new ScalarTape();
    const tiny = tape.variable(1e-160);
    const subnormal = tape.variable(5e-324);
    const normal = tape.variable(1e-150);
    // d(x²)/dx = 2x: 2e-160 and 2e-150 are normal, 1e-323 is not
    assert.deepEqual(tape.gradient(tape.mul(tiny, tiny), [tiny]), [2e-160]);
    assert.deepEqual(tape.gradient(tape.mul(subnormal, subnormal), [subnormal]), [0]);
    // y = (x·1e300)·1e-320: the adjoint of x·1e300 is the subnormal 1e-320, flushed, so ∂y/∂x is 0, not ~1e-20
    const x = tape.variable(1);
    const y = tape.mul(tape.mul(x, tape.constant(1e300)), tape.constant(1e-320));
    assert.deepEqual(tape.gradient(y, [x]), [0]);
    assert.deepEqual(tape.gradient(tape.mul(normal, normal), [normal]), [2e-150]);
  });

  it('rejects handles that are not its slots, and bad arguments, with a clear message', () => {
    const tape = new ScalarTape();
    const x = tape.variable(1);
    const y = tape.exp(x);
    assert.throws(() => tape.add(x, 5 as TapeVar), (e: Error) => e instanceof ArgumentError && /add: 5 is not a slot of this tape \(it has slots 0\.\.1\)/.test(e.message));
    assert.throws(() => tape.sin(-1 as TapeVar), /sin: -1 is not a slot/);
    assert.throws(() => tape.value(0.5 as TapeVar), /value: 0.5 is not a slot/);
    assert.throws(() => tape.setInput(y, 2), /setInput: slot 1 is an op, not an input/);
    assert.throws(() => tape.powConst(x, Number.NaN), /powConst: exponent NaN is not a finite number/);
    assert.equal(tape.length, 2, 'a rejected op adds no slot');
  });

  describe('recording a Tensor graph', () => {
    it('records a scalar graph and replays it', () => {
      const x1 = E.variable(2);
      const x2 = E.variable(5);
      const y = E.sub(E.add(E.log(x1), E.mul(x1, x2)), E.pow(E.sin(x2), 2));
      const recorded = recordScalarTape(y, [x1, x2]);
      if ('reason' in recorded) return assert.fail(recorded.reason);
      const { tape, inputs, output } = recorded;
      assert.equal(tape.value(output), y.value.item());
      assert.deepEqual(tape.gradient(output, inputs), E.gradValues(y, [x1, x2]).map((g) => g.item()));
      tape.setInput(inputs[1], -1);
      tape.evaluate();
      assert.equal(tape.value(output), Math.log(2) + 2 * -1 - Math.sin(-1) ** 2);
    });

    it('says why a graph cannot be recorded: a tensor node, or an op the tape lacks', () => {
      const v = E.variable([1, 2, 3]);
      const notScalar = recordScalarTape(E.sum(E.exp(v)), [v]);
      assert.ok('reason' in notScalar && /shape \[3\], not a scalar/.test(notScalar.reason), JSON.stringify(notScalar));
      const x = E.variable(1);
      const unsupported = recordScalarTape(E.where(x, 1, 2), [x]);
      assert.ok('reason' in unsupported && /no where op/.test(unsupported.reason), JSON.stringify(unsupported));
    });
  });

  describe('gradcheck with fixedGraph', () => {
    const f = (a: Tensor, b: Tensor): Tensor => E.add(E.mul(E.tanh(a), b), E.exp(E.mul(a, b)));
    const inputs = [NDArray.scalar(0.3), NDArray.scalar(-0.7)];
    const counting = () => {
      let calls = 0;
      return { f: (a: Tensor, b: Tensor) => (calls++, f(a, b)), calls: () => calls };
    };

    it('replays the recorded tape: f is called once instead of 1 + 2·(coordinates) times, same report', () => {
      const rebuilt = counting();
      const plain = E.gradcheckSync(rebuilt.f, inputs);
      assert.equal(rebuilt.calls(), 1 + 2 * 2);
      const replayed = counting();
      const report = E.gradcheckSync(replayed.f, inputs, { fixedGraph: true });
      assert.equal(replayed.calls(), 1);
      assert.ok(report.passed && plain.passed);
      assert.deepEqual(report, plain);
    });

    it('a graph that is not all scalars is evaluated in batches (batched.ts): f is called once, same report', () => {
      const vectorInputs = [new NDArray(new Float64Array([0.3, 0.1]), [2]), NDArray.scalar(-0.7)];
      const plainCalls = counting();
      const plain = E.gradcheckSync((a, b) => E.sum(plainCalls.f(a, b)), vectorInputs);
      assert.equal(plainCalls.calls(), 1 + 2 * 3);
      const rebuilt = counting();
      const report = E.gradcheckSync((a, b) => E.sum(rebuilt.f(a, b)), vectorInputs, { fixedGraph: true });
      assert.equal(rebuilt.calls(), 1);
      assert.ok(report.passed);
      assert.deepEqual(report, plain);
    });
  });
});

// The engine against PyTorch (float64): values, the gradient of every input, second derivatives
// by grad of grad, and Hessian-vector products. Goldens: test/goldens/engine_goldens.py -> engine.json.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { NDArray, Nested, Tensor, variable, constant, grad, jvp, pow, sum, mul } from '../../../engine';
import { applyOp, buildProgram, ProgramCase } from './program';
import { assertClose } from './close';

interface FirstOrderCase extends ProgramCase { value: Nested; grad: Record<string, Nested> }
interface ElementwiseCase { op: string; exponent?: number; points: number[]; value: number[]; d1: number[]; d2: number[] }
interface HessianCase extends ProgramCase { value: number; grad: number[]; hessian: number[][] }
interface HvpCase extends ProgramCase { wrt: string; direction: Nested; value: number; grad: Nested; hvp: Nested }
interface JvpCase { id: string; case: string; tangents: Record<string, Nested>; value: Nested; tangent: Nested }
interface Goldens {
  dtype: string; cases: FirstOrderCase[]; elementwise: ElementwiseCase[]; hessians: HessianCase[]; hvps: HvpCase[]; jvps: JvpCase[];
}

const goldens: Goldens = JSON.parse(readFileSync(path.join(__dirname, '../../goldens/engine.json'), 'utf8'));

const valueOf = (t: Tensor): Nested => t.value.toNested();

describe('engine goldens from PyTorch (float64, rtol 1e-9, atol 1e-12)', () => {
  it('the golden file holds every kind of case', () => {
    assert.equal(goldens.dtype, 'float64');
    assert.ok(goldens.cases.length >= 15, `${goldens.cases.length} first-order cases`);
    assert.ok(goldens.elementwise.length >= 12);
    assert.ok(goldens.hessians.length >= 1 && goldens.hvps.length >= 1 && goldens.jvps.length >= 1);
  });

  it('the goldens reproduce SPEC §8 (so the generator is trusted)', () => {
    const lecture = goldens.cases.find((c) => c.id === 'lecture_scalar');
    const prod = goldens.cases.find((c) => c.id === 'product_of_entries');
    const softmaxLoss = goldens.cases.find((c) => c.id === 'softmax_loss_spec');
    assert.ok(lecture && prod && softmaxLoss);
    assertClose(lecture.value, 11.652071455223084, 'lecture value');
    assertClose([lecture.grad.x1, lecture.grad.x2], [5.5, 1.7163378145367738], 'lecture gradient');
    assertClose(prod.grad.theta, [24, 12, 8, 6], 'prod gradient');
    assertClose(softmaxLoss.value, 1.40760596444438, 'softmax loss', 1e-13);
  });

  describe('values and the gradient of every input', () => {
    for (const c of goldens.cases) {
      it(`${c.id}: ${c.expr}`, () => {
        const { output, inputs } = buildProgram(c);
        assertClose(valueOf(output), c.value, `${c.id} value`);
        const names = Object.keys(c.inputs);
        const grads = grad(output, names.map((n) => inputs[n]));
        assert.equal(grads.length, names.length);
        names.forEach((n, i) => assertClose(valueOf(grads[i]), c.grad[n], `${c.id} d/d${n}`));
      });
    }
  });

  describe('elementwise ops: first and second derivative (grad of grad)', () => {
    for (const e of goldens.elementwise) {
      const label = e.exponent === undefined ? e.op : `${e.op}(x, ${e.exponent})`;
      it(`${label} at ${e.points.join(', ')}`, () => {
        const x = variable(e.points, 'x');
        const y = e.exponent === undefined ? applyOp(e.op, [x]) : pow(x, e.exponent);
        assertClose(valueOf(y), e.value, `${label} value`);
        const [d1] = grad(y, [x]);
        assertClose(valueOf(d1), e.d1, `${label} first derivative`);
        const [d2] = grad(d1, [x]);
        assertClose(valueOf(d2), e.d2, `${label} second derivative`);
      });
    }
  });

  describe('Hessians of scalar functions of scalars', () => {
    for (const h of goldens.hessians) {
      it(`${h.id}: ${h.expr}`, () => {
        const { output, inputs } = buildProgram(h);
        const xs = Object.keys(h.inputs).map((n) => inputs[n]);
        assertClose(valueOf(output), h.value, `${h.id} value`);
        const first = grad(output, xs);
        assertClose(first.map(valueOf), h.grad, `${h.id} gradient`);
        const rows = first.map((gi) => grad(gi, xs).map(valueOf));
        assertClose(rows, h.hessian, `${h.id} Hessian`);
      });
    }
  });

  describe('Hessian-vector products through tensor ops', () => {
    for (const h of goldens.hvps) {
      it(`${h.id}: ${h.expr}`, () => {
        const { output, inputs } = buildProgram(h);
        const x = inputs[h.wrt];
        assertClose(valueOf(output), h.value, `${h.id} value`);
        const [gx] = grad(output, [x]);
        assertClose(valueOf(gx), h.grad, `${h.id} gradient`);
        const [hv] = grad(sum(mul(gx, constant(h.direction))), [x]);
        assertClose(valueOf(hv), h.hvp, `${h.id} Hessian-vector product`);
      });
    }
  });

  describe('forward mode: jvp() along a tangent for every input', () => {
    for (const j of goldens.jvps) {
      it(`${j.id}`, () => {
        const base = goldens.cases.find((c) => c.id === j.case);
        assert.ok(base, `no case ${j.case}`);
        const names = Object.keys(base.inputs);
        const f = (...xs: Tensor[]): Tensor => buildProgram(base, Object.fromEntries(names.map((n, i) => [n, xs[i]]))).output;
        const result = jvp(f, names.map((n) => NDArray.from(base.inputs[n])), names.map((n) => NDArray.from(j.tangents[n])));
        assertClose(result.value.toNested(), j.value, `${j.id} value`);
        assertClose(result.tangent.toNested(), j.tangent, `${j.id} tangent`);
      });
    }
  });
});

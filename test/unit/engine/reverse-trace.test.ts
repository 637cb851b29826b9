// reverseTrace on the lecture's example (partial adjoints per edge, node_to_grad per step),
// and grad on a graph far deeper than the call stack.
import { strict as assert } from 'assert';
import * as E from '../../../engine';
import { Tensor } from '../../../engine';

function lectureExample(): { x1: Tensor; x2: Tensor; v3: Tensor; v4: Tensor; v5: Tensor; v6: Tensor; y: Tensor } {
  const x1 = E.variable(2, 'x_1');
  const x2 = E.variable(5, 'x_2');
  const v3 = E.log(x1);
  const v4 = E.mul(x1, x2);
  const v5 = E.sin(x2);
  const v6 = E.add(v3, v4);
  const y = E.sub(v6, v5);
  return { x1, x2, v3, v4, v5, v6, y };
}

describe('engine: reverseTrace', () => {
  it('partial adjoints on the edges into x₁ are 1/x₁·1 and x₂, and sum to x̄₁', () => {
    const { x1, x2, v3, v4, y } = lectureExample();
    const trace = E.reverseTrace(y);
    const into = (t: Tensor) => trace.edges.filter((e) => e.from === t);
    const x1Edges = into(x1);
    assert.equal(x1Edges.length, 2);
    const viaLog = x1Edges.find((e) => e.to === v3)!;
    const viaMul = x1Edges.find((e) => e.to === v4)!;
    assert.equal(viaLog.value.value.item(), 1 / 2);
    assert.equal(viaMul.value.value.item(), 5);
    assert.equal(viaMul.inputIndex, 0);
    assert.equal(trace.adjoints.get(x1)!.value.item(), 5.5);
    assert.equal(trace.adjoints.get(x2)!.value.item(), 2 - Math.cos(5));
  });

  it("every node's adjoint is the sum of the partial adjoints on its outgoing edges", () => {
    const { y } = lectureExample();
    const trace = E.reverseTrace(y);
    for (const node of trace.order) {
      if (node === y) continue;
      const total = trace.edges.filter((e) => e.from === node).reduce((s, e) => s + e.value.value.item(), 0);
      assert.ok(Math.abs(total - trace.adjoints.get(node)!.value.item()) < 1e-15, `node ${node.id}`);
    }
  });

  it('steps run in reverse topological order and node_to_grad grows as the lecture table shows', () => {
    const { x1, x2, v6, v5, y } = lectureExample();
    const trace = E.reverseTrace(y);
    assert.deepEqual(trace.steps.map((s) => s.node), [...trace.order].reverse());
    assert.equal(trace.steps[0].node, y);
    // After processing y: node_to_grad holds y (seed), v6 (1) and v5 (−1).
    const first = new Map(E.nodeToGradAfter(trace, 0).map((e) => [e.node, e.partials.map((p) => p.value.item())]));
    assert.deepEqual(first.get(y), [1]);
    assert.deepEqual(first.get(v6), [1]);
    assert.deepEqual(first.get(v5), [-1]);
    assert.equal(first.has(x1), false);
    // At the end x₁ has its two pathways listed separately, and x₂ too.
    const last = new Map(E.nodeToGradAfter(trace, trace.steps.length - 1).map((e) => [e.node, e.partials.map((p) => p.value.item())]));
    assert.deepEqual([...last.get(x1)!].sort(), [0.5, 5]);
    assert.deepEqual([...last.get(x2)!].sort(), [-Math.cos(5), 2].sort());
  });

  it('each step holds only what it adds to node_to_grad (one partial per input), so a long chain stays linear', () => {
    const x = E.variable(0.5);
    let t: Tensor = x;
    for (let i = 0; i < 5000; i++) t = E.sin(t);
    const trace = E.valueTrace(t);
    assert.equal(trace.steps.length, 5001);
    assert.equal(trace.steps.reduce((n, s) => n + s.partials.length, 0), 5000);
    assert.equal(trace.steps[0].partials[0].from, t.inputs[0]);
  });

  it('valueTrace has the same numbers as reverseTrace, as arrays', () => {
    const { y } = lectureExample();
    const nodes = E.reverseTrace(y);
    const values = E.valueTrace(y);
    assert.deepEqual(values.order, nodes.order);
    for (const t of nodes.order) assert.equal(values.adjoints.get(t)!.item(), nodes.adjoints.get(t)!.value.item());
    assert.deepEqual(values.edges.map((e) => [e.from.id, e.to.id, e.value.item()]), nodes.edges.map((e) => [e.from.id, e.to.id, e.value.value.item()]));
    const table = (rows: Array<{ node: Tensor; partials: number[] }>) => rows.map((r) => [r.node.id, r.partials]);
    assert.deepEqual(
      table(E.nodeToGradAfter(values, 2).map((r) => ({ node: r.node, partials: r.partials.map((p) => p.item()) }))),
      table(E.nodeToGradAfter(nodes, 2).map((r) => ({ node: r.node, partials: r.partials.map((p) => p.value.item()) }))),
    );
  });

  it('valueTrace sums many partials into one input (a sum over θ_i) like gradValues, and edges keep what `keep` makes of them', () => {
    const n = 40;
    const theta = E.variable(E.NDArray.from(Array.from({ length: n }, (_, i) => Math.sin(i + 1))));
    const before = Float64Array.from(theta.value.data);
    let f: Tensor = E.sum(theta);
    for (let i = 0; i < n; i++) f = E.add(f, E.mul(E.sin(E.index(theta, i)), E.index(theta, i)));
    const kept = E.valueTrace(f, undefined, (partial) => partial.size);
    assert.deepEqual(Array.from(kept.adjoints.get(theta)!.data), Array.from(E.gradValues(f, [theta])[0].data));
    const intoTheta = kept.edges.filter((e) => e.from === theta);
    assert.equal(intoTheta.length, 2 * n + 1);
    assert.ok(intoTheta.every((e) => e.value === n), 'each edge kept the size of its partial, as asked');
    assert.deepEqual(Array.from(E.valueTrace(f).adjoints.get(theta)!.data), Array.from(kept.adjoints.get(theta)!.data));
    assert.deepEqual(theta.value.data, before, 'summing in place never writes a value');
  });

  it('adjoints are graph nodes: differentiating x̄₁ = 1/x₁ + x₂ gives (−1/x₁², 1)', () => {
    const { x1, x2, y } = lectureExample();
    const x1bar = E.reverseTrace(y).adjoints.get(x1)!;
    assert.deepEqual(E.grad(x1bar, [x1, x2]).map((t) => t.value.item()), [-0.25, 1]);
  });
});

describe('engine: deep graphs', () => {
  it('a 1,000,000-node chain gets its gradient without overflowing the stack', function () {
    this.timeout(300_000); // a correctness test on a shared machine, not a timing
    const x = E.variable(0.5);
    const one = E.constant(1);
    let t: Tensor = x;
    for (let i = 0; i < 1_000_000; i++) t = E.add(t, one);
    assert.equal(t.value.item(), 0.5 + 1_000_000);
    assert.equal(E.grad(t, [x])[0].value.item(), 1);
    // The inputs of the chain are reached through it too: the shared constant gets 1,000,000.
    assert.equal(E.grad(t, [one])[0].value.item(), 1_000_000);
  });

  it('grad of a leaf with respect to itself is the seed; an intermediate node can be a wrt too', () => {
    const x = E.variable([1, 2]);
    assert.deepEqual(E.grad(x, [x])[0].value.toNested(), [1, 1]);
    const h = E.mul(x, 3);
    const y = E.sum(E.mul(h, h));
    const [gh, gx] = E.grad(y, [h, x]);
    assert.deepEqual(gh.value.toNested(), [6, 12]);
    assert.deepEqual(gx.value.toNested(), [18, 36]);
  });

  it('a wrt tensor the output does not depend on gets zeros of its shape', () => {
    const x = E.variable([1, 2]);
    const unrelated = E.variable([[1, 2, 3]]);
    const [gx, gu] = E.grad(E.sum(E.mul(x, x)), [x, unrelated]);
    assert.deepEqual(gx.value.toNested(), [2, 4]);
    assert.deepEqual(gu.value.toNested(), [[0, 0, 0]]);
  });

  it('an explicit seed weights a non-scalar output (vector-Jacobian product)', () => {
    const x = E.variable([1, 2, 3]);
    const y = E.mul(x, x);
    assert.deepEqual(E.grad(y, [x], E.constant([1, 0, -1]))[0].value.toNested(), [2, 0, -6]);
    assert.deepEqual(E.grad(y, [x])[0].value.toNested(), [2, 4, 6]);
    assert.throws(() => E.grad(y, [x], E.constant([1, 2])), /seed of shape \(2,\) does not match output of shape \(3,\)/);
  });
});

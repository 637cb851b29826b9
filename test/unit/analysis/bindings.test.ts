// Where values come from (SPEC §3) and how names read (SPEC §2): the order of the sources,
// notebook-order definitions, declared and implied shapes, subscripts as indices, e^{…}.
import * as assert from 'node:assert/strict';
import { analyzeMarkdown, assertClose, blockWith, describeBlock, flat, inputValue } from './helpers';

function sourceOf(a: ReturnType<typeof blockWith>, name: string): string {
  const b = a.inputs.find((i) => i.name === name);
  assert.ok(b, `no input ${name}`);
  return b.source;
}

describe('bindings', () => {
  it('prefers, in order: the block itself, the annotation, earlier blocks, a sample', () => {
    const blocks = analyzeMarkdown([
      'Let $a = 10$ and $b = 20$ and $c = 30$.',
      '',
      '<!-- autodiff: a = 1, b = 2 -->',
      '$$',
      'a = 3 \\\\',
      'z = a + 10 b + 100 c + 1000 d',
      '$$',
    ].join('\n'));
    const z = blockWith(blocks, 'z = a');
    assert.equal(z.status, 'ok', describeBlock(z));
    const d = inputValue(z, 'd') as number;
    assertClose(z.value, 3 + 10 * 2 + 100 * 30 + 1000 * d);
    assert.equal(sourceOf(z, 'a'), 'block');
    assert.equal(sourceOf(z, 'b'), 'annotation');
    assert.equal(sourceOf(z, 'c'), 'earlier-block');
    assert.equal(sourceOf(z, 'd'), 'sampled');
    assert.ok(d >= 0.5 && d < 2);
    assert.deepEqual(z.inputs.filter((i) => i.sampled).map((i) => i.name), ['d']);
  });

  it('samples annotation shapes (\\theta: 4, W: 3x2) and marks them sampled', () => {
    const a = blockWith(analyzeMarkdown('<!-- autodiff: \\theta: 4, W: 3x2 -->\n$$s = \\theta_4 + \\|W\\|^2$$\n'), 's = ');
    assert.equal(a.status, 'ok', describeBlock(a));
    const theta = a.inputs.find((i) => i.name === '\\theta')!;
    const w = a.inputs.find((i) => i.name === 'W')!;
    assert.deepEqual([theta.value.shape, w.value.shape], [[4], [3, 2]]);
    assert.deepEqual([theta.sampled, theta.source, w.sampled, w.source], [true, 'annotation', true, 'annotation']);
  });

  it('uses only earlier blocks, not later ones (notebook order)', () => {
    const blocks = analyzeMarkdown('$$u = 2 q$$\n\nThen $q = 7$.\n\n$$w = 2 q$$\n');
    assert.equal(blockWith(blocks, 'u = 2 q').inputs[0].source, 'sampled');
    assertClose(blockWith(blocks, 'w = 2 q').value, 14);
  });

  it('declares shapes with \\in \\mathbb{R}^{n} and reads subscripts of a tensor as 1-based indices', () => {
    const blocks = analyzeMarkdown('Let $\\theta \\in \\mathbb{R}^{3}$.\n\n$$s = \\theta_1 + 10 \\theta_3$$\n');
    const s = blockWith(blocks, 's = ');
    assert.equal(s.status, 'ok', describeBlock(s));
    const theta = flat(inputValue(s, '\\theta'));
    assert.equal(theta.length, 3);
    assertClose(s.value, theta[0] + 10 * theta[2]);
    assertClose(s.gradient['\\theta'], [1, 0, 10]);
    assert.equal(blockWith(blocks, '\\in').status, 'not-evaluable');
  });

  it('keeps a subscripted name its own name when the base is not a tensor', () => {
    const s = blockWith(analyzeMarkdown('<!-- autodiff: x = 3 -->\n$$s = x_1 + x$$\n'), 's = ');
    assert.equal(s.status, 'ok', describeBlock(s));
    assert.deepEqual(s.inputs.map((i) => i.name).sort(), ['x', 'x_1']);
  });

  it('implies a vector from \\theta_i under \\prod_{i=1}^n, with n defaulting to 4 and marked sampled', () => {
    const f = blockWith(analyzeMarkdown('$$p = \\prod_{i=1}^n \\theta_i$$\n'), 'p = ');
    assert.equal(f.status, 'ok', describeBlock(f));
    assert.equal(flat(inputValue(f, '\\theta')).length, 4);
    const n = f.inputs.find((i) => i.name === 'n');
    assert.ok(n && n.sampled && n.value.data[0] === 4, 'n = 4 (sampled)');
    assert.equal(f.gradient.n, undefined, 'an index bound has no gradient');
  });

  it('takes a free bound from the length of the tensor the index reads', () => {
    const l = blockWith(analyzeMarkdown('<!-- autodiff: h = [1, 2, 3], y = 2 -->\n$$\n\\ell = -h_y + \\log \\sum_{j=1}^n \\exp(h_j)\n$$\n'), '\\ell');
    assert.equal(l.status, 'ok', describeBlock(l));
    const h = [1, 2, 3];
    const lse = Math.log(h.reduce((s, x) => s + Math.exp(x), 0));
    assertClose(l.value, -h[1] + lse);
    assertClose(l.gradient.h, h.map((x, i) => Math.exp(x - lse) - (i === 1 ? 1 : 0)));
  });

  it('samples a free index as an integer in range (h_y with h bound, y free)', () => {
    const l = blockWith(analyzeMarkdown('<!-- autodiff: h = [10, 20, 30] -->\n$$\\ell = h_y$$\n'), '\\ell');
    assert.equal(l.status, 'ok', describeBlock(l));
    const y = l.inputs.find((i) => i.name === 'y')!;
    assert.ok(y.sampled && [1, 2, 3].includes(y.value.data[0]), `y = ${y.value.data[0]}`);
    assertClose(l.value, 10 * y.value.data[0]);
    assert.equal(l.gradient.y, undefined);
  });

  it('reads e^{x} as exp(x) unless e is bound', () => {
    const free = blockWith(analyzeMarkdown('<!-- autodiff: x = 0.5 -->\n$$g = e^{x}$$\n'), 'g = ');
    assertClose(free.value, Math.exp(0.5));
    const bound = blockWith(analyzeMarkdown('<!-- autodiff: x = 0.5, e = 4 -->\n$$g = e^{x}$$\n'), 'g = ');
    assertClose(bound.value, 2);
  });

  it('defines functions usable in later blocks, h_j(x) being component j', () => {
    const blocks = analyzeMarkdown([
      '$$h(x) = 2 x$$',
      '',
      '<!-- autodiff: z = [1, 2, 3] -->',
      '$$q = h_2(z) + h(3)$$',
    ].join('\n'));
    const q = blockWith(blocks, 'q = ');
    assert.equal(q.status, 'ok', describeBlock(q));
    assertClose(q.value, 4 + 6);
    assertClose(q.gradient.z, [0, 2, 0]);
  });

  it('gives each named intermediate of a trace its own node, leaves labelled by name', () => {
    const t = blockWith(analyzeMarkdown([
      '<!-- autodiff: x_1 = 2, x_2 = 5 -->',
      '$$',
      'v_1 = x_1 \\\\ v_2 = x_2 \\\\ v_3 = \\ln(v_1) \\\\ v_4 = v_1 \\cdot v_2 \\\\',
      'v_5 = \\sin(v_2) \\\\ v_6 = v_3 + v_4 \\\\ v_7 = v_6 - v_5',
      '$$',
    ].join('\n')), 'v_7');
    assert.equal(t.status, 'ok', describeBlock(t));
    assert.equal(t.outputName, 'v_7');
    const names = t.graph.nodes().map((n) => n.name).filter((n) => n !== undefined);
    for (const v of ['x_1', 'x_2', 'v_1', 'v_2', 'v_3', 'v_4', 'v_5', 'v_6', 'v_7']) assert.ok(names.includes(v), `no node ${v}`);
    assertClose(t.value, Math.log(2) + 10 - Math.sin(5));
    assertClose(t.gradient.x_1, 5.5);
    assertClose(t.gradient.x_2, 2 - Math.cos(5));
    const v3 = t.graph.nodes().find((n) => n.name === 'v_3')!;
    assertClose(v3.adjoint, 1, 1e-12, 'adjoint of v_3');
    const x1 = t.graph.nodes().find((n) => n.name === 'x_1')!;
    assert.equal(x1.op, 'input');
  });

  it('binds inputs by assignment in autodiff code and indexes from 0', () => {
    const a = analyzeMarkdown('```autodiff\nx1 = 2; x2 = 5\nv = [1, 2, 3]\ny = log(x1) + x1*x2 - sin(x2) + v[0]\n```\n')[0];
    assert.equal(a.status, 'ok', describeBlock(a));
    assertClose(a.value, Math.log(2) + 10 - Math.sin(5) + 1);
    assertClose(a.gradient.x1, 5.5);
    assertClose(a.gradient.v, [1, 0, 0]);
    assert.equal(a.inputs.find((i) => i.name === 'x1')!.source, 'block');
  });

  it('a free name multiplied on the left by a bound matrix is a vector of its column count, also through a function call', () => {
    const blocks = analyzeMarkdown([
      '<!-- autodiff: A = [[2.0, 0.0, 1.0], [1.0, -1.0, 0.5]], b = [1.0, 2.0] -->',
      '$$ r = A u - b $$',
      '',
      '$$ s = A^\\top v $$',
      '',
      '$$ F(w) = \\|A w - b\\|_2^2 $$',
      '',
      '$$ \\nabla_w F(w) $$',
    ].join('\n'));
    const r = blockWith(blocks, 'r = A u');
    assert.equal(r.status, 'ok', describeBlock(r));
    const u = inputValue(r, 'u') as number[];
    assert.equal(u.length, 3, 'u has A\'s 3 columns');
    assertClose(r.value, [2 * u[0] + u[2] - 1, u[0] - u[1] + 0.5 * u[2] - 2]);
    const s = blockWith(blocks, 's = A^');
    assert.equal(s.status, 'ok', describeBlock(s));
    assert.equal((inputValue(s, 'v') as number[]).length, 2, 'v has Aᵀ\'s 2 columns');
    const g = blockWith(blocks, '\\nabla_w F');
    assert.equal(g.status, 'ok', describeBlock(g));
    const w = inputValue(g, 'w') as number[];
    assert.equal(w.length, 3, 'w has A\'s 3 columns at the call, as in the body');
    // ∇ ‖Aw − b‖² = 2 Aᵀ (Aw − b)
    const res = [2 * w[0] + w[2] - 1, w[0] - w[1] + 0.5 * w[2] - 2];
    assertClose(g.value, [2 * (2 * res[0] + res[1]), 2 * -res[1], 2 * (res[0] + 0.5 * res[1])]);
  });

  it('the derivative by an entry of a vector defined upstream differentiates through that vector', () => {
    const blocks = analyzeMarkdown([
      '<!-- autodiff: W = [[1.0, 2.0], [-1.0, 0.5]], x = [0.5, 2.0] -->',
      '$$ h = W x $$',
      '',
      '$$ q = h_1^2 h_2 $$',
      '',
      '$$ \\frac{\\partial q}{\\partial h_2} $$',
    ].join('\n'));
    const d = blockWith(blocks, '\\frac{\\partial q}{\\partial h_2}');
    assert.equal(d.status, 'ok', describeBlock(d));
    const h1 = 1 * 0.5 + 2 * 2;
    assertClose(d.value, h1 * h1);
  });
});


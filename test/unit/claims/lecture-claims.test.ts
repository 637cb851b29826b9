// Derivation claims on the lecture's example y = ln(x₁) + x₁x₂ − sin(x₂) at x₁ = 2, x₂ = 5.
import * as assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../server/analysis';
import { analyze, claimOf, close, display, LECTURE_Y, onlyBlock } from './helpers';

const D1 = '\\frac{\\partial y}{\\partial x_1}';
const D2 = '\\frac{\\partial y}{\\partial x_2}';
const BOUND = 'x_1 = 2, x_2 = 5';

describe('derivation claims on the lecture example', () => {
  it('∂y/∂x₁ = 1/x₁ + x₂ holds at the bound point and at 4 re-sampled points', () => {
    const a = onlyBlock(display([LECTURE_Y, `${D1} = \\frac{1}{x_1} + x_2`], BOUND));
    assert.equal(a.status, 'ok', a.message ?? '');
    const c = claimOf(a, D1);
    assert.equal(c.holds, true);
    assert.equal(c.points, 5);
    assert.equal(c.where, null);
    close(c.autodiff, 1 / 2 + 5);
    close(c.yours, 1 / 2 + 5);
    assert.ok(c.maxError < 1e-12);
    assert.equal(a.problems.filter((p) => p.severity === 'warning').length, 0);
    // The block's value is the derivative itself.
    close(a.value, 5.5);
    assert.equal(a.outputName, D1);
  });

  it('∂y/∂x₂ = x₁ − cos(x₂) holds', () => {
    const a = onlyBlock(display([LECTURE_Y, `${D2} = x_1 - \\cos(x_2)`], BOUND));
    const c = claimOf(a, D2);
    assert.equal(c.holds, true);
    close(c.autodiff, 2 - Math.cos(5));
  });

  it('∂y/∂x₁ = x₂ fails at the bound point, names the missing path, and warns on the right side', () => {
    const text = display([LECTURE_Y, `${D1} = x_2`], BOUND);
    const a = onlyBlock(text);
    assert.equal(a.status, 'ok', 'a wrong claim is not a broken block');
    const c = claimOf(a, D1);
    assert.equal(c.holds, false);
    assert.deepEqual(c.where, { x_1: 2, x_2: 5 });
    close(c.autodiff, 5.5);
    close(c.yours, 5);
    assert.ok(c.maxError >= 0.5, `maxError ${c.maxError}`);
    assert.match(c.pathways ?? '', /lacks the path through \\ln\(x_1\)/);
    const warnings = a.problems.filter((p) => p.severity === 'warning');
    assert.equal(warnings.length, 1);
    assert.equal(text.slice(warnings[0].span.start, warnings[0].span.end), 'x_2');
    assert.match(warnings[0].message, /x_1 = 2, x_2 = 5/);
    assert.equal(c.line, 4, '1-based document line of the claim');
  });

  it('a wrong term instead of a path is named as such', () => {
    const a = onlyBlock(display([LECTURE_Y, `${D1} = \\frac{1}{x_1} + x_1`], BOUND));
    const c = claimOf(a, D1);
    assert.equal(c.holds, false);
    assert.match(c.pathways ?? '', /the term x_1 should be the path through x_1 x_2/);
  });

  it('a claim that agrees at the bound point but not elsewhere is caught', () => {
    // At x₁ = 1: x₁ + x₂ = 1/x₁ + x₂, but not at other x₁.
    const a = onlyBlock(display([LECTURE_Y, `${D1} = x_1 + x_2`], 'x_1 = 1, x_2 = 5'));
    const c = claimOf(a, D1);
    assert.equal(c.holds, false);
    assert.ok(c.where, 'names the point where it fails');
    const x1 = c.where.x_1 as number;
    const x2 = c.where.x_2 as number;
    assert.notEqual(x1, 1, 'the failing point is not the bound point');
    assert.ok(x1 >= 0.5 && x1 < 2 && x2 >= 0.5 && x2 < 2, `re-sampled in [0.5, 2): ${x1}, ${x2}`);
    close(c.autodiff, 1 / x1 + x2);
    close(c.yours, x1 + x2);
  });

  it('uses settings.claimPoints and re-samples the same points every time', () => {
    const text = display([LECTURE_Y, `${D1} = x_1 + x_2`], 'x_1 = 1, x_2 = 5');
    assert.equal(claimOf(onlyBlock(text, { claimPoints: 3 }), D1).points, 3);
    assert.deepEqual(claimOf(onlyBlock(text), D1).where, claimOf(onlyBlock(text), D1).where);
  });

  it('one point only (claimPoints 1) cannot catch the chance agreement, which is why there are more', () => {
    const c = claimOf(onlyBlock(display([LECTURE_Y, `${D1} = x_1 + x_2`], 'x_1 = 1, x_2 = 5'), { claimPoints: 1 }), D1);
    assert.equal(c.points, 1);
    assert.equal(c.holds, true);
  });

  it('checks claims on sampled inputs and on inputs bound in the block', () => {
    const sampled = claimOf(onlyBlock(display([LECTURE_Y, `${D2} = x_1 + \\cos(x_2)`])), D2);
    assert.equal(sampled.holds, false);
    const inBlock = claimOf(onlyBlock(display(['x_1 = 2', 'x_2 = 5', LECTURE_Y, `${D2} = x_1 - \\cos(x_2)`])), D2);
    assert.equal(inBlock.holds, true);
    assert.equal(inBlock.points, 5);
  });
});

describe('second derivatives', () => {
  it('∂²y/∂x₁² = −1/x₁² holds and −1/x₁ fails; the mixed one is 1', () => {
    const a = onlyBlock(display([LECTURE_Y,
      '\\frac{\\partial^2 y}{\\partial x_1^2} = -\\frac{1}{x_1^2}',
      '\\frac{\\partial^2 y}{\\partial x_1 \\partial x_2} = 1',
      '\\frac{\\partial^2 y}{\\partial x_2^2} = -\\frac{1}{x_1}'], BOUND));
    assert.equal(a.status, 'ok', a.message ?? '');
    const second = claimOf(a, '\\frac{\\partial^2 y}{\\partial x_1^2}');
    assert.equal(second.holds, true);
    close(second.autodiff, -1 / 4);
    const mixed = claimOf(a, '\\frac{\\partial^2 y}{\\partial x_1 \\partial x_2}');
    assert.equal(mixed.holds, true);
    close(mixed.autodiff, 1);
    const wrong = claimOf(a, '\\frac{\\partial^2 y}{\\partial x_2^2}');
    assert.equal(wrong.holds, false);
    close(wrong.autodiff, Math.sin(5));
  });

  it('a bare second derivative block has that derivative as its value', () => {
    const a = onlyBlock(display([LECTURE_Y, '\\frac{\\partial^2 y}{\\partial x_1^2}'], BOUND));
    assert.equal(a.status, 'ok', a.message ?? '');
    close(a.value, -1 / 4);
    assert.deepEqual(a.claims, []);
  });
});

describe('claims about a name defined in an earlier block', () => {
  const definition = display([LECTURE_Y], BOUND);

  it('differentiate the earlier definition at its own inputs (x₁ = 2, x₂ = 5 from its annotation)', () => {
    const blocks = analyze(`${definition}\n${display([`${D1} = \\frac{1}{x_1} + x_2`])}\n${display([`${D2} = x_1 + \\cos(x_2)`])}`);
    assert.equal(blocks.length, 3);
    const right = claimOf(blocks[1], D1);
    assert.equal(right.holds, true);
    close(right.autodiff, 5.5);
    assert.equal(right.points, 5);
    const wrong = claimOf(blocks[2], D2);
    assert.equal(wrong.holds, false);
    assert.deepEqual(wrong.where, { x_1: 2, x_2: 5 });
    close(wrong.yours, 2 + Math.cos(5));
    close(wrong.autodiff, 2 - Math.cos(5));
    assert.match(wrong.pathways ?? '', /the term \\cos\(x_2\) should be the path through \\sin\(x_2\)/);
  });

  it('through a forward trace v_1 … v_7 defined upstream, and as a bare derivative', () => {
    const trace = display(['v_1 = x_1', 'v_2 = x_2', 'v_3 = \\ln(v_1)', 'v_4 = v_1 v_2', 'v_5 = \\sin(v_2)', 'v_6 = v_3 + v_4', 'v_7 = v_6 - v_5', 'y = v_7'], BOUND);
    const blocks = analyze(`${trace}\n${display([`${D1} = \\frac{1}{x_1} + x_2`])}\n${display(['\\frac{\\partial^2 y}{\\partial x_2^2}'])}`);
    assert.equal(claimOf(blocks[1], D1).holds, true);
    assert.equal(blocks[2].status, 'ok', blocks[2].message ?? '');
    close(blocks[2].value, Math.sin(5));
  });

  it('with respect to an upstream intermediate, the right side reading intermediates that follow the inputs', () => {
    const trace = display(['v_1 = x_1', 'v_2 = x_2', 'v_3 = \\ln(v_1)', 'v_4 = v_1 v_2', 'v_5 = \\sin(v_2)', 'v_6 = v_3 + v_4', 'v_7 = v_6 - v_5', 'y = v_7'], BOUND);
    const dv2 = '\\frac{\\partial y}{\\partial v_2}';
    const blocks = analyze([trace, display([`${dv2} = v_1 - \\cos(v_2)`]), display([`${dv2} = 2 - \\cos(v_2)`]), display([`${D1} = \\frac{1}{x_1}`])].join('\n'));
    assert.equal(claimOf(blocks[1], dv2).holds, true);
    // 2 is v_1 at the bound point only.
    const chance = claimOf(blocks[2], dv2);
    assert.equal(chance.holds, false);
    assert.notEqual(chance.where?.x_1, 2);
    assert.match(claimOf(blocks[3], D1).pathways ?? '', /lacks the path through v_4 = v_1 v_2/);
  });

  it('other uses of an upstream name are its graph too: gradients reach its inputs (SPEC §4)', () => {
    const blocks = analyze(`${definition}\n${display(['z = y + x_1'])}`);
    assert.ok(!blocks[1].inputs.some((b) => b.name === 'y'), 'y is a node, not an input of the later block');
    // ∂z/∂x_1 = ∂y/∂x_1 + 1 = 1/x_1 + x_2 + 1 at (2, 5).
    close(blocks[1].gradient.x_1, 6.5);
    assert.ok(blocks[1].graph.nodes().some((n) => n.name === 'y' && n.upstreamBlock === 0 && n.span === undefined));
  });
});

describe('claims and incremental analysis', () => {
  it('after an edit above, a re-analysed claim still names the upstream node by its text', () => {
    const analyzer = new DocumentAnalyzer();
    const uri = 'file:///notes/moved.md';
    const definition = display([LECTURE_Y], BOUND);
    analyzer.analyze(uri, `${definition}\n${display([`${D1} = x_1 + x_2`])}`, 'markdown');
    // Text above moves the definition (served from the cache); the claim itself changes, so it is recomputed.
    const blocks = analyzer.analyze(uri, `Some prose first.\n\n${definition}\n${display([`${D1} = x_2`])}`, 'markdown');
    assert.equal(analyzer.stats.reused, 1);
    assert.match(claimOf(blocks[1], D1).pathways ?? '', /lacks the path through \\ln\(x_1\)/);
  });
});

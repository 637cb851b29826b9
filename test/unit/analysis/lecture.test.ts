// A lecture note as it is: every block classified, nothing red, the two evaluable examples right at
// their (sampled) inputs. Run on our own note, and on the shared lecture note when it is beside the checkout.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentAnalyzer } from '../../../server/analysis';
import { describeOnSharedLecture, OWN_LECTURE_PATH, SHARED_LECTURE_PATH } from '../../lectureNote';
import { assertClose, blockWith, describeBlock, flat, inputValue } from './helpers';

describe('analysis of our lecture-shaped note (test/fixtures/autodiff-lecture.md)', () => lectureSuite(OWN_LECTURE_PATH, readFileSync(OWN_LECTURE_PATH, 'utf8')));
describeOnSharedLecture('analysis of the lecture note (fixtures/lecture-04-autodiff.md)', (text) => lectureSuite(SHARED_LECTURE_PATH, text));

function lectureSuite(file: string, text: string): void {
  const uri = pathToFileURL(file).href;
  const blocks = new DocumentAnalyzer().analyze(uri, text, 'markdown');

  it('finds the math and gives every block a status, none of them error', () => {
    assert.ok(blocks.length >= 20, `only ${blocks.length} blocks found`);
    const errors = blocks.filter((b) => b.status === 'error');
    assert.deepEqual(errors.map(describeBlock), []);
    for (const b of blocks) assert.ok(['ok', 'not-evaluable'].includes(b.status), describeBlock(b));
  });

  it('evaluates y = ln(x1) + x1 x2 − sin(x2) with its closed-form gradient', () => {
    const y = blockWith(blocks, 'y = \\ln(x_1)');
    assert.equal(y.status, 'ok', describeBlock(y));
    assert.equal(y.outputName, 'y');
    const x1 = inputValue(y, 'x_1') as number;
    const x2 = inputValue(y, 'x_2') as number;
    assertClose(y.value, Math.log(x1) + x1 * x2 - Math.sin(x2));
    assertClose(y.gradient.x_1, 1 / x1 + x2, 1e-12, '∂y/∂x_1');
    assertClose(y.gradient.x_2, x1 - Math.cos(x2), 1e-12, '∂y/∂x_2');
    const symbolic = (name: string) => {
      const node = y.graph.nodes().find((n) => n.name === name);
      return node ? y.graph.symbolicAdjoint(node.id)?.unicode : undefined;
    };
    assert.equal(symbolic('x_1'), '1/x₁ + x₂');
    assert.equal(symbolic('x_2'), 'x₁ − cos(x₂)');
  });

  it('evaluates the product over θ with each partial the product of the other entries', () => {
    const f = blockWith(blocks, '\\prod_{i=1}^n');
    assert.equal(f.status, 'ok', describeBlock(f));
    const theta = flat(inputValue(f, '\\theta'));
    assert.equal(theta.length, 4, 'n defaults to 4');
    assertClose(f.value, theta.reduce((p, t) => p * t, 1));
    const others = theta.map((_, i) => theta.reduce((p, t, j) => (j === i ? p : p * t), 1));
    assertClose(f.gradient['\\theta'], others, 1e-12, '∇θ f');
  });

  it('samples unbound inputs in [0.5, 2), marks them sampled and draws the same values every time', () => {
    const y = blockWith(blocks, 'y = \\ln(x_1)');
    for (const b of y.inputs) {
      assert.equal(b.sampled, true, `${b.name} should be sampled`);
      assert.equal(b.source, 'sampled');
      for (const v of b.value.data) assert.ok(v >= 0.5 && v < 2, `${b.name} = ${v}`);
    }
    const again = blockWith(new DocumentAnalyzer().analyze(uri, text, 'markdown'), 'y = \\ln(x_1)');
    assert.deepEqual(again.inputs.map((b) => [...b.value.data]), y.inputs.map((b) => [...b.value.data]));
    const elsewhere = blockWith(new DocumentAnalyzer().analyze('file:///other.md', text, 'markdown'), 'y = \\ln(x_1)');
    assert.notDeepEqual(elsewhere.inputs.map((b) => [...b.value.data]), y.inputs.map((b) => [...b.value.data]));
    // The same note in another folder (a clone in CI, a copy) samples the same values.
    const moved = blockWith(new DocumentAnalyzer().analyze(`file:///tmp/clone/${path.basename(file)}`, text, 'markdown'), 'y = \\ln(x_1)');
    assert.deepEqual(moved.inputs.map((b) => [...b.value.data]), y.inputs.map((b) => [...b.value.data]));
  });

  it('keeps the undefined-function, \\lim and \\approx blocks quiet (not-evaluable)', () => {
    assert.equal(blockWith(blocks, '\\lim_{\\epsilon \\to 0}').status, 'not-evaluable');
    assert.equal(blockWith(blocks, '\\approx \\frac{f(\\theta + \\epsilon \\delta)').status, 'not-evaluable');
    const loss = blockWith(blocks, '\\ell(x, y) = -h_y(x)');
    assert.equal(loss.status, 'not-evaluable');
  });

  it('lets the inline $k = 1$ bind k', () => {
    const k = blocks.find((b) => b.block.text.trim() === 'k = 1' && b.status === 'ok');
    assert.ok(k, 'no ok block k = 1');
    assert.equal(k.value, 1);
  });
}

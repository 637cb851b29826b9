// Issue 11: a note is one program. One name lookup (scope.ts), earlier definitions entering as
// graphs, where-clauses, functions as closures, integers, cycles. Each case failed on main before.
import * as assert from 'node:assert/strict';
import { checkBlock, defaultSettings } from '../../../server/analysis';
import { analyzeMarkdown, assertClose, blockWith, describeBlock } from './helpers';

const display = (lines: string[], annotation?: string) => `${annotation ? `<!-- autodiff: ${annotation} -->\n` : ''}$$\n${lines.join('\n')}\n$$\n`;
const fence = (lines: string[]) => `\`\`\`autodiff\n${lines.join('\n')}\n\`\`\`\n`;
const note = (...parts: string[]) => parts.join('\nSome prose.\n\n');

describe('a note is one program (issue 11)', () => {
  it('case 1: an annotation beats an earlier tensor; x_1 indexes x only when x_1 is bound nowhere', () => {
    const blocks = analyzeMarkdown(note(fence(['x = [1.0, 2.0, 3.0]', 'total = sum(x * x)']),
      display(['y = x_1 x_2 + \\sin(x_1)'], 'x_1 = 1.5, x_2 = -0.5'),
      display(['\\frac{\\partial y}{\\partial x_1} = x_2 + \\cos(x_1)'])));
    const y = blockWith(blocks, 'y = x_1');
    assertClose(y.value, 1.5 * -0.5 + Math.sin(1.5));
    const claim = blockWith(blocks, '\\partial x_1');
    assert.equal(claim.status, 'ok', describeBlock(claim));
    assert.equal(claim.claims[0].holds, true);
  });

  it('case 2: earlier definitions enter as graphs: u = a^2 (a = 2), v = u + a, ∂v/∂a = 5', () => {
    const blocks = analyzeMarkdown(note(display(['u = a^2'], 'a = 2'), display(['v = u + a']), display(['\\frac{\\partial v}{\\partial a}'])));
    const v = blockWith(blocks, 'v = u + a');
    assertClose(v.value, 6);
    assertClose(v.gradient.a, 5);
    assert.deepEqual(Object.keys(v.gradient), ['a']);
    assertClose(blockWith(blocks, '\\frac').value, 5);
    // The imported node keeps its name and its block; it has no span in this block's text.
    const u = v.graph.nodes().find((n) => n.name === 'u');
    assert.ok(u && u.upstreamBlock === 0 && u.span === undefined, JSON.stringify(u));
    assertClose(u.adjoint, 1);
  });

  it('case 2: a claim differentiates through a chain of earlier blocks', () => {
    const blocks = analyzeMarkdown(note(display(['z = w a + b']), display(['q = \\sigma(z)']), display(['\\frac{\\partial q}{\\partial w} = q (1 - q) a'])));
    const claim = blockWith(blocks, '\\partial w');
    assert.equal(claim.status, 'ok', describeBlock(claim));
    assert.equal(claim.claims[0].holds, true);
    assert.deepEqual(Object.keys(blockWith(blocks, 'q = ').gradient).sort(), ['a', 'b', 'w']);
  });

  it('case 3: where-clauses define names the output uses, in any order and after \\text{where}', () => {
    const blocks = analyzeMarkdown(note(display(['\\ell = c^2, \\quad c = a b'], 'a = 2, b = 3'),
      display(['r = c^2 + c \\quad \\text{where} \\quad c = a b'], 'a = 0.5, b = -1.5')));
    const l = blockWith(blocks, '\\ell');
    assert.equal(l.outputName, '\\ell');
    assertClose(l.value, 36);
    assert.deepEqual(l.inputs.map((i) => i.name).sort(), ['a', 'b']);
    assertClose(l.gradient.a, 2 * 6 * 3);
    const r = blockWith(blocks, 'r = ');
    assert.equal(r.status, 'ok', describeBlock(r));
    assertClose(r.value, 0.75 ** 2 - 0.75);
  });

  it('case 4: a function body resolves its free names where it is defined', () => {
    const blocks = analyzeMarkdown(note(display(['g(t) = a t^2'], 'a = 2'), display(['\\frac{d}{dt} g(t)'], 't = 3')));
    assertClose(blockWith(blocks, '\\frac{d}{dt}').value, 12);
  });

  it('case 5: a prose \\sigma does not replace the fence\'s sigmoid, and its e stays Euler\'s number', () => {
    const blocks = analyzeMarkdown(note('Recall $\\sigma(z) = 1/(1 + e^{-z})$.\n',
      fence(['z = 2.0', 's = sigmoid(z)']), display(['q = \\sigma(u) + e^{u}'], 'u = -0.5')));
    assertClose(blockWith(blocks, 's = sigmoid').value, 1 / (1 + Math.exp(-2)));
    assertClose(blockWith(blocks, 'q = ').value, 1 / (1 + Math.exp(0.5)) + Math.exp(-0.5));
  });

  it('case 6: an inline mention never rebinds a name; an inline definition does', () => {
    const blocks = analyzeMarkdown(note(fence(['x = [3.0, -1.0, 2.0]', 'm = sum(x)']),
      'The first coordinate $x_1$ is special; we scale by $\\lambda = 0.1$.\n', display(['s = 2 x_1 + \\lambda'])));
    assertClose(blockWith(blocks, 's = 2').value, 6.1);
  });

  it('integers are integers: the m of \\frac{1}{m}\\sum_{i=1}^m is no input, and the gradient check passes', async () => {
    const blocks = analyzeMarkdown(display(['J = \\frac{1}{m} \\sum_{i=1}^m (w x_i - y_i)^2'], 'x = [1.0, 2.0, 3.0], y = [2.0, 3.0, 5.0]'));
    const J = blocks[0];
    assert.equal(J.status, 'ok', describeBlock(J));
    assert.ok(!('m' in J.gradient), Object.keys(J.gradient).join(', '));
    const report = await checkBlock(J, defaultSettings);
    assert.equal(report.passed, true);
    assert.ok(!report.inputs.some((i) => i.name === 'm'));
  });

  it('a dimension declared upstream is an integer below it', () => {
    const blocks = analyzeMarkdown(note('Let $\\theta \\in \\mathbb{R}^{n}$.\n', display(['J = \\frac{1}{n} \\|\\theta\\|_2^2'])));
    const J = blockWith(blocks, 'J = ');
    assert.equal(J.status, 'ok', describeBlock(J));
    assert.deepEqual(Object.keys(J.gradient), ['\\theta']);
    assert.equal((J.gradient['\\theta'] as number[]).length, 4);
  });

  it('a cycle inside a block is an error naming its names; between blocks it never hangs', () => {
    const [inside] = analyzeMarkdown(display(['p = q + 1, \\quad q = p^2']));
    assert.equal(inside.status, 'error');
    assert.match(inside.message ?? '', /cycle: (p → q → p|q → p → q)/);
    assert.ok(inside.problems[0].span.end > inside.problems[0].span.start);
    const across = analyzeMarkdown(note(display(['r = s + 1']), display(['s = r^2'])));
    assert.equal(across[1].status, 'ok', describeBlock(across[1]));
  });
});

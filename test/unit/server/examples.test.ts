// The bundled examples through the server: the lecture's forward trace as a table, SPEC §8's
// numbers, and every evaluable block passing its gradient check.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { blocksRequest, checkGradientRequest, graphRequest, traceRequest } from '../../../server/protocol';
import { DY_DX1, DY_DX2 } from './fixtures';
import { buildOnce, LspSession, positionOf, ROOT } from './lspSession';

const EXAMPLES = [['lecture.md', 'markdown'], ['mlp.autodiff', 'autodiff']] as const;
const uriOf = (name: string) => `file:///examples/${name}`;
const textOf = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');

describe('bundled examples (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  const diagnostics = new Map<string, Awaited<ReturnType<LspSession['open']>>>();
  before(async () => {
    buildOnce();
    s = await LspSession.start();
    for (const [name, language] of EXAMPLES) diagnostics.set(name, await s.open(uriOf(name), language, textOf(name)));
  });
  after(async () => { await s?.stop(); });

  it('opens every example without an error or warning', () => {
    for (const [name] of EXAMPLES) {
      const loud = diagnostics.get(name)!.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
      assert.deepEqual(loud, [], name);
    }
  });

  it('hovers the lecture example at x₁ = 2, x₂ = 5', async () => {
    const text = textOf('lecture.md');
    const example = 'y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)';
    const hover = async (needle: string) => ((await s.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf('lecture.md') }, position: positionOf(text, example, 0, example.indexOf(needle) + 1),
    }))!.contents as MarkupContent).value.split('\n');
    assert.ok((await hover('\\ln')).includes('- value: `0.69315`'));
    assert.ok((await hover('x_2')).includes(`- adjoint ∂y/∂x₂: \`${DY_DX2.toPrecision(5)}\``));
  });

  it('hovers read plainly: the term of a sum, matrices row by row, no identity() or LaTeX noise', async () => {
    const text = textOf('lecture.md');
    const hoverAt = async (needle: string, occurrence = 0, delta = 1): Promise<string[]> => ((await s.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf('lecture.md') }, position: positionOf(text, needle, occurrence, delta),
    }))!.contents as MarkupContent).value.split('\n');
    const symbolic = (lines: string[]) => lines.find((l) => l.startsWith('- symbolic adjoint:'));

    // v_1 = x_1 passes x_1 through: the trace block's x_1 has the same symbolic adjoint as the one-line example's.
    const viaTrace = await hoverAt('v_1 &= x_1', 0, 'v_1 &= x_'.length);
    assert.equal(viaTrace[0], '`x₁` · input');
    assert.ok(symbolic(viaTrace) && !symbolic(viaTrace)!.includes('identity'), viaTrace.join('\n'));
    assert.equal(symbolic(viaTrace), symbolic(await hoverAt('y = \\ln(x_1)', 0, 'y = \\ln(x_'.length)));

    // h_j inside the unrolled sum stands for one term: the hover names it, and its value is that entry of h = [1, 2, 3].
    const term = await hoverAt('\\exp(h_j)', 0, '\\exp(h'.length);
    const index = /^`hⱼ` = `h([₁₂₃])` · slice$/.exec(term[0]);
    assert.ok(index, term[0]);
    assert.ok(term.includes(`- value: \`${'₁₂₃'.indexOf(index[1]) + 1}\``), term.join('\n'));
    const exp = await hoverAt('\\exp(h_j)', 0, 1);
    const j = /^`exp\(hⱼ\)` \(j = (\d)\) · exp$/.exec(exp[0]);
    assert.ok(j, exp[0]);
    assert.ok(exp.includes(`- value: \`${Number(Math.exp(Number(j[1])).toPrecision(5))}\``), exp.join('\n'));
    // The output's name reads as it prints: ℓ, not \ell.
    assert.ok(exp.some((l) => l.startsWith('- adjoint ∂ℓ/∂(exp(hⱼ)):')), exp.join('\n'));

    // A derivative claim's output is no name to put in ∂…/∂·.
    const claim = await hoverAt('\\frac{\\partial y}{\\partial x_1} = ', 0, 2);
    assert.ok(claim.some((l) => l.startsWith('- adjoint ∂output/∂')) && !claim.some((l) => l.includes('∂\\frac')), claim.join('\n'));

    // \frac{1}{2} only has constants below it: no partials with respect to the 1 and the 2.
    const half = await hoverAt('\\frac{1}{2} \\|w\\|', 0, 1);
    assert.equal(half[0], '`1/2` · div');
    assert.ok(!half.some((l) => l.startsWith('- local partials')), half.join('\n'));

    // W1 (4×3): the value as 4 aligned rows of 3 numbers in a code block.
    const w1 = await hoverAt('relu(W1', 0, 'relu(W'.length);
    const at = w1.indexOf('- value: (4, 3)');
    assert.ok(at > 0, w1.join('\n'));
    assert.deepEqual([w1[at + 1], w1[at + 2], w1[at + 7]], ['', '  ```', '  ```']);
    const rows = w1.slice(at + 3, at + 7);
    assert.ok(rows.every((r) => /^  \[ *\S+( +\S+){2}\]$/.test(r)), rows.join('\n'));
    assert.equal(new Set(rows.map((r) => r.length)).size, 1, 'columns aligned');
  });

  it('labels every graph node by its source, or by its op and inputs where the source writes none', async () => {
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: uriOf('lecture.md') } });
    const norm = blocks.find((b) => b.title.includes('\\|w\\|'))!;
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: uriOf('lecture.md') }, blockIndex: norm.index });
    const labels = g!.nodes.map((n) => n.label);
    assert.ok(labels.every((l) => !/^constant \(/.test(l)), labels.join(' | '));
    // ‖w‖² squares w entrywise: a product of w with itself, written nowhere in the note.
    const w = g!.nodes.find((n) => n.label === 'w')!;
    const square = g!.nodes.find((n) => n.op === 'mul' && g!.edges.filter((e) => e.to === n.id && e.from === w.id).length === 2);
    assert.equal(square?.label, 'mul(w, w)');
    assert.ok(labels.includes('\\frac{1}{2}') && labels.includes('1') && labels.includes('2'), labels.join(' | '));
  });

  it("shows the lecture's forward evaluation trace v_1 … v_7 with tangents for x_1 and adjoints", async () => {
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: uriOf('lecture.md') } });
    const traceBlock = blocks.find((b) => b.title.includes('v_1 &= x_1'));
    assert.ok(traceBlock);
    const t = await s.connection.sendRequest(traceRequest, { textDocument: { uri: uriOf('lecture.md') }, blockIndex: traceBlock.index, tangentInput: 'x_1' });
    const rows = new Map(t!.rows.map((r) => [r.name, r]));
    const defs = ['v₁', 'v₂', 'v₃', 'v₄', 'v₅', 'v₆', 'v₇'].map((v) => rows.get(v)?.definition);
    assert.deepEqual(defs, ['x₁', 'x₂', 'ln(v₁)', 'v₁ · v₂', 'sin(v₂)', 'v₃ + v₄', 'v₆ − v₅']);
    assert.equal(rows.get('v₇')!.valueText, '11.652');
    // forward mode with ẋ₁ = 1: v̇_3 = 1/x₁, v̇_4 = x₂, v̇_7 = ∂y/∂x₁
    assert.deepEqual(['v₃', 'v₄', 'v₇'].map((v) => rows.get(v)!.tangentText), ['0.5', '5', String(DY_DX1)]);
    // reverse mode: v̄_1 = ∂y/∂x₁, v̄_2 = ∂y/∂x₂
    assert.deepEqual(['v₁', 'v₂'].map((v) => rows.get(v)!.adjointText), [String(DY_DX1), DY_DX2.toPrecision(5)]);
  });

  it("gives SPEC §8's gradient of the product: (24, 12, 8, 6)", async () => {
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: uriOf('lecture.md') } });
    const product = blocks.find((b) => b.title.includes('\\prod'))!;
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: uriOf('lecture.md') }, blockIndex: product.index });
    const theta = g!.nodes.find((n) => n.kind === 'input' && n.label === '\\theta');
    assert.ok(theta, g!.nodes.map((n) => n.label).join(' | '));
    assert.deepEqual(theta.adjoint, [24, 12, 8, 6]);
  });

  it('passes the gradient check on every evaluable block', async () => {
    for (const [name] of EXAMPLES) {
      const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: uriOf(name) } });
      const evaluable = blocks.filter((b) => b.evaluable);
      assert.ok(evaluable.length > 0, name);
      for (const b of evaluable) {
        const r = await s.connection.sendRequest(checkGradientRequest, { textDocument: { uri: uriOf(name) }, blockIndex: b.index });
        assert.equal(r?.passed, true, `${name} block ${b.index} (${b.title}): ${r?.summary}`);
      }
    }
  });
});

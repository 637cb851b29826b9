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
    assert.ok((await hover('x_2')).includes(`- adjoint ∂y/∂·: \`${DY_DX2.toPrecision(5)}\``));
  });

  it("shows the lecture's forward evaluation trace v_1 … v_7 with tangents for x_1 and adjoints", async () => {
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: uriOf('lecture.md') } });
    const traceBlock = blocks.find((b) => b.title.includes('v_1 &= x_1'));
    assert.ok(traceBlock);
    const t = await s.connection.sendRequest(traceRequest, { textDocument: { uri: uriOf('lecture.md') }, blockIndex: traceBlock.index, tangentInput: 'x_1' });
    const rows = new Map(t!.rows.map((r) => [r.name, r]));
    const defs = ['v_1', 'v_2', 'v_3', 'v_4', 'v_5', 'v_6', 'v_7'].map((v) => rows.get(v)?.definition);
    assert.deepEqual(defs, ['x_1', 'x_2', 'ln(v_1)', 'v_1 · v_2', 'sin(v_2)', 'v_3 + v_4', 'v_6 − v_5']);
    assert.equal(rows.get('v_7')!.valueText, '11.652');
    // forward mode with ẋ₁ = 1: v̇_3 = 1/x₁, v̇_4 = x₂, v̇_7 = ∂y/∂x₁
    assert.deepEqual(['v_3', 'v_4', 'v_7'].map((v) => rows.get(v)!.tangentText), ['0.5', '5', String(DY_DX1)]);
    // reverse mode: v̄_1 = ∂y/∂x₁, v̄_2 = ∂y/∂x₂
    assert.deepEqual(['v_1', 'v_2'].map((v) => rows.get(v)!.adjointText), [String(DY_DX1), DY_DX2.toPrecision(5)]);
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

// The custom requests of server/protocol.ts over stdio: blocks, graph, trace, DOT, and the
// gradient check with $/progress, its CodeLens verdict and cancellation.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource, CodeLensRequest, WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport, type WorkDoneProgressEnd } from 'vscode-languageserver-protocol/node';
import { blocksRequest, checkGradientRequest, exportDotRequest, graphRequest, traceRequest } from '../../../server/protocol';
import { DY_DX1, DY_DX2, EXAMPLE, pinnedLecture, Y } from './fixtures';
import { buildOnce, LspSession, positionOf } from './lspSession';

const PINNED = 'file:///notes/lecture-pinned.md';

describe('custom requests (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  let text: string;
  let exampleIndex: number;

  before(async () => {
    buildOnce();
    s = await LspSession.start();
    text = pinnedLecture();
    await s.open(PINNED, 'markdown', text);
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: PINNED } });
    const example = blocks.find((b) => b.title === EXAMPLE);
    assert.ok(example, 'the example block is listed');
    exampleIndex = example.index;
  });
  after(async () => { await s?.stop(); });

  it('lists blocks with status; the example is evaluable, \\lim math is not', async () => {
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri: PINNED } });
    const example = blocks.find((b) => b.index === exampleIndex)!;
    assert.equal(example.status, 'ok');
    assert.equal(example.evaluable, true);
    const limit = blocks.find((b) => b.title.includes('\\lim'));
    assert.ok(limit);
    assert.equal(limit.evaluable, false);
    assert.notEqual(limit.status, 'error');
  });

  it('answers the graph of a 300-term sum in a size linear in the graph: steps list what they add, big tensors go as text', async () => {
    const uri = 'file:///notes/big-sum.md';
    const note = 'Let $\\theta \\in \\mathbb{R}^{300}$.\n\n$$ f = \\sum_{i=1}^{300} \\sin(\\theta_i) \\cdot \\theta_i $$\n';
    await s.open(uri, 'markdown', note);
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri }, position: positionOf(note, 'f =', 0, 0) });
    assert.ok(g && g.status === 'ok', JSON.stringify(g?.message));
    assert.ok(g.nodes.length > 1200, `${g.nodes.length} nodes`);
    // node_to_grad is rebuilt from the steps: one addition per edge, plus the output's seed
    assert.equal(g.steps.reduce((n, step) => n + step.added.length, 0), g.edges.length + 1);
    // θ is a 300-vector: its value, and each edge's partial adjoint into it, go as a summary text only
    const theta = g.nodes.find((n) => n.kind === 'input')!;
    assert.equal(theta.value, null);
    assert.match(theta.valueText, /^\(300,\) min /);
    assert.ok(g.edges.filter((e) => e.from === theta.id).every((e) => e.partialAdjoint === null && /^\(300,\)/.test(e.partialAdjointText)));
    const bytes = JSON.stringify(g).length;
    assert.ok(bytes < 1000 * g.nodes.length, `${bytes} bytes for ${g.nodes.length} nodes`);
  });

  it('answers the graph of the block at a position with values, adjoints and the extended graph', async () => {
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: PINNED }, position: positionOf(text, EXAMPLE, 0, 3) });
    assert.ok(g);
    assert.equal(g.blockIndex, exampleIndex);
    const output = g.nodes.find((n) => n.kind === 'output');
    assert.ok(output);
    assert.ok(Math.abs((output.value as number) - Y) < 1e-12);
    assert.equal(output.valueText, '11.652');
    const inputs = g.nodes.filter((n) => n.kind === 'input').map((n) => [n.label, n.adjoint]);
    assert.deepEqual(inputs.map(([l]) => l).sort(), ['x_1', 'x_2']);
    const adj = Object.fromEntries(inputs) as Record<string, number>;
    assert.ok(Math.abs(adj.x_1 - DY_DX1) < 1e-12 && Math.abs(adj.x_2 - DY_DX2) < 1e-12);
    // every edge carries a partial adjoint; x_2's two pathways sum to its adjoint
    const x2 = g.nodes.find((n) => n.label === 'x_2')!;
    const sum = g.edges.filter((e) => e.from === x2.id).reduce((t, e) => t + (e.partialAdjoint as number), 0);
    assert.ok(Math.abs(sum - DY_DX2) < 1e-12);
    // the extended graph is the gradient graph (test/unit/server/extendedGraph.test.ts has its shape)
    assert.equal(g.extended.fallback, undefined);
    assert.ok(g.extended.nodes.length > 0 && g.extended.nodes.every((n) => n.kind === 'adjoint' && !g.nodes.some((m) => m.id === n.id)));
    assert.ok(g.steps.length > 0);
  });

  it('answers the trace: forward tangents for x_1, one reverse pass against two forward ones', async () => {
    const t = await s.connection.sendRequest(traceRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex, tangentInput: 'x_1' });
    assert.ok(t);
    assert.deepEqual([...t.inputs].sort(), ['x_1', 'x_2']);
    assert.equal(t.tangentInput, 'x_1');
    assert.equal(t.forwardPasses, 2);
    assert.equal(t.reversePasses, 1);
    const y = t.rows.find((r) => r.name === 'y');
    assert.ok(y, t.rows.map((r) => r.name).join(','));
    assert.equal(y.valueText, '11.652');
    assert.equal(y.tangentText, '5.5');   // ẏ for ẋ₁ = 1 is ∂y/∂x₁ = 1/2 + 5
    const other = await s.connection.sendRequest(traceRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex, tangentInput: 'x_2' });
    assert.equal(other!.rows.find((r) => r.name === 'y')!.tangentText, '1.7163');
  });

  it('counts only differentiable inputs in the forward passes: the size n and a class index are integers (issue 14)', async () => {
    const uri = 'file:///notes/softmax-trace.md';
    const note = '$$\n\\ell = -\\theta_y + \\log \\sum_{j=1}^{n} \\exp(\\theta_j)\n$$\n\nwith $\\theta \\in \\mathbb{R}^4$ and a class index $y$.\n';
    await s.open(uri, 'markdown', `<!-- autodiff: \\theta: 4, y = 2 -->\n${note}`);
    const t = await s.connection.sendRequest(traceRequest, { textDocument: { uri }, blockIndex: 0 });
    assert.ok(t, 'a trace');
    assert.deepEqual(t.inputs, ['\\theta']);
    assert.equal(t.forwardPasses, 4);
    assert.equal(t.tangentDirectional, true);
  });

  it('exports DOT with one line per node and edge', async () => {
    const dot = await s.connection.sendRequest(exportDotRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex });
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex });
    assert.ok(dot && g);
    assert.match(dot, /^digraph "/);
    assert.equal((dot.match(/^ {2}n\d+ \[label=/gm) ?? []).length, g.nodes.length);
    assert.equal((dot.match(/^ {2}n\d+ -> n\d+/gm) ?? []).length, g.edges.length);
    assert.doesNotMatch(dot, /cluster_gradient/, 'the gradient graph only when asked for');
  });

  it('exports DOT with the extended graph as the panel shows it: adjoint nodes with edges into the forward nodes', async () => {
    const dot = await s.connection.sendRequest(exportDotRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex, extended: true });
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex });
    assert.ok(dot && g);
    assert.match(dot, /subgraph cluster_gradient \{\n {4}label="gradient graph: reverse mode by extending the graph"/);
    assert.equal((dot.match(/^ {4}n\d+ \[label=.*style=dashed\];$/gm) ?? []).length, g.extended.nodes.length);
    const forward = new Set(g.nodes.map((n) => n.id));
    // Some adjoint is computed from a forward value (v̄₂ = v̄₄ · v₁): the edge runs from the forward node.
    const fromForward = g.extended.edges.filter((e) => forward.has(e.from));
    assert.ok(fromForward.length > 0);
    for (const e of fromForward) assert.ok(dot.includes(`  n${e.from} -> n${e.to} [style=dashed];`), `no edge n${e.from} -> n${e.to}`);
  });

  it('checks the gradient with $/progress begin … end, then shows the verdict lens', async () => {
    const token = 'check-1';
    const seen: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
    const listener = s.connection.onProgress(WorkDoneProgress.type, token, (v) => { seen.push(v); });
    const r = await s.connection.sendRequest(checkGradientRequest, { textDocument: { uri: PINNED }, blockIndex: exampleIndex, workDoneToken: token });
    listener.dispose();
    assert.ok(r);
    assert.equal(r.passed, true);
    assert.ok(r.maxRelError < 1e-6, `max rel err ${r.maxRelError}`);
    assert.deepEqual(r.inputs.map((i) => i.name).sort(), ['x_1', 'x_2']);
    assert.match(r.summary, /^✓ gradient check passed · max rel err \d(e-\d+)?$/);
    assert.equal(seen[0]?.kind, 'begin');
    assert.equal(seen[seen.length - 1]?.kind, 'end');
    const lenses = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: PINNED } }) ?? [];
    const line = positionOf(text, `$$\n${EXAMPLE}`).line;
    assert.deepEqual(lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title), [r.summary, 'Check gradient', 'Show graph', 'Show trace']);
  });

  it('stops a long check when the request is cancelled', async () => {
    const uri = 'file:///notes/big.autodiff';
    // 40,000 weights checked coordinate by coordinate (maxCoordinates raised below) is a long check.
    const big = await LspSession.start({ configuration: { gradientCheck: { maxCoordinates: 1_000_000 } } });
    try {
      await big.open(uri, 'autodiff', 'W = randn(200, 200)\nx = randn(200)\ny = sum(tanh(W @ x))\n');
      const source = new CancellationTokenSource();
      const token = 'check-cancel';
      let reports = 0;
      big.connection.onProgress(WorkDoneProgress.type, token, (v) => { if (v.kind === 'report' && ++reports === 2) source.cancel(); });
      const r = await big.connection.sendRequest(checkGradientRequest, { textDocument: { uri }, blockIndex: 0, workDoneToken: token }, source.token);
      assert.ok(reports >= 2, 'progress was reported before cancelling');
      assert.ok(r, 'the server still answers');
      assert.equal(r.cancelled, true);
      assert.equal(r.passed, false);
    } finally {
      await big.stop();
    }
  });
});

// The extended graph over stdio (issue 14): the gradient graph the engine builds on the lecture's example,
// with its ops and its edges from the forward nodes it reads, and the mirror it falls back to when too large.
import { strict as assert } from 'node:assert';
import { graphRequest, type GraphData, type GraphNode } from '../../../server/protocol';
import { DY_DX1, DY_DX2, EXAMPLE, X1, X2 } from './fixtures';
import { buildOnce, LspSession } from './lspSession';

describe('extended graph: the gradient graph (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  before(async () => { buildOnce(); s = await LspSession.start(); });
  after(async () => { await s?.stop(); });

  async function graphOf(uri: string, note: string): Promise<GraphData> {
    await s.open(uri, 'markdown', note);
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri }, blockIndex: 0 });
    assert.ok(g && g.status === 'ok', JSON.stringify(g?.message));
    return g;
  }

  it("draws the lecture example's gradient graph: adjoint nodes computed from forward nodes", async () => {
    const g = await graphOf('file:///notes/extended-lecture.md', `<!-- autodiff: x_1 = ${X1}, x_2 = ${X2} -->\n$$\n${EXAMPLE}\n$$\n`);
    const { nodes, edges, fallback } = g.extended;
    assert.equal(fallback, undefined);
    const forward = new Map(g.nodes.map((n) => [n.id, n]));
    const byLabel = (label: string): GraphNode => g.nodes.find((n) => n.label === label)!;
    const [x1, x2, product] = [byLabel('x_1'), byLabel('x_2'), byLabel('x_1 \\cdot x_2')];
    assert.ok(x1 && x2 && product, g.nodes.map((n) => n.label).join(' | '));
    // Ids are unique across both graphs; every gradient node is an adjoint node with an engine op.
    assert.equal(new Set([...g.nodes, ...nodes].map((n) => n.id)).size, g.nodes.length + nodes.length);
    assert.ok(nodes.every((n) => n.kind === 'adjoint' && n.op !== 'adjoint'));
    // The final adjoints: v̄ of x₁ = 1/x₁ + x₂ = 5.5, v̄ of x₂ = x₁ − cos x₂ = 1.71634 (sums of two pathways).
    const finalOf = (id: number): GraphNode => {
      const found = nodes.filter((n) => n.adjointOf?.includes(id));
      assert.equal(found.length, 1, `one final adjoint of ${forward.get(id)?.label}`);
      return found[0];
    };
    assert.ok(Math.abs((finalOf(x1.id).value as number) - DY_DX1) < 1e-12);
    assert.ok(Math.abs((finalOf(x2.id).value as number) - DY_DX2) < 1e-12);
    assert.equal(DY_DX2.toFixed(5), '1.71634');
    // Named as in the trace: x₁ is v₋₁, so its adjoint is v̄₋₁; the forward nodes carry those names too.
    assert.equal(x1.lectureName, 'v₋₁');
    assert.equal(x1.shown, 'x₁');
    assert.equal(product.shown, 'x₁ · x₂');
    assert.equal(finalOf(x1.id).label, 'v̄₋₁');
    assert.equal(finalOf(x1.id).op, 'add');
    assert.equal(finalOf(x1.id).valueText, '5.5');
    assert.equal(finalOf(x2.id).valueText, '1.7163');
    // Every forward node has one final adjoint; the seed ȳ = 1 is also v̄ of the sum (add passes it on).
    for (const n of g.nodes) finalOf(n.id);
    assert.equal(finalOf(g.outputId!), finalOf(product.id));
    // The rule of x₁·x₂ multiplies v̄ of the product by x₂: a mul node whose inputs are an adjoint node and x₂.
    const inputsOf = (id: number): number[] => edges.filter((e) => e.to === id).map((e) => e.from);
    const byX2 = nodes.find((n) => n.op === 'mul' && inputsOf(n.id).includes(x2.id) && inputsOf(n.id).includes(finalOf(product.id).id));
    assert.ok(byX2, 'mul(v̄ of x₁x₂, x₂)');
    assert.equal(byX2.value, X2);
    assert.equal(byX2.label, `${finalOf(product.id).label.split(' = ')[0]} · v₀`);
    assert.equal(byX2.step, product.id, "built by x₁x₂'s reverse step");
    assert.ok(inputsOf(finalOf(x1.id).id).includes(byX2.id), 'one of the partial adjoints summed into v̄ of x₁');
    // Edges from forward nodes into gradient nodes; every edge ends on a gradient node and starts on a known node.
    const gradientIds = new Set(nodes.map((n) => n.id));
    assert.ok(edges.some((e) => e.from === x1.id && gradientIds.has(e.to)));
    assert.ok(edges.some((e) => e.from === x2.id && gradientIds.has(e.to)));
    assert.ok(edges.every((e) => gradientIds.has(e.to) && (gradientIds.has(e.from) || forward.has(e.from))));
    // cos x₂, the local derivative of sin, reads x₂ only.
    const cos = nodes.find((n) => n.op === 'cos')!;
    assert.deepEqual(inputsOf(cos.id), [x2.id]);
    assert.equal(cos.label, 'cos(v₀)');
    // Listed inputs first, so the page can follow the gradient graph in one pass.
    const position = new Map(nodes.map((n, i) => [n.id, i]));
    assert.ok(edges.every((e) => !gradientIds.has(e.from) || position.get(e.from)! < position.get(e.to)!));
  });

  // 70 terms: 280 forward nodes, a gradient graph past 300; 200 terms: the forward graph alone is past 300.
  for (const terms of [70, 200]) {
    it(`falls back to one v̄ per node, and says why, when the gradient graph would be too large (${terms} terms)`, async () => {
      const note = `<!-- autodiff: \\theta = 0.5 -->\n$$ f = \\sum_{i=1}^{${terms}} \\sin(\\theta \\cdot i) $$\n`;
      const g = await graphOf(`file:///notes/extended-${terms}.md`, note);
      assert.equal(g.nodes.length > 300, terms === 200, `${g.nodes.length} nodes`);
      assert.match(g.extended.fallback ?? '', /one v̄ per node: its gradient graph would have more than 300 nodes/);
      assert.equal(g.extended.nodes.length, g.nodes.length);
      assert.ok(g.extended.nodes.every((n) => n.op === 'adjoint' && n.adjointOf?.length === 1 && n.step === n.adjointOf[0]));
      assert.equal(g.extended.edges.length, g.edges.length);
    });
  }

  it('draws the gradient graph of a sum of 60 terms whole (300 nodes)', async () => {
    const g = await graphOf('file:///notes/extended-60.md', '<!-- autodiff: \\theta = 0.5 -->\n$$ f = \\sum_{i=1}^{60} \\sin(\\theta \\cdot i) $$\n');
    assert.equal(g.extended.fallback, undefined);
    assert.ok(g.extended.nodes.length <= 300 && g.extended.nodes.some((n) => n.op === 'cos'));
  });
});

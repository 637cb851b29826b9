// What the graph page draws, without a browser: collapse, the extended graph, the pathway sums.
import { strict as assert } from 'node:assert';
import { adjointCellText, hiddenByCollapse, visibleGraph } from '../../../client/webview/graphModel';
import { fmt, GRAD, ID, lectureGraph } from './fixtures/lectureGraph';

describe('graph model', () => {
  const data = lectureGraph();
  const node = (id: number) => data.nodes.find((n) => n.id === id)!;

  it('collapsing hides only the nodes that feed nothing else', () => {
    assert.deepEqual([...hiddenByCollapse(data, new Set([ID.v4]))].sort(), [ID.x1, ID.v1, ID.v2].sort());
    assert.deepEqual([...hiddenByCollapse(data, new Set([ID.v3]))], []);              // x₂ still feeds x₁x₂
    assert.deepEqual([...hiddenByCollapse(data, new Set([ID.v3, ID.v2]))], [ID.x2]);  // now x₂ feeds only collapsed nodes
    assert.equal(hiddenByCollapse(data, new Set([ID.y])).size, 6);
    assert.equal(hiddenByCollapse(data, new Set()).size, 0);
  });

  it('counts what each collapsed node hides and drops the hidden edges', () => {
    const visible = visibleGraph(data, { extended: false, collapsed: new Set([ID.v4]) });
    assert.deepEqual(visible.hiddenCounts, new Map([[ID.v4, 3]]));
    assert.deepEqual(visible.edges.map((e) => [e.from, e.to]), [[ID.x2, ID.v3], [ID.v4, ID.y], [ID.v3, ID.y]]);
  });

  it('the extended graph adds the gradient graph, with the edges from the forward values it reads', () => {
    const visible = visibleGraph(data, { extended: true, collapsed: new Set() });
    assert.equal(visible.nodes.length, 7 + 11);
    assert.equal(visible.edges.filter((e) => e.kind === 'adjoint').length, 12);
    assert.equal(visible.edges.filter((e) => e.kind === 'reads').length, 4);
    assert.ok(visible.nodes.some((n) => n.id === GRAD.seed && n.kind === 'adjoint'));
    assert.ok(visible.edges.some((e) => e.from === ID.x2 && e.to === GRAD.v2ToX1 && e.kind === 'reads'));
    // A collapsed subgraph hides its adjoints too; the seed is also v̄ of y, which stays.
    const collapsed = visibleGraph(data, { extended: true, collapsed: new Set([ID.v4]) });
    assert.ok(!collapsed.nodes.some((n) => n.id === GRAD.x1));
    assert.ok(collapsed.nodes.some((n) => n.id === GRAD.seed));
    assert.ok(!collapsed.edges.some((e) => e.from === ID.x1), 'no edge from a hidden node');
  });

  it('a node reached by several pathways shows the sum of its partial adjoints', () => {
    assert.equal(adjointCellText(data, node(ID.x1)), `${fmt(0.5)} + ${fmt(5)} = ${fmt(5.5)}`);
    assert.equal(adjointCellText(data, node(ID.x2)), `2 + (${fmt(-Math.cos(5))}) = ${fmt(2 - Math.cos(5))}`);
    assert.equal(adjointCellText(data, node(ID.v1)), '1');
  });
});

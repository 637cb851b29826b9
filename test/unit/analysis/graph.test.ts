// What a block yields for the inspector (SPEC §4): adjoints per node, partial adjoints per edge
// summing to the adjoint, the node_to_grad steps, forward tangents, a tensor output reduced by sum.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { traceData } from '../../../server/lsp/trace';
import { analyzeMarkdown, assertClose, describeBlock, flat } from './helpers';

const lecture = '<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)$$\n';

describe('graph data of a block', () => {
  const [a] = analyzeMarkdown(lecture);
  const node = (label: string) => {
    const n = a.graph.nodes().find((x) => x.label === label);
    assert.ok(n, `no node ${label} among ${a.graph.nodes().map((x) => x.label).join(' | ')}`);
    return n;
  };

  it('labels every node with its source text and gives values and adjoints', () => {
    assert.equal(a.status, 'ok', describeBlock(a));
    assertClose(node('\\ln(x_1)').value, Math.log(2));
    assertClose(node('\\ln(x_1)').adjoint, 1);
    assertClose(node('\\sin(x_2)').adjoint, -1);
    assertClose(node('x_1 \\cdot x_2').value, 10);
    assert.equal(node('y').id, a.outputId);
    const text = lecture;
    const ln = node('\\ln(x_1)');
    assert.equal(text.slice(ln.span!.start, ln.span!.end), '\\ln(x_1)');
  });

  it('puts a partial adjoint on every edge; those leaving x_1 sum to its adjoint (two pathways)', () => {
    const x1 = node('x_1');
    const out = a.graph.edges().filter((e) => e.from === x1.id);
    assert.equal(out.length, 2);
    const partials = out.map((e) => flat(e.partialAdjoint)[0]).sort((p, q) => p - q);
    assertClose(partials, [0.5, 5]);
    assertClose(partials[0] + partials[1], flat(x1.adjoint)[0]);
  });

  it('records one reverse step per node, starting at the output', () => {
    assert.equal(a.graph.steps().length, a.graph.nodes().length);
    assert.equal(a.graph.steps()[0].nodeId, a.outputId);
    assert.ok(a.graph.steps().every((s) => a.graph.nodes().some((n) => n.id === s.nodeId)));
  });

  it('gives forward tangents for the first input in the trace (ẋ_1 = 1)', () => {
    const rows = traceData(TextDocument.create('file:///lecture.md', 'markdown', 1, lecture), a).rows;
    const tangent = (label: string) => rows.find((r) => r.nodeId === node(label).id)?.tangentText;
    assert.deepEqual([tangent('x_1'), tangent('x_2'), tangent('y')], ['1', '0', '5.5']);
  });

  it('reduces a tensor output by sum and says so', () => {
    const [t] = analyzeMarkdown('<!-- autodiff: x = [1, 2, 3] -->\n$$z = x^2$$\n');
    assert.equal(t.status, 'ok', describeBlock(t));
    assert.equal(t.reducedBySum, true);
    assertClose(t.value, [1, 4, 9]);
    assertClose(t.gradient.x, [2, 4, 6]);
  });
});

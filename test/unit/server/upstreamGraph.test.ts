// A loss block under a model block: its graph holds the model's nodes too (the note is one graph),
// each marked with the block it comes from, and the page opens with them folded (issue 11).
import { strict as assert } from 'node:assert';
import { DidOpenNotebookDocumentNotification, HoverRequest, InlayHintRequest, NotebookCellKind, type Hover, type InlayHint, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { upstreamFolds, visibleGraph } from '../../../client/webview/graphModel';
import { exportDotRequest, graphRequest } from '../../../server/protocol';
import { buildOnce, LspSession, positionOf } from './lspSession';

const URI = 'file:///notes/model-then-loss.md';
const NOTE = [
  '# Model',                                   // line 1
  '<!-- autodiff: w = 2, a = 3, b = 1 -->',    // line 2
  '$$ z = w a + b $$',                         // line 3
  '',
  '# Loss',
  '$$ q = \\sigma(z) $$',
  '',
].join('\n');

describe('upstream blocks in the graph (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  before(async () => { buildOnce(); s = await LspSession.start(); await s.open(URI, 'markdown', NOTE); });
  after(async () => { await s?.stop(); });

  it('marks the nodes an earlier block computed with that block, and folds them at first', async () => {
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: URI }, blockIndex: 1 });
    assert.ok(g && g.status === 'ok', g?.message ?? 'no graph');
    const fromModel = g.nodes.filter((n) => n.upstream);
    const here = g.nodes.filter((n) => !n.upstream);
    // w·a and z = w·a + b were computed by the model block on line 3, whose annotation binds the
    // inputs w, a, b; σ(z) = q is this block's own.
    assert.deepEqual(fromModel.map((n) => n.name ?? n.label).sort(), ['a', 'b', 'w', 'w a', 'z'], JSON.stringify(g.nodes.map((n) => [n.label, n.upstream])));
    assert.ok(fromModel.every((n) => n.upstream!.blockIndex === 0 && n.upstream!.place === 'line 3'));
    assert.deepEqual(here.map((n) => n.name), ['q']);
    const z = fromModel.find((n) => n.name === 'z')!;
    // The model's adjoints are the loss's: ∂q/∂z = σ'(7), ∂q/∂w = σ'(7)·a.
    const s7 = 1 / (1 + Math.exp(-7));
    assert.ok(Math.abs(Number(z.adjoint) - s7 * (1 - s7)) < 1e-12);
    assert.ok(Math.abs(Number(fromModel.find((n) => n.name === 'w')!.adjoint) - 3 * s7 * (1 - s7)) < 1e-12);
    // The page opens on the loss: z folded, hiding the four nodes that only feed it.
    assert.deepEqual(upstreamFolds(g), [z.id]);
    const visible = visibleGraph(g, { extended: false, collapsed: new Set(upstreamFolds(g)) });
    assert.deepEqual(visible.nodes.map((n) => n.name), ['z', 'q']);
    assert.deepEqual(visible.hiddenCounts, new Map([[z.id, 4]]));
  });

  it('the DOT export draws the earlier block as a cluster around what it computed', async () => {
    const dot = await s.connection.sendRequest(exportDotRequest, { textDocument: { uri: URI }, blockIndex: 1 });
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: URI }, blockIndex: 1 });
    const ids = g!.nodes.filter((n) => n.upstream).map((n) => `n${n.id};`).join(' ');
    assert.match(dot ?? '', new RegExp(`subgraph cluster_block0 \\{\\n    label="block on line 3"; style=dashed;\\n    ${ids}\\n  \\}`), dot ?? '');
  });

  it('a block of its own has nothing to fold', async () => {
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: URI }, blockIndex: 0 });
    assert.equal(g?.nodes.length, 5);
    assert.ok(g!.nodes.every((n) => n.upstream === undefined));
    assert.deepEqual(upstreamFolds(g!), []);
  });

  it('values resting on an earlier block\'s sampled inputs say so', async () => {
    const uri = 'file:///notes/sampled-upstream.md';
    await s.open(uri, 'markdown', '$$ u = x^2 $$\n\n$$ v = u + 1 $$\n');
    const hints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } }) as InlayHint[];
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.some((l) => /sampled/.test(l)), JSON.stringify(labels));
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri }, blockIndex: 1 });
    assert.ok(g?.nodes.find((n) => n.name === 'v')?.sampled, JSON.stringify(g?.nodes));
  });

  it('in a notebook, across cells: the place names the cell, sampled reaches the later cell', async () => {
    const notebook = 'file:///notes/two-cells.ipynb';
    const cell = (k: number) => `vscode-notebook-cell:/notes/two-cells.ipynb#c${k}`;
    const texts = ['Square it:\n$$ u = x^2 $$', 'Then\n$$ v = u + 1 $$'];
    const published = s.nextDiagnostics(cell(1));
    await s.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, k) => ({ kind: NotebookCellKind.Markup, document: cell(k) })) },
      cellTextDocuments: texts.map((text, k) => ({ uri: cell(k), languageId: 'markdown', version: 1, text })),
    });
    await published;
    const g = await s.connection.sendRequest(graphRequest, { textDocument: { uri: cell(1) }, blockIndex: 1 });
    const u = g?.nodes.find((n) => n.name === 'u');
    assert.deepEqual(u?.upstream, { blockIndex: 0, place: 'cell 0, line 2' }, JSON.stringify(g?.nodes));
    assert.ok(g?.nodes.find((n) => n.name === 'v')?.sampled, 'v = u + 1 rests on the sampled x of cell 0');
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cell(1) }, position: positionOf(texts[1], 'v') }) as Hover;
    assert.match((h.contents as MarkupContent).value, /\(sampled\)/);
  });
});

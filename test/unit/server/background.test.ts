// Analysis off the main thread (issue 13): a block that takes more than the main thread's share
// (MAIN_THREAD_BLOCK_MS) is evaluated by its document's background worker, and the server keeps
// answering about every other block meanwhile. Driven over stdio, as an editor would. The bounds on
// time are generous: these tests check that nothing waits for the heavy block, not speed.
import * as assert from 'node:assert/strict';
import { blocksRequest, checkGradientRequest } from '../../../server/protocol';
import {
  CodeLensRequest, DidChangeTextDocumentNotification, DidOpenNotebookDocumentNotification, HoverRequest, NotebookCellKind, type Hover,
} from 'vscode-languageserver-protocol/node';
import { buildOnce, LspSession, positionOf } from './lspSession';

// ~0.7 s of matrix products on this kind of machine (forward and backward through five 700×700 products).
const HEAVY = 'y = sum(tanh(A @ A @ A @ A @ A @ A))';
const note = (size: number, after = '') => [
  '# A note with one slow block',
  '',
  '<!-- autodiff: a = 2 -->',
  '$$ b = a^2 + 1 $$',
  '',
  '```autodiff',
  `A = randn(${size}, ${size})`,
  HEAVY,
  after,
  '```',
  '',
  '$$ c = y + b $$',
  '',
].join('\n');
const uri = 'file:///notes/slow.md';

function hoverText(h: Hover | null): string {
  const contents = h?.contents as { value?: string } | undefined;
  return contents?.value ?? '';
}

/** The number after "value:" in a hover. */
function valueOf(h: Hover | null): number {
  const m = /value: `([^`]+)`/.exec(hoverText(h));
  assert.ok(m, `no value in hover: ${hoverText(h)}`);
  return Number(m[1].replace("−", "-"));
}

describe('background analysis: a slow block never holds up the others', function () {
  this.timeout(60_000);
  let s: LspSession;
  before(() => buildOnce());
  afterEach(async () => s?.stop());

  async function timedHover(text: string, needle: string): Promise<{ hover: Hover | null; ms: number; at: number }> {
    const t = performance.now();
    const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle) });
    return { hover, ms: performance.now() - t, at: performance.now() };
  }

  it('answers a hover on a trivial block at once while the slow block is analysed, then the slow one with its value', async () => {
    s = await LspSession.start();
    const text = note(700);
    await s.open(uri, 'markdown', text);
    // The slow block's hover is asked first: it waits for the worker; the trivial one must not.
    const slow = timedHover(text, 'y =');
    const trivial = await timedHover(text, 'b =');
    assert.equal(valueOf(trivial.hover), 5);
    assert.ok(trivial.ms < 1000, `the trivial hover took ${trivial.ms.toFixed(0)} ms`);
    const heavy = await slow;
    assert.ok(heavy.at > trivial.at, 'the slow block answered before the trivial one: it was not slow enough to test anything');
    assert.ok(heavy.ms > 2 * trivial.ms, `slow ${heavy.ms.toFixed(0)} ms, trivial ${trivial.ms.toFixed(0)} ms`);
    assert.ok(Number.isFinite(valueOf(heavy.hover)), hoverText(heavy.hover));
    // A later block reading the slow block's output is answered by the worker too, with the right value.
    const c = await timedHover(text, 'c =');
    assert.ok(Math.abs(valueOf(c.hover) - (valueOf(heavy.hover) + 5)) < 1e-3 * Math.abs(valueOf(c.hover)), hoverText(c.hover));
    // Its lenses come once the worker has the version.
    const lenses = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const lines = new Set((lenses ?? []).filter((l) => l.command?.title === 'Show graph').map((l) => l.range.start.line));
    assert.deepEqual([...lines].sort((x, y) => x - y), [3, 5, 11]);
    // The block list (a command's picker) has them all, in order, the slow ones as the worker found them.
    const blocks = await s.connection.sendRequest(blocksRequest, { textDocument: { uri } });
    assert.deepEqual(blocks.map((b) => [b.index, b.status]), [[0, 'ok'], [1, 'ok'], [2, 'ok']]);
  });

  it('keeps answering while the user edits the slow block, and answers for the latest text', async () => {
    s = await LspSession.start();
    const first = note(700);
    await s.open(uri, 'markdown', first);
    const edited = note(600);
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    const slow = timedHover(edited, 'y =');
    const trivial = await timedHover(edited, 'b =');
    assert.ok(trivial.ms < 1000, `the trivial hover took ${trivial.ms.toFixed(0)} ms`);
    assert.ok((await slow).at > trivial.at);
    assert.ok(Number.isFinite(valueOf((await slow).hover)));
  });

  it('reports the slow block\'s errors once the worker has them', async () => {
    s = await LspSession.start();
    const text = note(700, 'z = A @ randn(3, 3)');
    const first = await s.open(uri, 'markdown', text);
    assert.equal(first.length, 0, 'the main thread deferred the block: it has nothing to say about it yet');
    const later = await s.nextDiagnostics(uri);
    const error = later.find((d) => d.severity === 1);
    assert.ok(error, JSON.stringify(later));
    assert.equal(error.range.start.line, positionOf(text, 'z =').line);
  });

  it('past adjoint.limits.blockTimeMs the slow block is not evaluable, saying so', async () => {
    s = await LspSession.start({ configuration: { limits: { blockTimeMs: 200 } } });
    const text = note(700);
    await s.open(uri, 'markdown', text);
    const { hover } = await timedHover(text, 'y =');
    assert.match(hoverText(hover), /takes longer than 200 ms/);
  });

  // A scalar graph of ~15,000 nodes: a few hundred milliseconds, and ~16 MB of JavaScript objects.
  const sumNote = [
    'Let $\\theta \\in \\mathbb{R}^{3000}$.',
    '',
    '$$ f = \\sum_{i=1}^{3000} \\sin(\\theta_i) \\cdot \\theta_i $$',
    '',
    '<!-- autodiff: a = 2 -->',
    '$$ b = a^2 + 1 $$',
    '',
  ].join('\n');

  it('checks the gradient of a slow block in its worker', async () => {
    s = await LspSession.start();
    await s.open(uri, 'markdown', sumNote);
    const result = await s.connection.sendRequest(checkGradientRequest, { textDocument: { uri }, position: positionOf(sumNote, 'f =') });
    assert.ok(result, 'no answer');
    assert.equal(result.passed, true, result.summary);
    assert.ok(result.inputs.some((i) => i.name === '\\theta' && i.checked > 0), JSON.stringify(result.inputs));
  });

  it('a worker that runs out of memory leaves its block not evaluable, saying why, and the server answering', async () => {
    s = await LspSession.start({ env: { ...process.env, ADJOINT_TEST_WORKER_HEAP_MB: '16' } });
    await s.open(uri, 'markdown', sumNote);
    const { hover } = await timedHover(sumNote, 'f =');
    assert.match(hoverText(hover), /not evaluated:\* the background analysis stopped: it needs more than 16 MB of memory/);
    assert.equal(valueOf((await timedHover(sumNote, 'b =')).hover), 5);
    const check = await s.connection.sendRequest(checkGradientRequest, { textDocument: { uri }, position: positionOf(sumNote, 'f =') });
    assert.match(check?.summary ?? '', /cannot check: .*16 MB/);
    assert.ok(s.alive);
  });

  it('does the same in a notebook: a slow %%autodiff cell goes to the notebook\'s worker, the other cells answer meanwhile', async () => {
    s = await LspSession.start();
    const notebook = 'file:///notes/slow.ipynb';
    const cell = (id: string) => `vscode-notebook-cell:/notes/slow.ipynb#${id}`;
    const cells = [
      { id: 'b', kind: NotebookCellKind.Markup, languageId: 'markdown', text: '<!-- autodiff: a = 2 -->\n$$ b = a^2 + 1 $$' },
      { id: 'y', kind: NotebookCellKind.Code, languageId: 'python', text: `%%autodiff\nA = randn(700, 700)\n${HEAVY}` },
      { id: 'c', kind: NotebookCellKind.Markup, languageId: 'markdown', text: '$$ c = y + b $$' },
    ];
    const published = s.nextDiagnostics(cell('b'));
    await s.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: c.kind, document: cell(c.id) })) },
      cellTextDocuments: cells.map((c) => ({ uri: cell(c.id), languageId: c.languageId, version: 1, text: c.text })),
    });
    await published;
    const hoverIn = async (id: string, needle: string) => {
      const t = performance.now();
      const text = cells.find((c) => c.id === id)!.text;
      const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cell(id) }, position: positionOf(text, needle) });
      return { hover, ms: performance.now() - t, at: performance.now() };
    };
    const slow = hoverIn('y', 'y =');
    const trivial = await hoverIn('b', 'b =');
    assert.equal(valueOf(trivial.hover), 5);
    assert.ok(trivial.ms < 1000, `the trivial hover took ${trivial.ms.toFixed(0)} ms`);
    const heavy = await slow;
    assert.ok(heavy.at > trivial.at, 'the slow cell answered first: it was not slow enough to test anything');
    const c = await hoverIn('c', 'c =');
    assert.ok(Math.abs(valueOf(c.hover) - (valueOf(heavy.hover) + 5)) < 1e-3 * Math.abs(valueOf(c.hover)), hoverText(c.hover));
  });
});

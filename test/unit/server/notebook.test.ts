// Notebooks over stdio (LSP 3.17 notebook document sync): the cells are one note, features work in
// a cell with the cell's positions, diagnostics go to each cell's URI, and adding, deleting, moving
// or editing a cell updates the later cells.
import { strict as assert } from 'node:assert';
import {
  CodeLensRequest, DefinitionRequest, DidChangeNotebookDocumentNotification, DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification, HoverRequest, InlayHintRequest, NotebookCellKind,
  type Diagnostic, type Hover, type InlayHint, type Location, type MarkupContent, type TextDocumentItem,
} from 'vscode-languageserver-protocol/node';
import { graphRequest } from '../../../server/protocol';
import { buildOnce, LspSession, positionOf } from './lspSession';

const NOTEBOOK = 'file:///notes/lecture.ipynb';
const cellUri = (id: string) => `vscode-notebook-cell:/notes/lecture.ipynb#${id}`;

const CELLS: Array<{ id: string; kind: NotebookCellKind; languageId: string; text: string }> = [
  { id: 'def', kind: NotebookCellKind.Markup, languageId: 'markdown', text: '# Inputs\n\nLet $x_1 = 2$.' },
  { id: 'py', kind: NotebookCellKind.Code, languageId: 'python', text: 'print("$$q = 1/0$$")' },
  { id: 'use', kind: NotebookCellKind.Markup, languageId: 'markdown', text: 'The function\n$$\ny = \\ln(x_1) + x_1 x_2\n$$' },
  { id: 'bad', kind: NotebookCellKind.Code, languageId: 'python', text: '%%autodiff\nz = (y +' },
];

const messages = (d: Diagnostic[] | undefined): string[] => (d ?? []).map((x) => (typeof x.message === 'string' ? x.message : x.message.value));

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

describe('notebooks over LSP (notebook document sync)', function () {
  this.timeout(120_000);
  let s: LspSession;
  let notebookVersion = 1;
  const versions = new Map<string, number>();

  async function change(change: unknown, waitFor: string): Promise<Diagnostic[]> {
    const published = s.nextDiagnostics(waitFor);
    await s.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: NOTEBOOK, version: ++notebookVersion }, change,
    } as never);
    return published;
  }

  async function editCell(id: string, text: string, waitFor: string): Promise<Diagnostic[]> {
    const version = (versions.get(id) ?? 1) + 1;
    versions.set(id, version);
    return change({ cells: { textContent: [{ document: { uri: cellUri(id), version }, changes: [{ text }] }] } }, waitFor);
  }

  const hoverIn = (id: string, text: string, needle: string, occurrence = 0) =>
    s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cellUri(id) }, position: positionOf(text, needle, occurrence) });

  before(async () => {
    buildOnce();
    s = await LspSession.start();
    const published = Promise.all(['use', 'bad'].map((id) => s.nextDiagnostics(cellUri(id))));
    const items: TextDocumentItem[] = CELLS.map((c) => ({ uri: cellUri(c.id), languageId: c.languageId, version: 1, text: c.text }));
    await s.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: 1, cells: CELLS.map((c) => ({ kind: c.kind, document: cellUri(c.id) })) },
      cellTextDocuments: items,
    });
    await published;
  });
  after(async () => { await s?.stop(); });

  it('publishes diagnostics per cell URI: x_1 comes from an earlier cell, x_2 is sampled, the %%autodiff cell is in error', () => {
    assert.deepEqual(messages(s.diagnostics.get(cellUri('use'))).map((m) => m.replace(/\(.*\)/, '(…)')), ['x_2 is sampled (…)']);
    const [error] = s.diagnostics.get(cellUri('bad')) ?? [];
    assert.ok(error, 'the %%autodiff cell has an error');
    assert.equal(error.range.start.line, 1, 'the error is on the cell\'s second line');
    assert.equal(s.diagnostics.get(cellUri('py')), undefined, 'a Python cell is not math: nothing is published for it');
    assert.equal(s.diagnostics.get(NOTEBOOK), undefined, 'nothing is published for the notebook URI');
  });

  it('hovers a name in a cell: its value from the earlier cell, where it was defined, a range in the cell', async () => {
    const text = CELLS[2].text;
    const h = await hoverIn('use', text, 'x_1', 1);
    assert.match(hoverText(h), /value.*2\b/);
    assert.match(hoverText(h), /defined in an earlier block on cell 0, line 3/);
    assert.deepEqual(h!.range, { start: positionOf(text, 'x_1', 1), end: positionOf(text, 'x_1', 1, 3) });
  });

  it('go to definition reaches the defining cell', async () => {
    const loc = await s.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: cellUri('use') }, position: positionOf(CELLS[2].text, 'x_1') }) as Location;
    assert.equal(loc.uri, cellUri('def'));
    assert.equal(loc.range.start.line, 2);
  });

  it('CodeLens, inlay hints and the graph use the cell\'s own positions', async () => {
    const lenses = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: cellUri('use') } });
    assert.ok(lenses && lenses.length >= 3);
    assert.ok(lenses.every((l) => l.range.start.line === 1), JSON.stringify(lenses.map((l) => l.range)));
    assert.deepEqual(lenses.find((l) => l.command?.title === 'Show graph')?.command?.arguments, [{ uri: cellUri('use'), blockIndex: 1 }]);
    const hints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: cellUri('use') }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } } }) as InlayHint[];
    assert.equal(hints.length, 1);
    assert.equal(hints[0].position.line, 2);
    const graph = await s.connection.sendRequest(graphRequest, { textDocument: { uri: cellUri('use') }, blockIndex: 1 });
    assert.equal(graph?.uri, cellUri('use'));
    assert.equal(graph?.blockRange.start.line, 1);
    assert.ok(graph?.nodes.some((n) => n.label === 'x_1' && n.valueText === '2'), JSON.stringify(graph?.nodes.map((n) => [n.label, n.valueText])));
  });

  it('editing the earlier cell re-analyses the later one', async () => {
    await editCell('def', '# Inputs\n\nLet $x_1 = 3$.', cellUri('use'));
    assert.match(hoverText(await hoverIn('use', CELLS[2].text, 'x_1', 1)), /value.*3\b/);
  });

  it('moving the defining cell below its use makes x_1 sampled there; moving it back binds it again', async () => {
    const def = { kind: NotebookCellKind.Markup, document: cellUri('def') };
    const send = (array: unknown) => s.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: NOTEBOOK, version: ++notebookVersion }, change: { cells: { structure: { array } } },
    } as never);
    // A move is a deletion and an insertion (two structure changes); the use cell sees x_1 go after the first.
    const sampled = s.nextDiagnostics(cellUri('use'));
    await send({ start: 0, deleteCount: 1 });
    await send({ start: 2, deleteCount: 0, cells: [def] });
    assert.deepEqual(messages(await sampled).map((m) => m.replace(/ \(.*\)/, '')).sort(), ['x_1 is sampled', 'x_2 is sampled']);
    // Requests see the latest structure at once, without waiting for the debounce.
    assert.match(hoverText(await hoverIn('use', CELLS[2].text, 'x_1', 1)), /sampled/);
    const bound = s.nextDiagnostics(cellUri('use'));
    await send({ start: 2, deleteCount: 1 });
    await send({ start: 0, deleteCount: 0, cells: [def] });
    assert.deepEqual(messages(await bound).map((m) => m.replace(/ \(.*\)/, '')), ['x_2 is sampled']);
    assert.match(hoverText(await hoverIn('use', CELLS[2].text, 'x_1', 1)), /value.*3\b/);
  });

  it('adding a cell that binds x_2 before the use removes its hint; deleting it (closing its document) brings it back', async () => {
    const added = { kind: NotebookCellKind.Markup, document: cellUri('x2') };
    const withX2 = await change({ cells: { structure: {
      array: { start: 1, deleteCount: 0, cells: [added] },
      didOpen: [{ uri: cellUri('x2'), languageId: 'markdown', version: 1, text: '$x_2 = 5$' }],
    } } }, cellUri('use'));
    assert.deepEqual(withX2, []);
    const without = await change({ cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: cellUri('x2') }] } } }, cellUri('use'));
    assert.deepEqual(messages(without).map((m) => m.replace(/ \(.*\)/, '')), ['x_2 is sampled']);
  });

  it('closing the notebook clears every cell\'s diagnostics; the server stays up', async () => {
    const cleared = Promise.all(['use', 'bad'].map((id) => s.nextDiagnostics(cellUri(id))));
    await s.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri: NOTEBOOK }, cellTextDocuments: CELLS.map((c) => ({ uri: cellUri(c.id) })),
    });
    assert.deepEqual(await cleared, [[], []]);
    assert.ok(s.alive, s.stderr);
    assert.equal(await hoverIn('use', CELLS[2].text, 'x_1'), null);
  });
});

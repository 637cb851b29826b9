// Settings pulled with workspace/configuration, diagnostics after typing, and pinning sampled
// values round-trips: the pinned note evaluates to the same numbers, with nothing sampled.
import { strict as assert } from 'node:assert';
import {
  CodeActionRequest, DidChangeTextDocumentNotification, DiagnosticSeverity, InlayHintRequest, type CodeAction, type Diagnostic, type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { graphRequest } from '../../../server/protocol';
import { EXAMPLE, pinnedLecture } from './fixtures';
import { buildOnce, LspSession, positionOf } from './lspSession';

const everything = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

/** A positive number with four significant digits at most, as the pin writes it: 1.453, 0.8694. */
const FOUR_DIGITS = String.raw`(?:[1-9]\.\d{1,3}|0\.\d{1,4})`;

async function pinAction(s: LspSession, uri: string, diagnostics: Diagnostic[]): Promise<TextEdit> {
  const sampled = diagnostics.filter((d) => d.code === 'sampled');
  assert.ok(sampled.length > 0, 'there are sampled values');
  const actions = await s.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: sampled[0].range, context: { diagnostics: sampled } }) ?? [];
  const pin = actions.find((a): a is CodeAction => 'edit' in a && a.title === 'Pin sampled values');
  assert.ok(pin?.edit?.changes?.[uri]?.length === 1);
  return pin.edit.changes[uri][0];
}

describe('settings, typing and pinning (stdio)', function () {
  this.timeout(120_000);
  before(() => buildOnce());

  it('shows adjoints in inlay hints when adjoint.inlayHints.adjoints is on, and no values when values is off', async () => {
    const s = await LspSession.start({ configuration: { inlayHints: { values: false, adjoints: true } } });
    try {
      const text = pinnedLecture();
      await s.open('file:///n.md', 'markdown', text);
      const hints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: 'file:///n.md' }, range: everything }) ?? [];
      const line = positionOf(text, EXAMPLE).line;
      assert.deepEqual(hints.filter((h) => h.position.line === line).map((h) => h.label), ['∂/∂x_1 = 5.5, ∂/∂x_2 = 1.7163']);
      assert.ok(hints.every((h) => !String(h.label).startsWith('= ')));
    } finally { await s.stop(); }
  });

  it('publishes new diagnostics after an edit breaks a block', async () => {
    const s = await LspSession.start();
    try {
      const uri = 'file:///t.autodiff';
      const text = 'x = [1, 2]\ny = sum(x * x)\n';
      assert.deepEqual(await s.open(uri, 'autodiff', text), []);
      const next = s.nextDiagnostics(uri);
      const at = positionOf(text, 'x * x', 0, 4);
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '[1, 2, 3]' }],
      });
      const diags = await next;
      const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
      assert.equal(errors.length, 1, JSON.stringify(diags));
      assert.equal(errors[0].range.start.line, 1);
    } finally { await s.stop(); }
  });

  it('pins sampled values: the edited note has nothing sampled and the same values to four digits', async () => {
    const s = await LspSession.start();
    try {
      const uri = 'file:///p.md';
      const text = 'Some prose.\n\n$$\ny = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)\n$$\n';
      const diags = await s.open(uri, 'markdown', text);
      const edit = await pinAction(s, uri, diags);
      assert.deepEqual(edit.range.start, { line: 2, character: 0 });
      const before = await s.connection.sendRequest(graphRequest, { textDocument: { uri }, blockIndex: 0 });
      const pinned = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), [edit]);
      const uri2 = 'file:///p-pinned.md';
      const after = await s.open(uri2, 'markdown', pinned);
      assert.deepEqual(after.filter((d) => d.code === 'sampled'), []);
      const graph = await s.connection.sendRequest(graphRequest, { textDocument: { uri: uri2 }, blockIndex: 0 });
      const outputOf = (g: typeof graph) => g!.nodes.find((n) => n.kind === 'output')!.value as number;
      // Four significant digits per input (issue 14): the output moves by well under a part in a thousand.
      assert.notEqual(outputOf(graph), outputOf(before));
      assert.ok(Math.abs(outputOf(graph) - outputOf(before)) <= 1e-3 * Math.abs(outputOf(before)), `${outputOf(graph)} vs ${outputOf(before)}`);
      assert.match(edit.newText, new RegExp(`^<!-- autodiff: x_1 = ${FOUR_DIGITS}, x_2 = ${FOUR_DIGITS} -->\n$`));
    } finally { await s.stop(); }
  });

  it('pins inline math by its paragraph: one annotation line above it, each entry as the note writes it (issue 14)', async () => {
    const s = await LspSession.start();
    try {
      const uri = 'file:///prose-pin.md';
      const text = '# Inputs\n\nThe first feature $x_1$ and the second\n$x_2$ sit next to each other.\n\nLater $x_3$ alone.\n';
      const diags = await s.open(uri, 'markdown', text);
      const first = diags.filter((d) => d.code === 'sampled' && d.range.start.line === 2);
      assert.ok(first.length > 0, 'x_1 is flagged as sampled');
      const edit = await pinAction(s, uri, first);
      assert.deepEqual(edit.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
      assert.match(edit.newText, new RegExp(`^<!-- autodiff: x_1 = ${FOUR_DIGITS}, x_2 = ${FOUR_DIGITS} -->\n$`));
      const pinned = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), [edit]);
      const after = await s.open('file:///prose-pin-after.md', 'markdown', pinned);
      const stillSampled = after.filter((d) => d.code === 'sampled').map((d) => d.range.start.line);
      // x_1 and x_2 are pinned; x_3 in the next paragraph stays sampled (now on line 6).
      assert.deepEqual(stillSampled, [6]);
    } finally { await s.stop(); }
  });

  it('extends an existing annotation instead of adding a second one', async () => {
    const s = await LspSession.start();
    try {
      const uri = 'file:///q.md';
      const text = '<!-- autodiff: x_1 = 2 -->\n$$\ny = x_1 \\cdot x_2\n$$\n';
      const edit = await pinAction(s, uri, await s.open(uri, 'markdown', text));
      assert.deepEqual(edit.range.start, positionOf(text, ' -->'));
      assert.match(edit.newText, /^, x_2 = [0-9.]+$/);
    } finally { await s.stop(); }
  });

  it('pins in LaTeX files with a `% autodiff:` comment', async () => {
    const s = await LspSession.start();
    try {
      const uri = 'file:///r.tex';
      const text = '\\section{Example}\n\\[\n  y = x_1 \\cdot x_2\n\\]\n';
      const edit = await pinAction(s, uri, await s.open(uri, 'latex', text));
      assert.match(edit.newText, /^% autodiff: x_1 = [0-9.]+, x_2 = [0-9.]+\n$/);
      const pinned = TextDocument.applyEdits(TextDocument.create(uri, 'latex', 1, text), [edit]);
      const after = await s.open('file:///r-pinned.tex', 'latex', pinned);
      assert.deepEqual(after.filter((d) => d.code === 'sampled'), []);
    } finally { await s.stop(); }
  });
});

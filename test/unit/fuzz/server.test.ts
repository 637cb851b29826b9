// The real server over stdio fed garbage incremental edits (ranges anywhere, even past the end; text
// from the edit arbitraries) keeps answering hovers, inlay hints and CodeLens, stays alive, and
// once the note is restored answers the lecture example's hover with the right value again.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CodeLensRequest, DidChangeTextDocumentNotification, HoverRequest, InlayHintRequest, LogMessageNotification,
  type MarkupContent, type Position, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { buildOnce, LspSession, positionOf } from '../server/lspSession';
import { editArb } from './edits';

const NOTE = [
  '# Notes',
  '',
  '<!-- autodiff: x_1 = 2, x_2 = 5 -->',
  '$$',
  'y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)',
  '$$',
  '',
  'Inline $a = 3$ and $b = a \\cdot 2$.',
  '',
  '```autodiff',
  'W = randn(3, 2)',
  'loss = sum(tanh(W @ [1, 2]))',
  '```',
  '',
].join('\n');

const position = fc.record({ line: fc.integer({ min: 0, max: 40 }), character: fc.integer({ min: 0, max: 120 }) });

/** A change event: a random range (possibly inverted or past the end) replaced by edited text, or a full replacement. */
const changeArb: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  fc.tuple(position, position, fc.string({ unit: 'binary', maxLength: 30 })).map(([start, end, text]) => ({ range: { start, end }, text })),
  fc.tuple(position, position, editArb).map(([start, end, edit]) => ({ range: { start, end }, text: edit.apply('$$ y = x_1 $$').slice(0, 30_000) })),
  editArb.map((edit) => ({ text: edit.apply(NOTE) })),
);

describe('fuzz: the language server over stdio on garbage edits', function () {
  this.timeout(120_000);
  let s: LspSession;
  // Handlers catch their own exceptions and log them (server/lsp/safe.ts): a logged failure is a throw.
  const logged: string[] = [];
  before(async () => {
    buildOnce();
    s = await LspSession.start();
    s.connection.onNotification(LogMessageNotification.type, (p) => { logged.push(p.message); });
  });
  after(async () => { await s?.stop(); });

  it('answers every hover, inlay hint and CodeLens request after each garbage edit, then recovers', async () => {
    const uri = 'file:///fuzz/server.md';
    await s.open(uri, 'markdown', NOTE);
    let version = 1;
    let requests = 0;
    await fc.assert(fc.asyncProperty(fc.array(changeArb, { minLength: 1, maxLength: 3 }), fc.array(position, { minLength: 1, maxLength: 4 }), async (changes, hovers) => {
      version++;
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
      for (const p of hovers) {
        const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: p as Position });
        assert.ok(h === null || typeof h === 'object', `hover answered ${String(h)}`);
        requests++;
      }
      const range = { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } };
      assert.ok(Array.isArray(await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })), 'inlay hints did not answer a list');
      assert.ok(Array.isArray(await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })), 'CodeLens did not answer a list');
      assert.ok(s.alive, `the server exited; stderr: ${s.stderr.slice(-2000)}`);
    }), { numRuns: 150, seed: 17 });
    assert.ok(requests >= 150, `only ${requests} hovers were sent`);

    // Back to the intact note: the lecture example's \ln must show ln 2 again.
    version++;
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: NOTE }] });
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NOTE, '\\ln', 0, 1) });
    assert.ok(h, 'no hover on \\ln after the garbage');
    const value = (h.contents as MarkupContent).value;
    assert.ok(value.includes(String(Math.LN2).slice(0, 5)), `the hover on \\ln does not show ln 2 = ${Math.LN2}: ${value}`);
    assert.deepEqual(logged.filter((m) => /failed/.test(m)).map((m) => m.slice(0, 1500)), [], 'a handler threw');
  });
});

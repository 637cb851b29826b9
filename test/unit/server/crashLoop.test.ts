// A note that kills the server must not kill it again on every restart (issue 17, "crash loop"):
// the restarted server skips the block that was running when the process died, says so, and
// analyses it again once it is edited. The kill comes from a test hook (ADJOINT_TEST_KILL_ON_BLOCK)
// that does what the kernel's out-of-memory killer does to a server: SIGKILL, no chance to clean up.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, ShowMessageRequest, type ShowMessageRequestParams } from 'vscode-languageserver-protocol/node';
import { buildOnce, LspSession, positionOf } from './lspSession';

const MARKER = 'w_{killer}';
const uri = 'file:///notes/crash.md';
const rootUri = 'file:///notes';
const text = [
  '# A note with a block that takes the server down',
  '',
  '<!-- autodiff: x = 2 -->',
  '$$ y = x^2 + 1 $$',
  '',
  `$$ z = ${MARKER} + 1 $$`,
  '',
].join('\n');

function hoverText(h: unknown): string {
  const contents = (h as { contents?: { value?: string } } | null)?.contents;
  return contents?.value ?? '';
}

describe('crash loop: a block that killed the server is skipped on restart', function () {
  this.timeout(60_000);
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  const sessions: LspSession[] = [];
  before(() => {
    buildOnce();
    tmp = mkdtempSync(path.join(tmpdir(), 'adjoint-crash-'));
    env = { ...process.env, TMPDIR: tmp, ADJOINT_TEST_KILL_ON_BLOCK: MARKER };
  });
  after(async () => {
    for (const s of sessions) await s.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function start(): Promise<{ session: LspSession; messages: ShowMessageRequestParams[] }> {
    const messages: ShowMessageRequestParams[] = [];
    const session = await LspSession.start({ env, rootUri });
    // window.showWarningMessage is a request (it could carry actions); answered with no action.
    session.connection.onRequest(ShowMessageRequest.type, (p) => { messages.push(p); return null; });
    sessions.push(session);
    return { session, messages };
  }

  it('the first server dies on the block', async () => {
    const { session } = await start();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => session.child.once('exit', (_code, signal) => resolve(signal)));
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    assert.equal(await exited, 'SIGKILL');
  });

  it('the restarted server says which block it skips, skips only that one, and keeps answering', async () => {
    const { session, messages } = await start();
    const diagnostics = await session.open(uri, 'markdown', text);
    assert.ok(session.alive, 'the restarted server is still running');
    assert.equal(messages.length, 1, `one message, got ${JSON.stringify(messages)}`);
    assert.match(messages[0].message, /stopped while analysing the block at line 6 of crash\.md \(z = w_\{killer\} \+ 1\)/);
    // Not evaluated is not the user's mistake: no diagnostic (SPEC §9), the hover says why.
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1), []);
    const skipped = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'z', 0, 0) });
    assert.match(hoverText(skipped), /stopped the language server last time, so it is skipped; edit the block to analyse it again/);
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'y', 0, 0) });
    assert.match(hoverText(hover), /5/, 'the other block is analysed: y = 2² + 1 = 5');
  });

  it('a third server does not report the same crash again', async () => {
    const { session, messages } = await start();
    await session.open(uri, 'markdown', text);
    assert.deepEqual(messages, []);
  });

  it('once the block is edited, it is analysed again', async () => {
    const { session } = await start();
    await session.open(uri, 'markdown', text);
    const edited = text.replace(MARKER, 'w');
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    await published;
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(edited, 'z', 0, 0) });
    assert.doesNotMatch(hoverText(hover), /stopped the language server/);
    assert.match(hoverText(hover), /value/);
  });
});

// A real LSP session against the built server (`node dist/server.js --stdio`), driven with
// vscode-languageserver-protocol as any editor would.
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  ConfigurationRequest, InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
  type ProtocolConnection, type PublishDiagnosticsParams, type Diagnostic,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

let built = false;
/** Builds dist/ once per mocha run, so the tests always drive the current sources. */
export function buildOnce(): void {
  if (built) return;
  execSync('npm run build', { cwd: ROOT, stdio: 'pipe' });
  if (!existsSync(SERVER)) throw new Error('npm run build did not produce dist/server.js');
  built = true;
}

export interface SessionOptions {
  /** The `adjoint` section the client answers to workspace/configuration; omitted: the client has no configuration. */
  configuration?: unknown;
  initializationOptions?: unknown;
  /** Environment of the server process (default: this process's). */
  env?: NodeJS.ProcessEnv;
  rootUri?: string;
}

export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<{ uri: string; resolve: (d: Diagnostic[]) => void }> = [];
  stderr = '';

  private constructor(readonly child: ChildProcess, readonly connection: ProtocolConnection) {}

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection);
    child.stderr!.on('data', (d: Buffer) => { session.stderr += d.toString(); });
    connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      session.diagnostics.set(p.uri, p.diagnostics);
      for (const w of session.waiters.filter((x) => x.uri === p.uri)) w.resolve(p.diagnostics);
      session.waiters.splice(0, session.waiters.length, ...session.waiters.filter((x) => x.uri !== p.uri));
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => options.configuration ?? null));
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: options.configuration !== undefined },
        window: { workDoneProgress: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch { /* already gone */ }
    }
    this.connection.dispose();
    if (this.alive) this.child.kill();
  }
}

/** The LSP position of the n-th occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, occurrence = 0, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

// The built language server (`node dist/server.js --stdio`) driven over stdio by
// vscode-languageserver-protocol, as an editor would: what the server benchmarks share.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection, ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const SERVER = join(__dirname, '..', 'dist', 'server.js');

export interface Session { child: ChildProcess; connection: ProtocolConnection }

export async function startServer(): Promise<Session> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: null,
    capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } }, notebookDocument: { synchronization: {} } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return { child, connection };
}

export async function stopServer({ child, connection }: Session): Promise<void> {
  try {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } catch { /* already gone */ }
  connection.dispose();
  if (child.exitCode === null) child.kill();
}

export async function timed<T>(request: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await request();
  return { ms: performance.now() - start, result };
}

export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

export const verdict = (x: number, target: number): string => (x <= target ? 'met' : 'missed');

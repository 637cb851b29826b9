// Starts code-server on a free 127.0.0.1 port with a throw-away profile, and stops it with its
// whole process group (server, extension hosts, language servers they spawned).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { atExit, onInterrupt } from './atExit';
import type { Toolchain } from './toolchain';

export interface CodeServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** `127.0.0.1:PORT`: the remote authority the workbench uses for `vscode-remote://` URIs. */
  authority: string;
  logFile: string;
  /** Kills the process group and resolves once code-server has exited (so its folders can be removed). */
  stop(): Promise<void>;
}

/** Quiet settings: no start page, no chat panel grabbing focus, nothing phoning home. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // an empty chat side bar would squeeze the panels
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `runDir` is a temporary folder owned by this run: profile, extensions dir, XDG dirs and the log go there. */
export async function startCodeServer(tools: Toolchain, runDir: string, extraSettings: Record<string, unknown> = {}): Promise<CodeServer> {
  const userDataDir = join(runDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2));
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const configFile = join(runDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\n');
  const logFile = join(runDir, 'code-server.log');

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const args = [tools.codeServerEntry, '--bind-addr', authority, '--auth', 'none',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    // without a short grace time every closed browser leaves an extension host alive for hours
    '--reconnection-grace-time', '5',
    // since code-server 4.133 the workbench ignores the test payload unless the smoke-test driver is on
    '--vscode-option', 'enable-smoke-test-driver'];
  const env = {
    ...process.env,
    PATH: `${dirname(tools.node)}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(runDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(runDir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(runDir, 'xdg', 'cache'),
  };
  const fd = openSync(logFile, 'w');
  // detached: its own process group, so stop() reaches every descendant
  const child = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const stop = async () => {
    const killed = killTree(child);
    // wait (up to 5 s) until they are gone, so that the folders they write into can be removed
    for (let i = 0; i < 50 && killed.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
  };
  atExit(() => killTree(child)); // however the process ends; synchronous, so it cannot wait
  onInterrupt(stop);
  const url = `http://${authority}/`;
  try {
    await waitForHealth(url, child, 60_000, logFile);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, authority, logFile, stop };
}

/**
 * Kills code-server's process group and every descendant (the extension host is spawned detached,
 * in a group of its own, and starts the language server). Returns the pids it signalled.
 */
function killTree(child: ChildProcess): number[] {
  if (child.pid === undefined) return [];
  const pids = [child.pid, ...descendantsOf(child.pid)];
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  return pids;
}

function descendantsOf(root: number): number[] {
  let table: string;
  try { table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }); } catch { return []; }
  const children = new Map<number, number[]>();
  for (const line of table.trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) { found.push(c); queue.push(c); }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready; see ${logFile}`);
    try {
      const res = await fetch(new URL('healthz', url));
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs / 1000} s; see ${logFile}`);
}

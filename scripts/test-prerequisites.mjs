#!/usr/bin/env node
// The first step of `npm test`: the Debian packages the test suite needs beyond Node.js.
//   chromium                      the webview pages and the VS Code workbench (code-server) run in headless Chromium
//   neovim                        the second real LSP client (nvim --headless hovers through the server)
//   build-essential python3 pkg-config libkrb5-dev
//                                 code-server's native modules, built on the first run of test:vscode
// As root on Debian, missing packages are installed with apt-get (what CI does on a fresh machine).
// Otherwise it stops at once with the one apt-get line to run, instead of suites failing one by one.
// This list is the only place the test suite's system packages are named.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each package with a check that does not need dpkg (so the check also works where apt does not). */
const PACKAGES = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { name: 'neovim', present: () => onPath('nvim') },
  { name: 'build-essential', present: () => onPath('make') && onPath('g++') },
  { name: 'python3', present: () => onPath('python3') },
  { name: 'pkg-config', present: () => onPath('pkg-config') },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h') },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = PACKAGES.filter((p) => !p.present()).map((p) => p.name);
if (missing.length === 0) process.exit(0);

const installLine = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (isRoot && onPath('apt-get')) {
  console.log(`test prerequisites: installing ${missing.join(', ')} (${installLine})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch {
    console.error(`test prerequisites: apt-get failed; run it by hand and look at its output:\n  ${installLine}`);
    process.exit(1);
  }
  const still = PACKAGES.filter((p) => missing.includes(p.name) && !p.present()).map((p) => p.name);
  if (still.length > 0) {
    console.error(`test prerequisites: still missing after apt-get: ${still.join(', ')}`);
    process.exit(1);
  }
  process.exit(0);
}

console.error([
  `Adjoint's tests need system packages that this machine does not have: ${missing.join(', ')}.`,
  onPath('apt-get')
    ? `Install them (as root, or with sudo), then run npm test again:\n  sudo ${installLine}`
    : `On Debian or Ubuntu: sudo ${installLine}\nElsewhere, install the equivalents (Chromium at /usr/bin/chromium, nvim on PATH, a C++ toolchain, python3, pkg-config, the Kerberos headers).`,
].join('\n'));
process.exit(1);

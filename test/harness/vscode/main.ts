// `npm run test:vscode`: build the extension, bundle the in-host mocha suite, run it inside a
// real VS Code, print the mocha report and a last line `N passed, N failed`.
//   VSCODE_EXECUTABLE=/path/to/code  -> a desktop VS Code via @vscode/test-electron
//   otherwise                        -> code-server (installed once into ADJOINT_VSCT_HOME) + headless Chromium
// ADJOINT_VSCT_TIMEOUT_MS bounds the test run itself (default 240 s; the one-time install is not counted).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteResult } from '../../vscode/suite/index';
import { bundleSuite } from './bundleSuite';
import { ARTIFACTS, elapsed, makeRunDir, REPO_ROOT } from './runDir';
import { runInCodeServer, type ExtensionTestRun } from './runInCodeServer';
import { runInDesktop } from './runInDesktop';
import { ensureToolchain } from './toolchain';

async function main(): Promise<number> {
  const t0 = Date.now();
  const log = (line: string) => console.log(`[test:vscode ${elapsed(t0)}] ${line}`);
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
  const extensionTestsPath = await bundleSuite(REPO_ROOT);
  log('extension built, suite bundled');

  const runDir = makeRunDir('adjoint-vscode-test');
  const resultFile = join(runDir.path, 'result.json');
  const run: ExtensionTestRun = {
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    workspace: runDir.workspace,
    extensionEnv: { ADJOINT_TEST_RESULT_FILE: resultFile },
    timeoutMs: Number(process.env.ADJOINT_VSCT_TIMEOUT_MS ?? 240_000),
    timeoutScreenshot: join(ARTIFACTS, 'vscode', 'timeout.png'),
  };
  rmSync(join(ARTIFACTS, 'vscode'), { recursive: true, force: true }); // no stale screenshot from an earlier run
  mkdirSync(join(ARTIFACTS, 'vscode'), { recursive: true });
  let exitCode: number;
  const desktop = process.env.VSCODE_EXECUTABLE;
  try {
    if (desktop) {
      log(`running in desktop VS Code ${desktop}`);
      exitCode = await runInDesktop(desktop, runDir.path, run);
    } else {
      const tools = await ensureToolchain(log);
      log('toolchain ready; running the suite in code-server');
      exitCode = await runInCodeServer(tools, runDir.path, run, log);
    }
  } finally {
    runDir.keep(join(runDir.path, 'code-server.log'), 'vscode'); // test-artifacts/vscode/code-server.log
  }
  log(`extension host exited with ${exitCode}`);
  return report(resultFile, exitCode);
}

function report(resultFile: string, exitCode: number): number {
  if (!existsSync(resultFile)) {
    console.log('the suite wrote no result: it did not load or crashed before mocha finished (see the log above)');
    console.log('0 passed, 1 failed');
    return 1;
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
  for (const failure of result.failures) console.log(`FAILED: ${failure.title}\n  ${failure.error.split('\n').slice(0, 4).join('\n  ')}`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return exitCode === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`test:vscode: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

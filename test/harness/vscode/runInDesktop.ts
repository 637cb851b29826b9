// Runs the same suite in a desktop VS Code the contributor already has (VSCODE_EXECUTABLE),
// with @vscode/test-electron. Nothing is downloaded: the executable path is given.
import { runTests } from '@vscode/test-electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtensionTestRun } from './runInCodeServer';

export async function runInDesktop(vscodeExecutablePath: string, runDir: string, run: ExtensionTestRun): Promise<number> {
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${run.timeoutMs / 1000} s waiting for VS Code to finish the tests`)), run.timeoutMs);
  });
  try {
    return await Promise.race([
      runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: run.extensionDevelopmentPath,
        extensionTestsPath: run.extensionTestsPath,
        extensionTestsEnv: run.extensionEnv,
        launchArgs: [run.workspace, '--disable-extensions', '--disable-workspace-trust',
          '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
      }).catch(() => 1), // runTests rejects when the tests fail; the suite has printed why
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

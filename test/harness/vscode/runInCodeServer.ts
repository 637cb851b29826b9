// Runs an extension's mocha suite inside code-server's real extension host: the workbench is
// opened in headless Chromium with a payload naming the extension under development and the
// tests module; the extension host reports the end through `codeAutomationExit`.
import { format } from 'node:util';
import { openBrowser, OFFLINE_NOISE } from './browser';
import { startCodeServer } from './codeServer';
import type { Toolchain } from './toolchain';
import { workbenchUrl } from './workbenchUrl';

export interface ExtensionTestRun {
  extensionDevelopmentPath: string;  // absolute
  extensionTestsPath: string;        // absolute, module path without `.js`
  workspace: string;                 // absolute folder to open
  extensionEnv: Record<string, string>;
  timeoutMs: number;
  /** Where to save a screenshot of the workbench when the run times out. */
  timeoutScreenshot: string;
}

/** Resolves with the extension host's exit code (0 when every test passed). Throws on timeout or setup failure. */
export async function runInCodeServer(tools: Toolchain, runDir: string, run: ExtensionTestRun, log: (line: string) => void): Promise<number> {
  const server = await startCodeServer(tools, runDir);
  log(`code-server ready at ${server.url}`);
  const browser = await openBrowser(runDir).catch(async (e) => { await server.stop(); throw e; });
  let timer: NodeJS.Timeout | undefined;
  try {
    const { page } = browser;
    let finish!: (code: number) => void;
    const finished = new Promise<number>((resolve) => { finish = resolve; });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...(args ?? []));
      if (!OFFLINE_NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const url = workbenchUrl(server, run.workspace, {
      extensionDevelopmentPath: run.extensionDevelopmentPath, extensionTestsPath: run.extensionTestsPath, extensionEnv: run.extensionEnv });
    // No page-load limit of its own (Playwright's default is 30 s, which a loaded machine exceeds):
    // the whole run is bounded by run.timeoutMs below.
    const testsEnd = page.goto(url, { timeout: 0 }).then(() => finished);
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(
        `timed out after ${run.timeoutMs / 1000} s waiting for the extension host to finish the tests (no codeAutomationExit)`)), run.timeoutMs);
    });
    // whichever loses the race must not become an unhandled rejection when the browser closes
    testsEnd.catch(() => undefined);
    timedOut.catch(() => undefined);
    return await Promise.race([testsEnd, timedOut]).catch(async (e: Error) => {
      await browser.page.screenshot({ path: run.timeoutScreenshot }).catch(() => undefined);
      throw new Error(`${e.message}; workbench screenshot: ${run.timeoutScreenshot}`);
    });
  } finally {
    clearTimeout(timer);
    await browser.close();
    await server.stop();
  }
}

// Entry point that VS Code's extension host loads as `extensionTestsPath`: runs every bundled
// `*.test.js` next to it with mocha, prints the spec report, and writes a JSON summary to
// $ADJOINT_TEST_RESULT_FILE so the harness can report `N passed, N failed` without parsing logs.
// Rejecting makes the extension host exit with code 1.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SuiteResult { passed: number; failed: number; failures: Array<{ title: string; error: string }> }

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultFile = process.env.ADJOINT_TEST_RESULT_FILE;
      if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => { result.passed++; });
    runner.on('fail', (test, err: Error) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
    });
  });
}

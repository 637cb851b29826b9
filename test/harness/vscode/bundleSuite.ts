// Bundles the in-host mocha suite (test/vscode/suite) to out/test/vscode/suite/: one file per
// test plus the index that runs them. `vscode` is provided by the extension host and mocha is
// loaded from the project's node_modules at run time, so both stay external.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const SUITE_SOURCE = join('test', 'vscode', 'suite');
export const SUITE_OUT = join('out', 'test', 'vscode', 'suite');

/** Returns the absolute path of the bundled index module (without `.js`, as VS Code expects it).
 *  `source` and `out` (relative to `root`) default to the mocha suite; the activation benchmark bundles its probe with them. */
export async function bundleSuite(root: string, source = SUITE_SOURCE, out = SUITE_OUT): Promise<string> {
  const sourceDir = join(root, source);
  const outDir = join(root, out);
  rmSync(outDir, { recursive: true, force: true });
  const entries = readdirSync(sourceDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(sourceDir, f));
  await build({
    entryPoints: entries, outdir: outDir, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
  });
  return join(outDir, 'index');
}

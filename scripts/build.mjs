// Build: assemble the WebAssembly kernels from their .wat sources, then bundle every entry with esbuild.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { assembleKernels } from './assemble-wasm.mjs';

const production = process.argv.includes('--production');
mkdirSync('dist', { recursive: true });
await assembleKernels();

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], ...node },
  { entryPoints: ['server/server.ts'], outfile: 'dist/server.js', ...node },
  // A document's background analysis runs in a worker thread of the server (server/lsp/background/).
  { entryPoints: ['server/lsp/background/worker.ts'], outfile: 'dist/analysisWorker.js', ...node },
  { entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js', ...node },
  // The activation benchmark drives code-server through the test harness: esbuild and playwright-core load their own native parts, so they stay external.
  { entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', ...node, external: ['@tensorflow/*', 'esbuild', 'playwright-core'] },
  { entryPoints: ['client/webview/graph.ts'], outfile: 'dist/webview/graph.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: production, logLevel: 'warning' },
  { entryPoints: ['client/webview/trace.ts'], outfile: 'dist/webview/trace.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: production, logLevel: 'warning' },
];
await Promise.all(entries.map((e) => build(e)));
// The webview pages' stylesheets ship as files: their CSP allows styles only from the extension's own files.
mkdirSync('dist/webview', { recursive: true });
for (const css of readdirSync('client/webview').filter((f) => f.endsWith('.css'))) copyFileSync(`client/webview/${css}`, `dist/webview/${css}`);

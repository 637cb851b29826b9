// Finds and compiles a WebAssembly kernel synchronously, so the kernels stay synchronous functions.
//
// Where the binary comes from:
//   - bundled (dist/server.js, dist/cli.js, dist/bench.js): `npm run build` assembles
//     engine/kernels/NAME.wat into dist/kernels/NAME.wasm, next to the bundle (__dirname = dist/);
//   - from source (tests under tsx, no dist/ needed): the .wat sits next to this file; it is
//     assembled on the fly by scripts/assemble-wasm.mjs in a child process (wabt can only
//     initialise asynchronously), so a test always runs the kernel exactly as written in the .wat.
// If neither exists, or the host has no WebAssembly SIMD, the result says why and callers fall back
// to plain JS.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type KernelLoad = { module: WebAssembly.Module; from: string } | { module: null; reason: string };

export function loadKernelModule(name: string): KernelLoad {
  if (typeof WebAssembly !== 'object') return { module: null, reason: 'WebAssembly is not available' };
  try {
    const bundled = join(__dirname, 'kernels', `${name}.wasm`);
    if (existsSync(bundled)) return { module: new WebAssembly.Module(readFileSync(bundled)), from: bundled };
    const source = join(__dirname, `${name}.wat`);
    const assembler = join(__dirname, '..', '..', 'scripts', 'assemble-wasm.mjs');
    if (existsSync(source) && existsSync(assembler)) {
      // ELECTRON_RUN_AS_NODE: inside a VS Code extension host, process.execPath is Electron
      const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
      const bytes = execFileSync(process.execPath, [assembler, '--stdout', source], { maxBuffer: 1 << 24, env });
      return { module: new WebAssembly.Module(bytes), from: source };
    }
    return { module: null, reason: `no ${name}.wasm next to the bundle and no ${name}.wat source` };
  } catch (e) {
    return { module: null, reason: `could not load the ${name} kernel: ${(e as Error).message}` };
  }
}

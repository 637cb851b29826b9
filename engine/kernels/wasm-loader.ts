// Finds and compiles a WebAssembly kernel synchronously, so the kernels stay synchronous functions.
//
// Each kernel comes in two variants built from one .wat (see scripts/assemble-wasm.mjs):
//   'relaxed-simd'  as written, with Relaxed SIMD fused multiply-add: preferred;
//   'simd'          the same kernel with mul + add, for hosts that reject Relaxed SIMD.
// Where a binary comes from:
//   - bundled (dist/server.js, dist/cli.js, dist/bench.js): `npm run build` writes
//     dist/kernels/NAME.VARIANT.wasm next to the bundle (__dirname = dist/);
//   - from source (tests under tsx, no dist/ needed): the .wat sits next to this file; it is
//     assembled on the fly by scripts/assemble-wasm.mjs in a child process (wabt can only
//     initialise asynchronously), so a test always runs the kernel exactly as written in the .wat.
// If no variant loads, the result says why and callers fall back to plain JS.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

export type KernelVariant = 'relaxed-simd' | 'simd';
export type KernelBinary = { bytes: Uint8Array<ArrayBuffer>; from: string } | { bytes: null; reason: string };
/** A compiled kernel; `relaxedRejected` says why the Relaxed SIMD variant is not the one (null when it is). */
export type KernelLoad =
  | { module: WebAssembly.Module; from: string; variant: KernelVariant; relaxedRejected: string | null }
  | { module: null; reason: string };

/** What the loader asks of the host; a parameter so tests can stand in for hosts with and without Relaxed SIMD. */
export interface WasmHost {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  /** Asks the host to turn Relaxed SIMD on (it may not take: the loader validates again). */
  enableRelaxedSimd(): void;
}

export const nodeHost: WasmHost = {
  validate: (bytes) => WebAssembly.validate(bytes),
  enableRelaxedSimd() {
    // Node 20 ships V8 11.3, which has Relaxed SIMD only behind this flag; V8 ≥ 11.4 (Node 22, VS Code's
    // Electron) has it on and never gets here, since the loader asks validate() first. V8 reads the flag
    // when it next validates or compiles a module, so setting it at run time is enough; the loader
    // validates again afterwards and falls back to plain SIMD if it did not take. (This file runs only in
    // Node or Electron's Node: it reads files and spawns the assembler.)
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  },
};

/** The binary of one variant of kernel NAME: dist/kernels/NAME.VARIANT.wasm, else assembled from NAME.wat. */
export function kernelBinary(name: string, variant: KernelVariant): KernelBinary {
  try {
    const bundled = join(__dirname, 'kernels', `${name}.${variant}.wasm`);
    if (existsSync(bundled)) return { bytes: readFileSync(bundled), from: bundled };
    const source = join(__dirname, `${name}.wat`);
    const assembler = join(__dirname, '..', '..', 'scripts', 'assemble-wasm.mjs');
    if (existsSync(source) && existsSync(assembler)) {
      // ELECTRON_RUN_AS_NODE: inside a VS Code extension host, process.execPath is Electron
      const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
      const bytes = execFileSync(process.execPath, [assembler, '--stdout', source, '--variant', variant], { maxBuffer: 1 << 24, env });
      return { bytes, from: source };
    }
    return { bytes: null, reason: `no ${name}.${variant}.wasm next to the bundle and no ${name}.wat source` };
  } catch (e) {
    return { bytes: null, reason: `could not build the ${variant} ${name} kernel: ${(e as Error).message}` };
  }
}

/** Why the Relaxed SIMD binary is unusable here, or null when the host accepts it (after the flag if needed). */
function relaxedSimdRejection(bytes: Uint8Array<ArrayBuffer>, host: WasmHost): string | null {
  if (host.validate(bytes)) return null;
  host.enableRelaxedSimd();
  if (host.validate(bytes)) return null;
  return 'this host rejects Relaxed SIMD, even with --experimental-wasm-relaxed-simd';
}

function compile(binary: { bytes: Uint8Array<ArrayBuffer>; from: string }, variant: KernelVariant, relaxedRejected: string | null): KernelLoad {
  try {
    return { module: new WebAssembly.Module(binary.bytes), from: binary.from, variant, relaxedRejected };
  } catch (e) {
    return { module: null, reason: `could not compile ${binary.from} (${variant}): ${(e as Error).message}` };
  }
}

/** Why the Relaxed SIMD variant cannot run here, or its compiled module. */
function loadRelaxedSimd(binary: KernelBinary, host: WasmHost): KernelLoad {
  if (!binary.bytes) return { module: null, reason: binary.reason };
  const rejection = relaxedSimdRejection(binary.bytes, host);
  return rejection === null ? compile(binary, 'relaxed-simd', null) : { module: null, reason: rejection };
}

/**
 * The best variant this host runs: Relaxed SIMD (enabling it first on a Node that has it behind a
 * flag), else plain SIMD. `binaryOf` is asked for the plain-SIMD binary only when it is needed.
 */
export function chooseKernelModule(binaryOf: (variant: KernelVariant) => KernelBinary, host: WasmHost): KernelLoad {
  const relaxed = loadRelaxedSimd(binaryOf('relaxed-simd'), host);
  if (relaxed.module) return relaxed;
  const simd = binaryOf('simd');
  if (!simd.bytes) return { module: null, reason: `${relaxed.reason}; ${simd.reason}` };
  if (!host.validate(simd.bytes)) return { module: null, reason: `${relaxed.reason}; this host has no WebAssembly SIMD` };
  return compile(simd, 'simd', relaxed.reason);
}

export function loadKernelModule(name: string, host: WasmHost = nodeHost): KernelLoad {
  if (typeof WebAssembly !== 'object') return { module: null, reason: 'WebAssembly is not available' };
  return chooseKernelModule((variant) => kernelBinary(name, variant), host);
}

// Assemble engine/kernels/*.wat into dist/kernels/*.wasm with wabt (pure JS, from the npm registry),
// so the WebAssembly is built from source in this repo at build time.
//
// Each .wat is written for Relaxed SIMD and assembled in two variants (scripts/wasm-variants.mjs):
//   NAME.relaxed-simd.wasm  the source as written (fused multiply-add);
//   NAME.simd.wasm          the same kernel with mul + add, for hosts without Relaxed SIMD.
// engine/kernels/wasm-loader.ts prefers the first and falls back to the second.
//
// Also a command: `node scripts/assemble-wasm.mjs --stdout FILE.wat [--variant simd|relaxed-simd]` writes
// that variant's binary (default relaxed-simd) to stdout. wasm-loader.ts uses it when the engine runs from
// source (tsx, no dist/), because wabt only initialises asynchronously and the kernels load synchronously.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import wabtInit from 'wabt';
import { VARIANTS, assembleVariant } from './wasm-variants.mjs';

/** Writes every variant of every engine/kernels/*.wat into a fresh dist/kernels/; returns the paths. */
export async function assembleKernels(srcDir = 'engine/kernels', outDir = 'dist/kernels') {
  if (!existsSync(srcDir)) return [];
  const sources = readdirSync(srcDir).filter((f) => f.endsWith('.wat'));
  if (sources.length === 0) return [];
  const wabt = await wabtInit();
  rmSync(outDir, { recursive: true, force: true }); // no binaries of renamed or deleted kernels ship
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const file of sources) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    for (const variant of VARIANTS) {
      const out = join(outDir, file.replace(/\.wat$/, `.${variant}.wasm`));
      writeFileSync(out, assembleVariant(wabt, file, text, variant));
      written.push(out);
    }
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const file = option('--stdout');
  if (file) {
    process.stdout.write(assembleVariant(await wabtInit(), file, readFileSync(file, 'utf8'), option('--variant') ?? 'relaxed-simd'));
  } else {
    console.log((await assembleKernels()).join('\n'));
  }
}

// Assemble engine/kernels/*.wat into dist/kernels/*.wasm with wabt (pure JS, from the npm registry),
// so the WebAssembly is built from source in this repo at build time.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';

export async function assembleKernels(srcDir = 'engine/kernels', outDir = 'dist/kernels') {
  if (!existsSync(srcDir)) return [];
  const sources = readdirSync(srcDir).filter((f) => f.endsWith('.wat'));
  if (sources.length === 0) return [];
  const wabt = await wabtInit();
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const file of sources) {
    const module = wabt.parseWat(file, readFileSync(join(srcDir, file), 'utf8'), { simd: true });
    module.validate();
    const { buffer } = module.toBinary({});
    const out = join(outDir, file.replace(/\.wat$/, '.wasm'));
    writeFileSync(out, buffer);
    written.push(out);
  }
  return written;
}

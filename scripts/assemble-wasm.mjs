// Assemble engine/kernels/*.wat into dist/kernels/*.wasm with wabt (pure JS, from the npm registry),
// so the WebAssembly is built from source in this repo at build time.
//
// Also a command: `node scripts/assemble-wasm.mjs --stdout FILE.wat` writes that module's binary to
// stdout. engine/kernels/wasm-loader.ts uses it when the engine runs from source (tsx, no dist/),
// because wabt only initialises asynchronously and the kernels must load synchronously.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import wabtInit from 'wabt';

const features = { simd: true, bulk_memory: true };

async function assembleOne(wabt, name, text) {
  const module = wabt.parseWat(name, text, features);
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

export async function assembleKernels(srcDir = 'engine/kernels', outDir = 'dist/kernels') {
  if (!existsSync(srcDir)) return [];
  const sources = readdirSync(srcDir).filter((f) => f.endsWith('.wat'));
  if (sources.length === 0) return [];
  const wabt = await wabtInit();
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const file of sources) {
    const out = join(outDir, file.replace(/\.wat$/, '.wasm'));
    writeFileSync(out, await assembleOne(wabt, file, readFileSync(join(srcDir, file), 'utf8')));
    written.push(out);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, file] = process.argv.slice(2);
  if (flag === '--stdout' && file) {
    const binary = await assembleOne(await wabtInit(), file, readFileSync(file, 'utf8'));
    process.stdout.write(binary);
  } else {
    console.log((await assembleKernels()).join('\n'));
  }
}

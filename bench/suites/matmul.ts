// matmul GFLOP/s at n = 64, 256, 512: Adjoint's WebAssembly SIMD and plain-JS float64 kernels
// against tfjs-cpu and tfjs-wasm (float32).
import { matmulIntoJs, wasmMatmul } from '../../engine/kernels/matmul';
import { formatRate, medianMs } from '../measure';
import { Suite } from '../suite';
import { tfWith, TfBackend } from '../tfjs';

const SIZES = [64, 256, 512];
const TARGET_GFLOPS_AT_512 = 12;

function randomSquare(n: number): Float64Array {
  return Float64Array.from({ length: n * n }, () => Math.random() * 2 - 1);
}

const gflops = (n: number, ms: number): number => (2 * n ** 3) / (ms * 1e6);

async function tfjsGflops(backend: TfBackend, n: number): Promise<number> {
  const tf = await tfWith(backend);
  const a = tf.randomUniform([n, n], -1, 1, 'float32');
  const b = tf.randomUniform([n, n], -1, 1, 'float32');
  const ms = medianMs(() => {
    const c = tf.matMul(a, b);
    c.dataSync(); // the product is computed by the time its values are read
    c.dispose();
  }, { runs: 5, warmup: 1, minRunMs: 30 });
  a.dispose();
  b.dispose();
  return gflops(n, ms);
}

export const suite: Suite = {
  section: 'engine',
  order: 1,
  title: 'matmul, n×n · n×n, GFLOP/s (higher is better)',
  async run() {
    const { kernel, why } = wasmMatmul();
    const rows: string[][] = [];
    const at512: Record<string, number> = {};
    for (const n of SIZES) {
      const a = randomSquare(n);
      const b = randomSquare(n);
      const out = new Float64Array(n * n);
      const wasm = kernel ? gflops(n, medianMs(() => kernel.matmulInto(a, b, out, n, n, n))) : NaN;
      const js = gflops(n, medianMs(() => matmulIntoJs(a, b, out, n, n, n), { runs: 5 }));
      const cpu = await tfjsGflops('cpu', n);
      const tfWasm = await tfjsGflops('wasm', n);
      rows.push([String(n), ...[wasm, js, cpu, tfWasm].map((x) => (Number.isNaN(x) ? 'unavailable' : formatRate(x)))]);
      if (n === 512) Object.assign(at512, { wasm, js, cpu, tfWasm });
    }
    const met = at512.wasm >= TARGET_GFLOPS_AT_512;
    return {
      columns: ['n', 'Adjoint wasm SIMD (f64)', 'Adjoint plain JS (f64)', 'tfjs-cpu (f32)', 'tfjs-wasm (f32)'],
      rows,
      notes: [
        `Adjoint's kernel: ${why.replace(process.cwd() + '/', '')}. 2n³ flops per product; median of 5–7 runs; inputs copied into wasm memory and the product copied out are included.`,
        `Target (issue 2): ≥ ${TARGET_GFLOPS_AT_512} GFLOP/s at n = 512 — ${met ? 'met' : 'missed'} (${formatRate(at512.wasm)}).`,
      ],
    };
  },
};

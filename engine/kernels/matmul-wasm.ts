// The WebAssembly SIMD matmul (matmul.wat, FMA through Relaxed SIMD where the host has it) behind a
// plain function: copies a and b into the module's memory, runs the blocked kernel, copies the product
// out. The memory grows on demand and is kept between calls, so repeated products of one size
// allocate nothing.
import { type KernelVariant, loadKernelModule } from './wasm-loader';

// Block sizes (in elements) for the kernel's cache blocking; see matmul.wat. A block of packed A
// (MC×KC, 120 KiB) stays in L2, one packed strip of B (KC×4, 8 KiB) and of A (KC×6) in L1.
// MC must be a multiple of the micro-kernel's 6 rows, NC of its 4 columns.
const MC = 60;
const KC = 256;
const NC = 512;
const TILE_BYTES = 192;
const PAGE_BYTES = 65536;

interface MatmulExports {
  memory: WebAssembly.Memory;
  matmul(a: number, b: number, c: number, m: number, k: number, n: number,
    packA: number, packB: number, tile: number, mc: number, kc: number, nc: number): void;
}

const align16 = (bytes: number) => (bytes + 15) & ~15;
const roundUp = (x: number, multiple: number) => Math.ceil(x / multiple) * multiple;

export class WasmMatmul {
  private readonly exports: MatmulExports;

  constructor(module: WebAssembly.Module) {
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as MatmulExports;
  }

  /** out = a·b. Returns false (out untouched) when the operands do not fit in 32-bit wasm memory. */
  matmulInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): boolean {
    const packA = 0;
    const packB = packA + align16(roundUp(Math.min(MC, m), 6) * Math.min(KC, k) * 8);
    const tile = packB + align16(Math.min(KC, k) * roundUp(Math.min(NC, n), 4) * 8);
    const aPtr = tile + TILE_BYTES;
    const bPtr = aPtr + align16(m * k * 8);
    const cPtr = bPtr + align16(k * n * 8);
    const end = cPtr + m * n * 8;
    if (!this.ensureBytes(end)) return false;
    const heap = new Float64Array(this.exports.memory.buffer);
    heap.set(a.subarray(0, m * k), aPtr / 8);
    heap.set(b.subarray(0, k * n), bPtr / 8);
    this.exports.matmul(aPtr, bPtr, cPtr, m, k, n, packA, packB, tile, MC, KC, NC);
    out.set(heap.subarray(cPtr / 8, cPtr / 8 + m * n));
    return true;
  }

  private ensureBytes(bytes: number): boolean {
    // i32 pointers: stay below 2 GiB so signed comparisons in the kernel stay valid
    if (bytes >= 2 ** 31) return false;
    const memory = this.exports.memory;
    const missing = bytes - memory.buffer.byteLength;
    if (missing <= 0) return true;
    try {
      memory.grow(Math.ceil(missing / PAGE_BYTES));
      return true;
    } catch {
      return false;
    }
  }
}

export type WasmMatmulLoad = { kernel: WasmMatmul | null; variant: KernelVariant | null; why: string };

let cached: WasmMatmulLoad | undefined;

/** The wasm kernel, compiled on first use (FMA when the host allows); null (with the reason) when no variant loads. */
export function wasmMatmul(): WasmMatmulLoad {
  if (!cached) {
    const load = loadKernelModule('matmul');
    if (!load.module) cached = { kernel: null, variant: null, why: load.reason };
    else {
      const kind = load.relaxedRejected === null
        ? 'WebAssembly relaxed SIMD (FMA)'
        : `WebAssembly SIMD (no FMA: ${load.relaxedRejected})`;
      cached = { kernel: new WasmMatmul(load.module), variant: load.variant, why: `${kind} from ${load.from}` };
    }
  }
  return cached;
}

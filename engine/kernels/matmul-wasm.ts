// The WebAssembly SIMD matmul (matmul.wat, FMA through Relaxed SIMD where the host has it) behind a
// plain function: copies a and b into the module's memory, runs the blocked kernel, copies the product
// out. The memory grows on demand and is kept between calls, so repeated products of one size
// allocate nothing.
//
// Big products are split by rows across threads: the memory is shared, each helper thread runs the same
// module on it (kernel-thread.ts), and every thread computes its own band of C's rows with its own
// packing scratch. Each element of C is computed by the same instructions in the same order whichever
// thread computes it, so the product is bit for bit the single-threaded one. Measured on this project's
// 2-vCPU machines at n = 512: ~20 GFLOP/s with two threads against ~11 with one.
import { availableParallelism } from 'node:os';
import { KernelThread } from './kernel-thread';
import { type KernelVariant, loadKernelModule } from './wasm-loader';

// Block sizes (in elements) for the kernel's cache blocking; see matmul.wat. A block of packed A
// (MC×KC, 120 KiB) stays in L2, one packed strip of B (KC×4, 8 KiB) and of A (KC×6) in L1.
// MC must be a multiple of the micro-kernel's 6 rows, NC of its 4 columns.
const MC = 60;
const KC = 256;
const NC = 512;
const TILE_BYTES = 192;
const PAGE_BYTES = 65536;
const MAX_PAGES = 32768; // as declared in matmul.wat

const MAX_THREADS = 4;
// Waking a helper and waiting for it costs ~25 µs here, so products below this many multiply-adds
// (~80³; measured: two threads lose at 64³ and win from 96³ on) stay on one thread.
export const THREAD_MIN_MULTIPLY_ADDS = 2 ** 19;
// A helper that has not finished its band by then is assumed lost: it only happens if the worker was
// killed, as a band takes milliseconds.
const HELPER_TIMEOUT_MS = 60_000;

type MatmulExport = (a: number, b: number, c: number, m: number, k: number, n: number,
  packA: number, packB: number, tile: number, mc: number, kc: number, nc: number) => void;

export interface WasmMatmulOptions {
  /** Threads a big product may use, this one included (default: the cores available, at most 4). */
  threads?: number;
  /** Starts one helper thread (tests stand in helpers that fail or stall). */
  startHelper?: (module: WebAssembly.Module, memory: WebAssembly.Memory) => HelperThread;
}

/** What a product needs of a helper thread (KernelThread is the real one). */
export type HelperThread = Pick<KernelThread, 'ready' | 'jobsDone' | 'whenReady' | 'post' | 'wait' | 'terminate'>;

const align16 = (bytes: number) => (bytes + 15) & ~15;
const roundUp = (x: number, multiple: number) => Math.ceil(x / multiple) * multiple;

function defaultThreads(): number {
  return Math.min(MAX_THREADS, availableParallelism());
}

/** Row bands [start, end) for `parts` threads, each a multiple of the micro-kernel's 6 rows but the last. */
function rowBands(m: number, parts: number): Array<[number, number]> {
  const rows = roundUp(Math.ceil(m / parts), 6);
  const bands: Array<[number, number]> = [];
  for (let start = 0; start < m; start += rows) bands.push([start, Math.min(m, start + rows)]);
  return bands;
}

export class WasmMatmul {
  readonly maxThreads: number;
  private readonly startHelper: NonNullable<WasmMatmulOptions['startHelper']>;
  private memory!: WebAssembly.Memory;
  private matmul!: MatmulExport;
  private helpers: HelperThread[] = [];
  private helpersStarted = false;
  /** Why helpers are no longer used (null while they are). */
  private helpersLost: string | null = null;

  constructor(readonly module: WebAssembly.Module, options: WasmMatmulOptions = {}) {
    this.maxThreads = Math.max(1, Math.floor(options.threads ?? defaultThreads()));
    this.startHelper = options.startHelper ?? ((module, memory) => new KernelThread(module, memory, 'matmul'));
    this.useFreshMemory();
  }

  /** Threads a big product uses right now: this one and the helpers that are up. */
  get threads(): number {
    return 1 + this.helpers.filter((h) => h.ready).length;
  }

  /** Bands of C computed by helper threads so far. */
  get helperJobs(): number {
    return this.helpers.reduce((sum, h) => sum + h.jobsDone, 0);
  }

  /** What the threading is, in words (for benchmarks and diagnostics). */
  describeThreads(): string {
    if (this.helpersLost) return `1 thread (${this.helpersLost})`;
    if (this.maxThreads === 1) return '1 thread';
    return `${this.maxThreads} threads for products of ≥ ${THREAD_MIN_MULTIPLY_ADDS} multiply-adds, ${this.threads} up now`;
  }

  /** Starts the helpers now rather than at the first big product, and resolves with the threads usable. */
  async startThreads(): Promise<number> {
    this.startHelpers();
    await Promise.all(this.helpers.map((h) => h.whenReady()));
    return this.threads;
  }

  /** Stops the helper threads; later products run on this thread. */
  dispose(): void {
    this.loseHelpers('disposed');
  }

  /** out = a·b. Returns false (out untouched) when the operands do not fit in 32-bit wasm memory. */
  matmulInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): boolean {
    const helpers = this.helpersFor(m, k, n);
    const bands = rowBands(m, 1 + helpers.length);
    // Scratch per thread, then A, B and C once.
    const packABytes = align16(roundUp(Math.min(MC, m), 6) * Math.min(KC, k) * 8);
    const packBBytes = align16(Math.min(KC, k) * roundUp(Math.min(NC, n), 4) * 8);
    const scratchBytes = packABytes + packBBytes + TILE_BYTES;
    const aPtr = scratchBytes * bands.length;
    const bPtr = aPtr + align16(m * k * 8);
    const cPtr = bPtr + align16(k * n * 8);
    const end = cPtr + m * n * 8;
    if (!this.ensureBytes(end)) return false;
    const heap = new Float64Array(this.memory.buffer);
    heap.set(a.subarray(0, m * k), aPtr / 8);
    heap.set(b.subarray(0, k * n), bPtr / 8);
    const call = (band: number): Parameters<MatmulExport> => {
      const [start, stop] = bands[band];
      const scratch = band * scratchBytes;
      return [aPtr + start * k * 8, bPtr, cPtr + start * n * 8, stop - start, k, n,
        scratch, scratch + packABytes, scratch + packABytes + packBBytes, MC, KC, NC];
    };
    for (let band = 1; band < bands.length; band++) helpers[band - 1].post(call(band));
    this.matmul(...call(0));
    let failed = false, timedOut = false;
    for (let band = 1; band < bands.length; band++) {
      const outcome = helpers[band - 1].wait(HELPER_TIMEOUT_MS);
      if (outcome === 'failed') {
        this.matmul(...call(band)); // the band's scratch is free again: compute the band here
        failed = true;
      } else if (outcome === 'timeout') {
        timedOut = true;
      }
    }
    if (timedOut) {
      // A lost helper might still write into this memory: start over alone on a new one.
      this.loseHelpers(`a helper thread did not answer within ${HELPER_TIMEOUT_MS} ms`);
      this.useFreshMemory();
      return this.matmulInto(a, b, out, m, k, n);
    }
    if (failed) this.loseHelpers('a helper thread failed');
    out.set(heap.subarray(cPtr / 8, cPtr / 8 + m * n));
    return true;
  }

  /** The helpers a product of this size should use: none for small ones; started at the first big one. */
  private helpersFor(m: number, k: number, n: number): HelperThread[] {
    if (this.maxThreads === 1 || m < 12 || m * k * n < THREAD_MIN_MULTIPLY_ADDS) return [];
    this.startHelpers();
    // Helpers start asynchronously; until they are up, products run on this thread alone.
    return this.helpers.filter((h) => h.ready);
  }

  private startHelpers(): void {
    if (this.helpersStarted || this.helpersLost) return;
    this.helpersStarted = true;
    for (let i = 1; i < this.maxThreads; i++) this.helpers.push(this.startHelper(this.module, this.memory));
  }

  private loseHelpers(why: string): void {
    for (const helper of this.helpers) helper.terminate();
    this.helpers = [];
    this.helpersLost = why;
  }

  private useFreshMemory(): void {
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly.Instance(this.module, { env: { memory: this.memory } });
    this.matmul = instance.exports.matmul as MatmulExport;
  }

  private ensureBytes(bytes: number): boolean {
    // i32 pointers: stay below 2 GiB so signed comparisons in the kernel stay valid
    if (bytes >= 2 ** 31) return false;
    const missing = bytes - this.memory.buffer.byteLength;
    if (missing <= 0) return true;
    try {
      this.memory.grow(Math.ceil(missing / PAGE_BYTES));
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

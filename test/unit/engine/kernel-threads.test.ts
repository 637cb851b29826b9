// The matmul split across threads: real helper threads on shared wasm memory must give the
// single-threaded product bit for bit, and a helper that fails or stalls must never cost a wrong
// product or a hang.
import { strict as assert } from 'assert';
import wabtInit from 'wabt';
import { KernelThread } from '../../../engine/kernels/kernel-thread';
import { type HelperThread, THREAD_MIN_MULTIPLY_ADDS, WasmMatmul } from '../../../engine/kernels/matmul-wasm';
import { wasmMatmul } from '../../../engine/kernels/matmul';
import { seededRandom } from '../../../engine/random';

const randomMatrix = (size: number, random: () => number) => Float64Array.from({ length: size }, () => random() * 4 - 2);

function product(kernel: WasmMatmul, a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n).fill(Number.NaN);
  assert.ok(kernel.matmulInto(a, b, out, m, k, n));
  return out;
}

function moduleOf(): WebAssembly.Module {
  const { kernel, why } = wasmMatmul(); // also enables Relaxed SIMD on Node 20
  assert.ok(kernel, why);
  return kernel.module;
}

describe('engine/kernels matmul on several threads', function () {
  this.timeout(60_000);
  const module = moduleOf();
  const alone = new WasmMatmul(module, { threads: 1 });
  const kernels: WasmMatmul[] = [];
  after(() => kernels.forEach((k) => k.dispose()));
  const threaded = (options: ConstructorParameters<typeof WasmMatmul>[1]) => {
    const kernel = new WasmMatmul(module, options);
    kernels.push(kernel);
    return kernel;
  };

  for (const threads of [2, 3]) {
    it(`${threads} threads give the one-thread product bit for bit, and the helpers do their share`, async () => {
      const kernel = threaded({ threads });
      assert.equal(await kernel.startThreads(), threads);
      const random = seededRandom(31 + threads);
      const shapes: Array<[number, number, number]> = [[12, 220, 220], [13, 200, 210], [61, 257, 515], [200, 300, 250], [67, 90, 100]];
      for (const [m, k, n] of shapes) {
        assert.ok(m * k * n >= THREAD_MIN_MULTIPLY_ADDS, 'a product big enough for threads');
        const a = randomMatrix(m * k, random);
        const b = randomMatrix(k * n, random);
        const jobsBefore = kernel.helperJobs;
        assert.deepEqual(product(kernel, a, b, m, k, n), product(alone, a, b, m, k, n), `(${m}×${k})·(${k}×${n})`);
        const rowsPerBand = 6 * Math.ceil(m / threads / 6); // bands are whole 6-row strips but the last
        const bands = Math.ceil(m / rowsPerBand);
        assert.equal(kernel.helperJobs - jobsBefore, bands - 1, `(${m}×${k})·(${k}×${n}): helper bands`);
      }
    });
  }

  it('keeps small products (under 12 rows, or few multiply-adds) on the calling thread', async () => {
    const kernel = threaded({ threads: 2 });
    await kernel.startThreads();
    const random = seededRandom(5);
    for (const [m, k, n] of [[11, 300, 300], [20, 20, 20], [70, 80, 90]]) {
      assert.ok(m < 12 || m * k * n < THREAD_MIN_MULTIPLY_ADDS);
      const a = randomMatrix(m * k, random);
      const b = randomMatrix(k * n, random);
      assert.deepEqual(product(kernel, a, b, m, k, n), product(alone, a, b, m, k, n));
    }
    assert.equal(kernel.helperJobs, 0);
  });

  it('runs alone until the helpers are up (the first big product never waits for them)', () => {
    const kernel = threaded({ threads: 2 });
    const random = seededRandom(6);
    const a = randomMatrix(128 * 128, random);
    const b = randomMatrix(128 * 128, random);
    assert.deepEqual(product(kernel, a, b, 128, 128, 128), product(alone, a, b, 128, 128, 128));
    assert.equal(kernel.helperJobs, 0, 'the helper had no time to start');
  });

  /** A helper that never computes: it answers wait() with `outcome`. */
  const fakeHelper = (outcome: 'failed' | 'timeout'): HelperThread => ({
    ready: true, jobsDone: 0, whenReady: async () => true, post: () => undefined, wait: () => outcome, terminate: () => undefined,
  });

  for (const outcome of ['failed', 'timeout'] as const) {
    it(`a helper that ${outcome === 'failed' ? 'fails' : 'does not answer'} costs no wrong product; later products run alone`, async () => {
      let started = 0;
      const kernel = threaded({ threads: 2, startHelper: () => { started++; return fakeHelper(outcome); } });
      await kernel.startThreads();
      const random = seededRandom(8);
      for (let trial = 0; trial < 2; trial++) {
        const a = randomMatrix(90 * 80, random);
        const b = randomMatrix(80 * 80, random);
        assert.deepEqual(product(kernel, a, b, 90, 80, 80), product(alone, a, b, 90, 80, 80));
      }
      assert.equal(started, 1);
      assert.equal(kernel.threads, 1);
      assert.match(kernel.describeThreads(), outcome === 'failed' ? /^1 thread \(a helper thread failed\)$/ : /^1 thread \(a helper thread did not answer within 60000 ms\)$/);
    });
  }

  it('says how it is threaded', async () => {
    assert.equal(alone.describeThreads(), '1 thread');
    const kernel = threaded({ threads: 2 });
    assert.match(kernel.describeThreads(), /^2 threads for products of ≥ \d+ multiply-adds, 1 up now$/);
    await kernel.startThreads();
    assert.match(kernel.describeThreads(), /, 2 up now$/);
    kernel.dispose();
    assert.equal(kernel.describeThreads(), '1 thread (disposed)');
  });
});

async function assemble(name: string, text: string): Promise<WebAssembly.Module> {
  const parsed = (await wabtInit()).parseWat(name, text, { threads: true });
  try { return new WebAssembly.Module(Uint8Array.from(parsed.toBinary({}).buffer)); } finally { parsed.destroy(); }
}

describe('engine/kernels KernelThread (a real worker on shared memory)', function () {
  this.timeout(30_000);
  let module: WebAssembly.Module;
  before(async () => {
    // store(addr, value) writes an i32; trap(x) traps when x is 1; spin() never returns
    const text = `(module (import "env" "memory" (memory 1 1 shared))
      (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
      (func (export "trap") (param i32) (if (i32.eq (local.get 0) (i32.const 1)) (then unreachable)))
      (func (export "spin") (loop $forever (br $forever))))`;
    module = await assemble('test.wat', text);
  });
  const sharedMemory = () => new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });

  it('runs posted calls on the shared memory, one job after another', async () => {
    const memory = sharedMemory();
    const thread = new KernelThread(module, memory, 'store');
    try {
      assert.equal(await thread.whenReady(), true);
      const words = new Int32Array(memory.buffer);
      for (let job = 1; job <= 20; job++) {
        thread.post([4 * job, 1000 + job]);
        assert.equal(thread.wait(10_000), 'done');
        assert.equal(thread.jobsDone, job);
      }
      assert.deepEqual(Array.from(words.subarray(1, 21)), Array.from({ length: 20 }, (_, i) => 1001 + i));
    } finally {
      thread.terminate();
    }
  });

  it('reports a call that traps as failed, and keeps working', async () => {
    const thread = new KernelThread(module, sharedMemory(), 'trap');
    try {
      await thread.whenReady();
      thread.post([1]);
      assert.equal(thread.wait(10_000), 'failed');
      thread.post([0]);
      assert.equal(thread.wait(10_000), 'done');
    } finally {
      thread.terminate();
    }
  });

  it('gives up waiting after the timeout, and terminate() ends the stuck worker', async () => {
    const thread = new KernelThread(module, sharedMemory(), 'spin');
    await thread.whenReady();
    thread.post([]);
    const start = performance.now();
    assert.equal(thread.wait(100), 'timeout');
    assert.ok(performance.now() - start >= 99);
    thread.terminate();
    assert.equal(thread.ready, false);
  });

  it('is never ready when the module cannot be instantiated', async () => {
    const needsF = await assemble('needs-f.wat', '(module (import "env" "memory" (memory 1 1 shared)) (import "env" "f" (func)))');
    const thread = new KernelThread(needsF, sharedMemory(), 'store');
    try {
      assert.equal(await thread.whenReady(), false);
      assert.equal(thread.ready, false);
    } finally {
      thread.terminate();
    }
  });

  it('refuses more arguments than its control block holds', () => {
    const thread = new KernelThread(module, sharedMemory(), 'store');
    try {
      assert.throws(() => thread.post(new Array(17).fill(0)), /at most 16 arguments, got 17/);
    } finally {
      thread.terminate();
    }
  });
});

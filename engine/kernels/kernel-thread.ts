// A helper thread for a WebAssembly kernel on shared memory: a worker that instantiates the kernel's
// module on the caller's memory and runs one exported function whenever the caller posts arguments.
//
// The kernels stay synchronous functions, so the caller cannot await a message: it posts a job and
// wakes the worker with Atomics on a small shared control array, computes its own share, then blocks
// in Atomics.wait until the worker reports the job done. The worker's code is the short script below,
// run with `eval`, so it needs no file of its own next to each bundle; it reads only what it is given.
import { Worker } from 'node:worker_threads';

/** Slots of the control array (Int32Array on a SharedArrayBuffer). */
const POSTED = 0;  // number of the last job the caller posted
const DONE = 1;    // number of the last job the worker finished
const FAILED = 2;  // number of the last job whose call threw (0: none)
const READY = 3;   // 1 once the worker has instantiated the module, -1 if it could not
const ARG_COUNT = 4; // how many arguments the call has
const ARGS = 5;    // the call's i32 arguments from here on
const MAX_ARGS = 16;

const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const { module, memory, exportName, control, slots } = workerData;
const ctl = new Int32Array(control);
let run;
try {
  run = new WebAssembly.Instance(module, { env: { memory } }).exports[exportName];
  Atomics.store(ctl, slots.READY, 1);
} catch {
  Atomics.store(ctl, slots.READY, -1);
}
Atomics.notify(ctl, slots.READY);
for (let seen = 0; run; ) {
  Atomics.wait(ctl, slots.POSTED, seen);
  seen = Atomics.load(ctl, slots.POSTED);
  try {
    run(...ctl.subarray(slots.ARGS, slots.ARGS + ctl[slots.ARG_COUNT]));
  } catch {
    Atomics.store(ctl, slots.FAILED, seen);
  }
  Atomics.store(ctl, slots.DONE, seen);
  Atomics.notify(ctl, slots.DONE);
}
`;

export class KernelThread {
  private readonly control = new Int32Array(new SharedArrayBuffer((ARGS + MAX_ARGS) * 4));
  private readonly worker: Worker;
  private posted = 0;
  private exited = false;

  /** Starts the worker; it becomes `ready` asynchronously (a few tens of ms), and is never waited for. */
  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, exportName: string) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, memory, exportName, control: this.control.buffer, slots: { POSTED, DONE, FAILED, READY, ARG_COUNT, ARGS } },
    });
    // A helper never keeps a process alive: the CLI exits when its work is done.
    this.worker.unref();
    this.worker.on('exit', () => { this.exited = true; });
    this.worker.on('error', () => { this.exited = true; });
  }

  /** True once the worker can take jobs. */
  get ready(): boolean {
    return !this.exited && Atomics.load(this.control, READY) === 1;
  }

  /** Resolves when the worker is ready (true) or could not start (false); for benchmarks and tests. */
  async whenReady(): Promise<boolean> {
    while (Atomics.load(this.control, READY) === 0 && !this.exited) await new Promise((resolve) => setTimeout(resolve, 2));
    return this.ready;
  }

  /** Number of jobs the worker has finished. */
  get jobsDone(): number {
    return Atomics.load(this.control, DONE);
  }

  /** Hands the worker one call of the export with these i32 arguments; returns at once. */
  post(args: readonly number[]): void {
    if (args.length > MAX_ARGS) throw new RangeError(`a kernel thread takes at most ${MAX_ARGS} arguments, got ${args.length}`);
    this.control[ARG_COUNT] = args.length;
    this.control.set(args, ARGS);
    Atomics.store(this.control, POSTED, ++this.posted);
    Atomics.notify(this.control, POSTED);
  }

  /**
   * Blocks until the posted job is done: 'done', 'failed' (the call threw in the worker), or
   * 'timeout' after timeoutMs (the worker is then of no further use: call terminate()).
   */
  wait(timeoutMs: number): 'done' | 'failed' | 'timeout' {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const done = Atomics.load(this.control, DONE);
      if (done === this.posted) return Atomics.load(this.control, FAILED) === this.posted ? 'failed' : 'done';
      const left = deadline - performance.now();
      if (left <= 0) return 'timeout';
      Atomics.wait(this.control, DONE, done, left);
    }
  }

  terminate(): void {
    this.exited = true;
    void this.worker.terminate();
  }
}

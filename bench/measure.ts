// Timing for the benchmarks: the median over several runs, each run long enough to time reliably.

export interface MeasureOptions {
  /** Timed runs; the median is reported. */
  runs?: number;
  /** Calls before timing starts (JIT warm-up, first-use allocation). */
  warmup?: number;
  /** A run repeats the call until at least this long has passed, then reports time per call. */
  minRunMs?: number;
}

/** Median milliseconds per call of `fn`. */
export function medianMs(fn: () => void, opts: MeasureOptions = {}): number {
  const { runs = 7, warmup = 2, minRunMs = 50 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const perCall: number[] = [];
  for (let r = 0; r < runs; r++) {
    collectGarbage();
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < minRunMs);
    perCall.push(elapsed / calls);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)];
}

/** Runs a full GC between timed runs when node was started with --expose-gc (npm run bench does). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export const formatMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const formatRate = (x: number): string => x.toFixed(2);

// Plain-JS float64 matmul, out[m×n] = a[m×k] · b[k×n] (row-major): the fallback when WebAssembly
// SIMD is unavailable, and the faster choice for small products where copying into wasm memory
// would dominate.
//
// b is first copied transposed, so every output element is a dot product of two contiguous rows.
// The main loop computes a 4×2 block of out at a time in eight scalar accumulators: per step of k it
// loads 6 numbers and does 8 multiply-adds, and V8 keeps all of it in registers. (Measured on this
// project's machine, this beats i-k-j loops, blocked or not, by about 2×.) A 4-row panel of a and a
// 2-row pair of bᵀ stay in L1 while a whole row of output blocks is computed.

// Scratch for bᵀ, kept between calls up to 8 MiB (bigger ones are allocated per call, not held on to).
const KEEP_SCRATCH = 1 << 20;
let scratch = new Float64Array(0);

export function matmulIntoJs(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  if (scratch.length < k * n && k * n <= KEEP_SCRATCH) scratch = new Float64Array(k * n);
  const bt = scratch.length >= k * n ? scratch : new Float64Array(k * n);
  for (let p = 0; p < k; p++) {
    for (let j = 0; j < n; j++) bt[j * k + p] = b[p * n + j];
  }
  const fullRows = m - (m % 4);
  const fullCols = n - (n % 2);
  for (let i = 0; i < fullRows; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let j = 0; j < fullCols; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = bt[b0 + p], x1 = bt[b1 + p];
        const y0 = a[a0 + p], y1 = a[a1 + p], y2 = a[a2 + p], y3 = a[a3 + p];
        c00 += y0 * x0; c01 += y0 * x1;
        c10 += y1 * x0; c11 += y1 * x1;
        c20 += y2 * x0; c21 += y2 * x1;
        c30 += y3 * x0; c31 += y3 * x1;
      }
      const o = i * n + j;
      out[o] = c00; out[o + 1] = c01;
      out[o + n] = c10; out[o + n + 1] = c11;
      out[o + 2 * n] = c20; out[o + 2 * n + 1] = c21;
      out[o + 3 * n] = c30; out[o + 3 * n + 1] = c31;
    }
    for (let r = i; r < i + 4; r++) {
      for (let j = fullCols; j < n; j++) out[r * n + j] = dot(a, r * k, bt, j * k, k);
    }
  }
  for (let r = fullRows; r < m; r++) {
    for (let j = 0; j < n; j++) out[r * n + j] = dot(a, r * k, bt, j * k, k);
  }
}

function dot(x: Float64Array, xStart: number, y: Float64Array, yStart: number, length: number): number {
  let s = 0;
  for (let p = 0; p < length; p++) s += x[xStart + p] * y[yStart + p];
  return s;
}

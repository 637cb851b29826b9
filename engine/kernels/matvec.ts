// Matrix-vector products on the caller's arrays, row-major float64. A product with one column or one
// row does 1 multiply-add per number of the matrix it reads, so it is bound by memory, not arithmetic:
// the GEMM kernel would copy the whole matrix into wasm memory and pad the vector to 4 columns for
// nothing. Both loops here read the matrix once, in storage order, and need no transposed copy.

/** out[m] = a[m×k] · x[k]: a dot product per row, four rows per pass over x. */
export function matvecInto(a: Float64Array, x: Float64Array, out: Float64Array, m: number, k: number): void {
  const fullRows = m - (m % 4);
  for (let i = 0; i < fullRows; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let p = 0; p < k; p++) {
      const xp = x[p];
      s0 += a[r0 + p] * xp;
      s1 += a[r1 + p] * xp;
      s2 += a[r2 + p] * xp;
      s3 += a[r3 + p] * xp;
    }
    out[i] = s0; out[i + 1] = s1; out[i + 2] = s2; out[i + 3] = s3;
  }
  for (let i = fullRows; i < m; i++) {
    const r = i * k;
    let s = 0;
    for (let p = 0; p < k; p++) s += a[r + p] * x[p];
    out[i] = s;
  }
}

/**
 * out[n] = x[k] · b[k×n] (= bᵀx): rows of b scaled by x and added, four rows per pass over out (each
 * pass reads and writes out once, so fewer passes leave more of the memory traffic to b itself).
 */
export function vecmatInto(x: Float64Array, b: Float64Array, out: Float64Array, k: number, n: number): void {
  out.fill(0, 0, n);
  const fullRows = k - (k % 4);
  for (let p = 0; p < fullRows; p += 4) {
    const x0 = x[p], x1 = x[p + 1], x2 = x[p + 2], x3 = x[p + 3];
    const r0 = p * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    for (let j = 0; j < n; j++) out[j] += x0 * b[r0 + j] + x1 * b[r1 + j] + x2 * b[r2 + j] + x3 * b[r3 + j];
  }
  for (let p = fullRows; p < k; p++) {
    const x0 = x[p];
    const r0 = p * n;
    for (let j = 0; j < n; j++) out[j] += x0 * b[r0 + j];
  }
}

// Transpose of a row-major matrix, out[cols×rows] = aᵀ, in square tiles so that both the reads and
// the writes stay within a few cache lines at a time (a plain loop strides through memory on one side:
// for the matrices of an MLP step it costs as much as the matmul it feeds).

const TILE = 32;

export function transposeInto(a: Float64Array, out: Float64Array, rows: number, cols: number): void {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        const row = i * cols;
        for (let j = j0; j < j1; j++) out[j * rows + i] = a[row + j];
      }
    }
  }
}

// Matrix-multiply kernel interface: out[m×n] = a[m×k] · b[k×n], all row-major float64.
// The engine calls only these functions. A product with one row or one column takes the matrix-vector
// loops (matvec.ts) on the caller's arrays. For the others matmulInto picks the WebAssembly SIMD kernel
// (matmul.wat; with FMA where the host has Relaxed SIMD) for products big enough to pay for copying
// into wasm memory, and the register-blocked plain-JS kernel otherwise or when WebAssembly SIMD is unavailable.
import { matmulIntoJs } from './matmul-js';
import { wasmMatmul } from './matmul-wasm';
import { matvecInto, vecmatInto } from './matvec';
import { transposeInto } from './transpose';

// Below this many multiply-adds the copies in and out of wasm memory cost more than the SIMD saves
// (measured: the two kernels break even between 8×8·8×8 and 12×12·12×12).
const WASM_MIN_MULTIPLY_ADDS = 1000;

export function matmulInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  if (n === 1) return matvecInto(a, b, out, m, k);
  if (m === 1) return vecmatInto(a, b, out, k, n);
  if (m * k * n >= WASM_MIN_MULTIPLY_ADDS) {
    const { kernel } = wasmMatmul();
    if (kernel && kernel.matmulInto(a, b, out, m, k, n)) return;
  }
  matmulIntoJs(a, b, out, m, k, n);
}

/** out[m×n] = a[m×k] · bᵀ, given b as stored, [n×k] (the adjoint of a product's left operand). */
export function matmulTransposedBInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  if (m === 1) return matvecInto(b, a, out, n, k);
  if (n === 1) return matvecInto(a, b, out, m, k);
  const bt = new Float64Array(k * n);
  transposeInto(b, bt, n, k);
  matmulInto(a, bt, out, m, k, n);
}

/** out[m×n] = aᵀ · b[k×n], given a as stored, [k×m] (the adjoint of a product's right operand). */
export function matmulTransposedAInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  if (n === 1) return vecmatInto(b, a, out, k, m);
  if (m === 1) return vecmatInto(a, b, out, k, n);
  const at = new Float64Array(m * k);
  transposeInto(a, at, k, m);
  matmulInto(at, b, out, m, k, n);
}

export { matmulIntoJs } from './matmul-js';
export { wasmMatmul } from './matmul-wasm';

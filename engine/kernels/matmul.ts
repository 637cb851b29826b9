// Matrix-multiply kernel interface: out[m×n] = a[m×k] · b[k×n], all row-major float64.
// The engine calls only matmulInto; it picks the WebAssembly SIMD kernel (matmul.wat; with FMA where the
// host has Relaxed SIMD) for products big enough to pay for copying into wasm memory, and the
// register-blocked plain-JS kernel otherwise or when WebAssembly SIMD is unavailable.
import { matmulIntoJs } from './matmul-js';
import { wasmMatmul } from './matmul-wasm';

// Below this many multiply-adds the copies in and out of wasm memory cost more than the SIMD saves
// (measured: the two kernels break even between 8×8·8×8 and 12×12·12×12).
const WASM_MIN_MULTIPLY_ADDS = 1000;

export function matmulInto(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  if (m * k * n >= WASM_MIN_MULTIPLY_ADDS) {
    const { kernel } = wasmMatmul();
    if (kernel && kernel.matmulInto(a, b, out, m, k, n)) return;
  }
  matmulIntoJs(a, b, out, m, k, n);
}

export { matmulIntoJs } from './matmul-js';
export { wasmMatmul } from './matmul-wasm';

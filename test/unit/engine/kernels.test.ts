import { strict as assert } from 'assert';
import { matmulInto, matmulIntoJs, wasmMatmul } from '../../../engine/kernels/matmul';
import { transposeInto } from '../../../engine/kernels/transpose';
import { seededRandom } from '../../../engine/random';

type Kernel = (a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number) => void;

function randomMatrix(rows: number, cols: number, random: () => number): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => random() * 4 - 2);
}

/** The textbook triple loop, and Σ|a||b| per element: the scale float64 rounding error is relative to. */
function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number) {
  const product = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, abs = 0;
      for (let p = 0; p < k; p++) {
        s += a[i * k + p] * b[p * n + j];
        abs += Math.abs(a[i * k + p] * b[p * n + j]);
      }
      product[i * n + j] = s;
      scale[i * n + j] = abs;
    }
  }
  return { product, scale };
}

function assertAgrees(kernel: Kernel, m: number, k: number, n: number, random: () => number) {
  const a = randomMatrix(m, k, random);
  const b = randomMatrix(k, n, random);
  const out = new Float64Array(m * n).fill(Number.NaN); // must be overwritten, not accumulated into
  kernel(a, b, out, m, k, n);
  const { product, scale } = naive(a, b, m, k, n);
  for (let e = 0; e < m * n; e++) {
    const error = Math.abs(out[e] - product[e]);
    assert.ok(error <= 1e-12 * scale[e], `(${m}×${k})·(${k}×${n}) element ${e}: ${out[e]} vs ${product[e]}`);
  }
}

const sizes = [1, 3, 17, 65, 130];
const odd: Array<[number, number, number]> = [];
for (const m of sizes) for (const k of sizes) for (const n of sizes) if ((m + 3 * k + 7 * n) % 4 === 0 || m === k && k === n) odd.push([m, k, n]);

const wasm = wasmMatmul();
const kernels: Array<[string, Kernel]> = [
  ['plain JS', matmulIntoJs],
  ['WebAssembly SIMD', (a, b, out, m, k, n) => assert.ok(wasm.kernel!.matmulInto(a, b, out, m, k, n))],
  ['matmulInto (dispatch)', matmulInto],
];

describe('engine/kernels matmul', () => {
  it('has the WebAssembly SIMD kernel when run from source', () => {
    assert.ok(wasm.kernel, wasm.why);
  });

  for (const [name, kernel] of kernels) {
    describe(name, () => {
      it(`agrees with the naive triple loop on ${odd.length} shapes built from ${sizes.join(', ')}`, () => {
        const random = seededRandom(7);
        for (const [m, k, n] of odd) assertAgrees(kernel, m, k, n, random);
      });

      it('agrees across block boundaries (k > 256, n > 512, m not a multiple of 6)', () => {
        assertAgrees(kernel, 61, 257, 515, seededRandom(11));
      });

      it('agrees when b has over a million elements (no kept scratch in plain JS)', () => {
        assertAgrees(kernel, 2, 1030, 1020, seededRandom(17));
      });

      it('agrees on random shapes', () => {
        const random = seededRandom(23);
        for (let trial = 0; trial < 12; trial++) {
          const [m, k, n] = [1, 1, 1].map(() => 1 + Math.floor(random() * 90));
          assertAgrees(kernel, m, k, n, random);
        }
      });

      it('gives zeros for an empty inner dimension', () => {
        const out = new Float64Array(6).fill(5);
        kernel(new Float64Array(0), new Float64Array(0), out, 2, 0, 3);
        assert.deepEqual(Array.from(out), [0, 0, 0, 0, 0, 0]);
      });

      it('propagates NaN and Infinity exactly like the triple loop', () => {
        const random = seededRandom(5);
        const [m, k, n] = [7, 9, 5];
        const a = randomMatrix(m, k, random);
        const b = randomMatrix(k, n, random);
        a[2 * k + 3] = Number.POSITIVE_INFINITY;  // row 2 meets b's row 3
        b[5 * n + 1] = Number.NaN;                // column 1 sees NaN in every row
        const out = new Float64Array(m * n);
        kernel(a, b, out, m, k, n);
        const { product } = naive(a, b, m, k, n);
        for (let e = 0; e < m * n; e++) {
          if (Number.isNaN(product[e])) assert.ok(Number.isNaN(out[e]), `element ${e} should be NaN`);
          else assert.ok(Math.abs(out[e] - product[e]) <= 1e-12 * Math.max(1, Math.abs(product[e])) || out[e] === product[e], `element ${e}`);
        }
        assert.ok(Number.isNaN(out[0 * n + 1]) && out[2 * n + 0] === product[2 * n + 0]);
      });
    });
  }

  it('reuses and grows its memory: a big product between two small ones', () => {
    const random = seededRandom(3);
    assertAgrees(kernels[1][1], 5, 4, 3, random);
    assertAgrees(kernels[1][1], 200, 300, 250, random);
    assertAgrees(kernels[1][1], 6, 2, 9, random);
  });
});

describe('engine/kernels transposeInto', () => {
  it('equals the element-by-element definition, across tile edges', () => {
    const random = seededRandom(13);
    for (const [rows, cols] of [[1, 1], [1, 7], [3, 1], [17, 65], [65, 33], [130, 31]]) {
      const a = randomMatrix(rows, cols, random);
      const out = new Float64Array(rows * cols).fill(Number.NaN);
      transposeInto(a, out, rows, cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) assert.equal(out[j * rows + i], a[i * cols + j], `${rows}×${cols} at (${i}, ${j})`);
      }
    }
  });
});

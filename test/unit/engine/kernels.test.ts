import { strict as assert } from 'assert';
import wabtInit from 'wabt';
import { matmulInto, matmulIntoJs, matmulTransposedAInto, matmulTransposedBInto, wasmMatmul } from '../../../engine/kernels/matmul';
import { WasmMatmul } from '../../../engine/kernels/matmul-wasm';
import { chooseKernelModule, kernelBinary, type KernelBinary, type KernelVariant, type WasmHost } from '../../../engine/kernels/wasm-loader';
import { transposeInto } from '../../../engine/kernels/transpose';
import { seededRandom } from '../../../engine/random';
import { withoutRelaxedSimd } from '../../../scripts/wasm-variants.mjs';

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

/** The binary the loader would use for a variant; fails the test run if it cannot be built. */
function binaryOf(variant: KernelVariant): Uint8Array<ArrayBuffer> {
  const binary = kernelBinary('matmul', variant);
  if (!binary.bytes) throw new Error(binary.reason);
  return binary.bytes;
}

// The chosen kernel first: on Node 20 it enables Relaxed SIMD, which the FMA kernel below needs.
const wasm = wasmMatmul();
const fmaKernel = wasm.variant === 'relaxed-simd' ? wasm.kernel : null;
const simdKernel = new WasmMatmul(new WebAssembly.Module(binaryOf('simd')));
const wasmKernel = (kernel: WasmMatmul | null): Kernel => (a, b, out, m, k, n) => {
  assert.ok(kernel, wasm.why);
  assert.ok(kernel.matmulInto(a, b, out, m, k, n));
};
const kernels: Array<[string, Kernel]> = [
  ['plain JS', matmulIntoJs],
  ['WebAssembly relaxed SIMD (FMA)', wasmKernel(fmaKernel)],
  ['WebAssembly SIMD (fallback without FMA)', wasmKernel(simdKernel)],
  ['matmulInto (dispatch)', matmulInto],
];

describe('engine/kernels matmul', () => {
  it('runs the FMA kernel on this host (Node 20: Relaxed SIMD enabled at run time)', () => {
    assert.equal(wasm.variant, 'relaxed-simd', wasm.why);
    assert.match(wasm.why, /^WebAssembly relaxed SIMD \(FMA\) from .*matmul\.wat$/);
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
    for (const kernel of [wasmKernel(fmaKernel), wasmKernel(simdKernel)]) {
      assertAgrees(kernel, 5, 4, 3, random);
      assertAgrees(kernel, 200, 300, 250, random);
      assertAgrees(kernel, 6, 2, 9, random);
    }
  });
});

describe('engine/kernels choosing the wasm variant', () => {
  // Two distinct (empty, valid) modules stand in for the variants; the fake host decides what it accepts.
  const emptyModule = () => new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const relaxedBytes = emptyModule();
  const simdBytes = emptyModule();
  const binaries = (variant: KernelVariant): KernelBinary =>
    variant === 'simd' ? { bytes: simdBytes, from: 'k.simd.wasm' } : { bytes: relaxedBytes, from: 'k.relaxed-simd.wasm' };

  function fakeHost(relaxed: 'on' | 'behind a flag' | 'never', simd = true) {
    const host = { flagsSet: 0, flagOn: false } as WasmHost & { flagsSet: number; flagOn: boolean };
    host.validate = (bytes) => (bytes === simdBytes ? simd : relaxed === 'on' || host.flagOn);
    host.enableRelaxedSimd = () => {
      host.flagsSet++;
      host.flagOn = relaxed === 'behind a flag';
    };
    return host;
  }

  it('takes relaxed SIMD without touching flags when the host has it on', () => {
    const host = fakeHost('on');
    const load = chooseKernelModule(binaries, host);
    assert.ok(load.module);
    assert.deepEqual([load.variant, load.from, load.relaxedRejected, host.flagsSet], ['relaxed-simd', 'k.relaxed-simd.wasm', null, 0]);
  });

  it('enables the flag once and takes relaxed SIMD when it is behind a flag', () => {
    const host = fakeHost('behind a flag');
    const load = chooseKernelModule(binaries, host);
    assert.ok(load.module);
    assert.deepEqual([load.variant, host.flagsSet], ['relaxed-simd', 1]);
  });

  it('falls back to plain SIMD, saying why, when the flag does not help', () => {
    const host = fakeHost('never');
    const load = chooseKernelModule(binaries, host);
    assert.ok(load.module);
    assert.deepEqual([load.variant, load.from, host.flagsSet], ['simd', 'k.simd.wasm', 1]);
    assert.match(load.relaxedRejected ?? '', /rejects Relaxed SIMD, even with --experimental-wasm-relaxed-simd/);
  });

  it('falls back to plain SIMD when the relaxed binary is missing, and gives up without SIMD', () => {
    const missing = (variant: KernelVariant): KernelBinary =>
      variant === 'simd' ? binaries(variant) : { bytes: null, reason: 'no k.relaxed-simd.wasm' };
    const fallback = chooseKernelModule(missing, fakeHost('on'));
    assert.ok(fallback.module);
    assert.deepEqual([fallback.variant, fallback.relaxedRejected], ['simd', 'no k.relaxed-simd.wasm']);
    const none = chooseKernelModule(binaries, fakeHost('never', false));
    assert.equal(none.module, null);
    assert.match(none.module === null ? none.reason : '', /no WebAssembly SIMD/);
  });
});

describe('engine/kernels build: the plain-SIMD fallback derived from matmul.wat', () => {
  const madd = '(f64x2.relaxed_madd (local.get $a) (local.get $b) (local.get $acc))';

  it('rewrites relaxed_madd with local.get operands into add(c, mul(a, b)), comments untouched', () => {
    const text = `;; uses f64x2.relaxed_madd\n(local.set $acc ${madd})`;
    assert.equal(withoutRelaxedSimd(text),
      ';; uses f64x2.relaxed_madd\n(local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $a) (local.get $b))))');
  });

  it('fails loudly, naming the line, on relaxed forms it cannot rewrite', () => {
    const otherOperand = `(local.set $x (i32.const 1))\n(f64x2.relaxed_madd (local.get $a) (v128.load (local.get $p)) (local.get $acc))`;
    assert.throws(() => withoutRelaxedSimd(otherOperand, 'k.wat'), /k\.wat:2: cannot derive the plain-SIMD fallback/);
    assert.throws(() => withoutRelaxedSimd('(f64x2.relaxed_nmadd (local.get $a) (local.get $b) (local.get $c))'), /relaxed_nmadd/);
    assert.throws(() => withoutRelaxedSimd('(i8x16.relaxed_swizzle (local.get $a) (local.get $b))'), /relaxed_swizzle/);
  });

  it('the fallback binary has no relaxed instruction; the FMA binary has one per multiply-add it replaced', async () => {
    const wabt = await wabtInit();
    const noRelaxed = { simd: true, bulk_memory: true, threads: true };
    // as text, read with Relaxed SIMD allowed so both binaries can be disassembled
    const disassemble = (bytes: Uint8Array): string => {
      const module = wabt.readWasm(Uint8Array.from(bytes), { ...noRelaxed, relaxed_simd: true });
      try { return module.toText({}); } finally { module.destroy(); }
    };
    const count = (text: string, op: string) => text.split(op).length - 1;
    const fma = disassemble(binaryOf('relaxed-simd'));
    const simd = disassemble(binaryOf('simd'));
    assert.ok(count(fma, 'f64x2.relaxed_madd') > 0, 'the FMA kernel uses relaxed_madd');
    assert.equal(count(simd, 'relaxed_'), 0);
    assert.equal(count(simd, 'f64x2.mul') - count(fma, 'f64x2.mul'), count(fma, 'f64x2.relaxed_madd'));
    assert.equal(count(simd, 'f64x2.add') - count(fma, 'f64x2.add'), count(fma, 'f64x2.relaxed_madd'));
    // read as a host without Relaxed SIMD would: the fallback passes, the FMA binary (control) does not
    const readWithoutRelaxed = (bytes: Uint8Array) => wabt.readWasm(Uint8Array.from(bytes), noRelaxed).destroy();
    readWithoutRelaxed(binaryOf('simd'));
    assert.throws(() => readWithoutRelaxed(binaryOf('relaxed-simd')), /unexpected opcode/);
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

describe('engine/kernels products with a transposed operand (the adjoints of a product)', () => {
  // Stored as given (bᵀ stored [n×k], aᵀ stored [k×m]); the kernel must agree with the product of the
  // explicitly transposed copy, through the matrix-vector loops (m or n = 1) and the general path.
  const shapes: Array<[number, number, number]> = [[1, 1, 1], [1, 37, 1], [1, 65, 9], [9, 65, 1], [7, 130, 5], [13, 17, 130], [3, 1, 5]];
  const transposed = (x: Float64Array, rows: number, cols: number) => {
    const t = new Float64Array(rows * cols);
    transposeInto(x, t, rows, cols);
    return t;
  };
  for (const [m, k, n] of shapes) {
    it(`a·bᵀ and aᵀ·b agree with the triple loop, (${m}×${k})·(${k}×${n})`, () => {
      const random = seededRandom(m * 1000 + k * 10 + n);
      const a = randomMatrix(m, k, random);
      const b = randomMatrix(k, n, random);
      const { product, scale } = naive(a, b, m, k, n);
      const viaBt = new Float64Array(m * n).fill(Number.NaN);
      matmulTransposedBInto(a, transposed(b, k, n), viaBt, m, k, n);
      const viaAt = new Float64Array(m * n).fill(Number.NaN);
      matmulTransposedAInto(transposed(a, m, k), b, viaAt, m, k, n);
      for (let e = 0; e < m * n; e++) {
        assert.ok(Math.abs(viaBt[e] - product[e]) <= 1e-12 * scale[e], `a·bᵀ element ${e}: ${viaBt[e]} vs ${product[e]}`);
        assert.ok(Math.abs(viaAt[e] - product[e]) <= 1e-12 * scale[e], `aᵀ·b element ${e}: ${viaAt[e]} vs ${product[e]}`);
      }
    });
  }
});

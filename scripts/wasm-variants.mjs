// The two variants of a WebAssembly kernel, from one .wat source written for Relaxed SIMD:
//   'relaxed-simd'  the source as written (f64x2.relaxed_madd: fused multiply-add where the CPU has it);
//   'simd'          for hosts without Relaxed SIMD: each relaxed_madd mechanically rewritten into
//                   f64x2.mul + f64x2.add (withoutRelaxedSimd).
// Used by scripts/assemble-wasm.mjs (build and --stdout) and by the kernel tests. No file access here.

export const VARIANTS = ['relaxed-simd', 'simd'];

// threads: the kernels' memory is shared, so several threads can work on one product.
const FEATURES = {
  'relaxed-simd': { simd: true, bulk_memory: true, threads: true, relaxed_simd: true },
  simd: { simd: true, bulk_memory: true, threads: true },
};

// `(local.get $name)`: the only operand form the rewrite accepts, so moving an operand cannot change
// evaluation order or duplicate side effects.
const LOCAL = String.raw`\(local\.get\s+\$[^\s()]+\)`;
const RELAXED_MADD = new RegExp(String.raw`\(f64x2\.relaxed_madd\s+(${LOCAL})\s+(${LOCAL})\s+(${LOCAL})\s*\)`, 'g');

/** The text with its comments blanked out (newlines kept, so line numbers still match). */
function withoutComments(text) {
  return text
    .replace(/\(;[\s\S]*?;\)/g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/;;[^\n]*/g, '');
}

/**
 * The plain-SIMD twin of a Relaxed SIMD module's text: `(f64x2.relaxed_madd A B C)` with local.get
 * operands becomes `(f64x2.add C (f64x2.mul A B))`. The spec lets relaxed_madd round once (fused) or
 * twice (mul then add), so this is one of its allowed meanings, not an approximation. Throws, naming
 * the line, if any other relaxed_ instruction (or a madd with other operand forms) is left.
 */
export function withoutRelaxedSimd(text, name = 'module') {
  const rewritten = text.replace(RELAXED_MADD, (_, a, b, c) => `(f64x2.add ${c} (f64x2.mul ${a} ${b}))`);
  const lines = withoutComments(rewritten).split('\n');
  const left = lines.findIndex((line) => /\.relaxed_/.test(line));
  if (left >= 0) {
    throw new Error(`${name}:${left + 1}: cannot derive the plain-SIMD fallback: only (f64x2.relaxed_madd (local.get $a) (local.get $b) (local.get $c)) is rewritten, found: ${lines[left].trim()}`);
  }
  return rewritten;
}

/** The binary of one variant of a .wat module, validated (wabt throws on any error). */
export function assembleVariant(wabt, name, text, variant) {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown kernel variant '${variant}' (one of ${VARIANTS.join(', ')})`);
  const source = variant === 'simd' ? withoutRelaxedSimd(text, name) : text;
  // the fallback is parsed without the relaxed_simd feature: a relaxed instruction left in it fails here too
  const module = wabt.parseWat(name, source, FEATURES[variant]);
  try {
    module.validate(FEATURES[variant]);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

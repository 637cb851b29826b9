// Deterministic sampling: the same (file, name) always gets the same values, so notes read the same
// every time they are opened. A string hash seeds a small PRNG (mulberry32).
import { NDArray, type Shape } from '../../engine';

/** FNV-1a over UTF-16 code units: stable across runs and platforms. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: uniform floats in [0, 1) from a 32-bit seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFor(uri: string, name: string): () => number {
  return seededRandom(hashString(`${uri}\u0000${name}`));
}

function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Uniform in [low, high) per entry. */
export function sampleUniform(uri: string, name: string, shape: Shape, low: number, high: number): NDArray {
  const next = randomFor(uri, name);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * next();
  return new NDArray(data, shape);
}

/** Standard normal per entry (Box–Muller), for `randn` in autodiff code. */
export function sampleNormal(uri: string, key: string, shape: Shape): NDArray {
  const next = randomFor(uri, key);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) {
    const u = 1 - next();
    data[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  }
  return new NDArray(data, shape);
}

/** An index in 1..length (a free name used only to pick an entry, like `y` in `h_y`). */
export function sampleIndex(uri: string, name: string, length: number): number {
  return 1 + Math.floor(randomFor(uri, name)() * length);
}

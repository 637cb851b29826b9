// Deterministic sampling: the same (file, name) always gets the same values, so notes read the same
// every time they are opened. A string hash seeds the engine's PRNG (mulberry32).
import { NDArray, seededRandom, normalVector, type Rng, type Shape } from '../../engine';

/** FNV-1a over UTF-16 code units: stable across runs and platforms. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The file part of a URI or path: sampled values follow the note, not the folder it sits in, so a
 * clone in CI, a copy or a moved note shows the same numbers as the author's editor.
 */
export function fileKey(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function randomFor(uri: string, name: string): Rng {
  return seededRandom(hashString(`${fileKey(uri)}\u0000${name}`));
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
  return new NDArray(normalVector(randomFor(uri, key), sizeOf(shape)), shape);
}

/** An index in 1..length (a free name used only to pick an entry, like `y` in `h_y`). */
export function sampleIndex(uri: string, name: string, length: number): number {
  return 1 + Math.floor(randomFor(uri, name)() * length);
}

// NDArray: immutable-by-convention float64 storage with a row-major shape; numpy broadcasting rules.
import { ArgumentError, ShapeError } from './errors';
import { formatShape, SCALAR_SHAPE, Shape, shapeSize, stridesOf } from './shape';

export type { Shape } from './shape';
export type Nested = number | Nested[];

export class NDArray {
  declare readonly shape: Shape;
  declare readonly size: number;
  // A 0-d array made from a number keeps the number itself in `storage` and allocates its Float64Array
  // only when `data` is first read: typed arrays are costly to allocate, and scalar graphs make one per
  // node. Three fields only (ndim is derived): scalar graphs keep one array per node alive.
  // (`declare`: fields come from the constructor's assignments, one hidden class for all arrays.)
  private declare storage: Float64Array | number;

  /** Row-major `data` of length prod(shape); or a number for a 0-d array (storage made on demand). */
  constructor(data: Float64Array | number, shape: Shape) {
    if (typeof data === 'number') {
      if (shape.length !== 0) throw new ShapeError(`NDArray: a number makes a 0-d array, not shape ${formatShape(shape)}`);
      this.storage = data;
      this.shape = shape;
      this.size = 1;
      return;
    }
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new ShapeError(`NDArray: ${data.length} values do not fill shape ${formatShape(shape)} (${size} needed)`);
    }
    this.storage = data;
    this.shape = shape;
    this.size = size;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get data(): Float64Array {
    const storage = this.storage;
    if (typeof storage !== 'number') return storage;
    const data = new Float64Array(1);
    data[0] = storage;
    this.storage = data;
    return data;
  }

  /** The first value without materialising storage (the value of a 0-d array). */
  first(): number {
    const storage = this.storage;
    return typeof storage === 'number' ? storage : storage[0];
  }

  static scalar(x: number): NDArray {
    return new NDArray(x, SCALAR_SHAPE);
  }

  static from(x: Nested): NDArray {
    if (typeof x === 'number') return NDArray.scalar(x);
    const shape: number[] = [];
    let probe: Nested = x;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      if (probe.length === 0) break;
      probe = probe[0];
    }
    const data = new Float64Array(shapeSize(shape));
    let k = 0;
    const fill = (v: Nested, depth: number, path: string): void => {
      if (depth === shape.length) {
        if (typeof v !== 'number') throw new ShapeError(`NDArray.from: ragged nested array at ${path}: expected a number, got a list`);
        data[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        const got = Array.isArray(v) ? `length ${v.length}` : 'a number';
        throw new ShapeError(`NDArray.from: ragged nested array at ${path}: expected length ${shape[depth]}, got ${got}`);
      }
      for (let i = 0; i < v.length; i++) fill(v[i], depth + 1, `${path}[${i}]`);
    };
    fill(x, 0, 'root');
    return new NDArray(data, shape);
  }

  static zeros(shape: Shape): NDArray {
    if (shape.length === 0) return NDArray.scalar(0);
    return new NDArray(new Float64Array(shapeSize(shape)), shape);
  }

  static ones(shape: Shape): NDArray {
    return NDArray.full(shape, 1);
  }

  static full(shape: Shape, v: number): NDArray {
    if (shape.length === 0) return NDArray.scalar(v);
    return new NDArray(new Float64Array(shapeSize(shape)).fill(v), shape);
  }

  item(): number {
    if (this.size !== 1) throw new ShapeError(`item: array of shape ${formatShape(this.shape)} has ${this.size} values, not 1`);
    return this.first();
  }

  get(...idx: number[]): number {
    if (idx.length !== this.ndim) {
      throw new ArgumentError(`get: ${idx.length} indices for array of shape ${formatShape(this.shape)}`);
    }
    const strides = stridesOf(this.shape);
    let offset = 0;
    for (let i = 0; i < idx.length; i++) {
      const n = this.shape[i];
      const j = idx[i] < 0 ? idx[i] + n : idx[i];
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new ArgumentError(`get: index ${idx[i]} out of range for axis ${i} of shape ${formatShape(this.shape)} (valid: ${-n}..${n - 1})`);
      }
      offset += j * strides[i];
    }
    return this.data[offset];
  }

  toNested(): Nested {
    if (this.ndim === 0) return this.first();
    let k = 0;
    const build = (depth: number): Nested[] => {
      const out: Nested[] = new Array(this.shape[depth]);
      for (let i = 0; i < out.length; i++) out[i] = depth === this.ndim - 1 ? this.data[k++] : build(depth + 1);
      return out;
    };
    return build(0);
  }
}

/** numpy broadcasting of two shapes; `context` (an op name) prefixes the error message. */
export function broadcastShapes(a: Shape, b: Shape, context = 'broadcast'): Shape {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${context}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast (axis ${i - n}: ${da} vs ${db})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

type NumericArray = Float64Array | Float32Array | Uint32Array | Int32Array;
type NumericArrayConstructor<T extends NumericArray> = new (length: number) => T;

/** An append-only typed array that doubles its capacity when full (no per-item allocation). */
export class Growable<T extends NumericArray> {
  array: T;
  length = 0;

  constructor(
    private readonly Ctor: NumericArrayConstructor<T>,
    capacity: number,
  ) {
    this.array = new Ctor(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.array.length) this.grow(this.length + 1);
    this.array[this.length++] = value;
  }

  /** Makes room for `extra` more items. */
  reserve(extra: number): void {
    if (this.length + extra > this.array.length) this.grow(this.length + extra);
  }

  /** The items as an exact-length array (shares the buffer when it is exactly full). */
  result(): T {
    if (this.length === this.array.length) return this.array;
    return this.array.slice(0, this.length) as T;
  }

  private grow(needed: number): void {
    const bigger = new this.Ctor(Math.max(needed, this.array.length * 2));
    bigger.set(this.array as ArrayLike<number>);
    this.array = bigger;
  }
}

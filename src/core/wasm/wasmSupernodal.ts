import { instantiateWithMemory, KernelModule, MemoryLayout } from './compileModule';
import { SUPERNODAL_WASM_BASE64 } from './supernodal.wasm';

/**
 * The multifrontal numeric factorisation of SupernodalLdlt in WebAssembly (supernodal.wat: one call
 * factors the whole matrix; f64x2 SIMD over the rows of each dense front). It gives the same bits as the
 * JavaScript kernel. Each factorisation object gets its own instance, whose memory holds the symbolic
 * structure, the factor (`values`, `d`: views that the solves read directly, so nothing is copied
 * back), the front and the update-matrix stack; it is grown once, so the views stay valid.
 */
export interface SupernodalKernel {
  /** L's dense blocks (a view into the module's memory). */
  readonly values: Float64Array;
  /** The pivots (n; a view into the module's memory). */
  readonly d: Float64Array;
  /** Factors A (upper-triangle values on the permuted pattern); −1, or the first unusable pivot's column. */
  factor(a: Float64Array): number;
  /** L's blocks rounded to float32, filled by the caller (a view into the module's memory). */
  readonly values32: Float32Array;
  /** Solves L·D·Lᵀ x = b in place with the current factor (b: n×3 interleaved); L from `values32` if asked. */
  solve3(b: Float64Array, float32: boolean): void;
  /**
   * As `factor`, with A in the caller's numbering: slot p of `values` goes to slot slotMap[p] of the
   * permuted pattern (scattered in WebAssembly). `slotMap` is copied in on its first use and then
   * remembered by identity, so it must not change afterwards (SparseSolver's never does).
   */
  factorScattered(values: Float64Array, slotMap: Int32Array): number;
  /**
   * As `solve3`, with b and x (n×3) in the caller's numbering (perm[new] = old; remembered like
   * `slotMap`); b and x may be the same array.
   */
  solvePermuted3(b: Float64Array, x: Float64Array, perm: Int32Array, float32: boolean): void;
  /**
   * Conjugate gradients for A·x = b (3 columns, the caller's numbering; A: upper-triangle `values` on
   * the pattern colPtr/rowIdx, remembered by identity like `slotMap`), preconditioned with `values32`
   * (which the caller has filled) through `perm`; x holds the first guess. SparseSolver.solveIterative's
   * arithmetic, operation for operation.
   */
  conjugateGradients3(
    colPtr: Int32Array,
    rowIdx: Int32Array,
    values: Float64Array,
    b: Float64Array,
    x: Float64Array,
    perm: Int32Array,
    tol: number,
    maxIterations: number,
  ): { iterations: number; residual: number };
}

/** The symbolic structure the kernel needs (SupernodalLdlt's fields; see its comments). */
export interface SupernodalStructure {
  n: number;
  nnzA: number;
  first: Int32Array;
  rowPtr: Int32Array;
  rows: Int32Array;
  valPtr: Int32Array;
  assemblyPtr: Int32Array;
  assemblySlot: Int32Array;
  assemblyOffset: Int32Array;
  relPtr: Int32Array;
  relIndex: Int32Array;
  childPtr: Int32Array;
  childList: Int32Array;
  valuesLength: number;
  frontLength: number;
  stackLength: number;
  /** Scratch of the solves: 3 × the largest front's rows. */
  gatherLength: number;
}

type FactorExport = (
  S: number,
  first: number,
  rowPtr: number,
  valPtr: number,
  assemblyPtr: number,
  assemblySlot: number,
  assemblyOffset: number,
  relPtr: number,
  relIndex: number,
  childPtr: number,
  childList: number,
  a: number,
  d: number,
  values: number,
  front: number,
  stack: number,
) => number;

type Solve3Export = (
  S: number,
  n: number,
  first: number,
  rowPtr: number,
  rows: number,
  valPtr: number,
  values: number,
  d: number,
  b: number,
  t: number,
) => void;

const kernelModule = new KernelModule(SUPERNODAL_WASM_BASE64);

/** The kernel for this structure, or null where WebAssembly (with SIMD) is missing or it would not fit. */
export function supernodalKernel(st: SupernodalStructure): SupernodalKernel | null {
  const compiled = kernelModule.get();
  if (!compiled) return null;
  // Layout: the int32 arrays, then the float64 arrays, each 16-byte aligned.
  const layout = new MemoryLayout();
  const place = (length: number, size: number): number => layout.place(length, size);
  const ints = [
    st.first,
    st.rowPtr,
    st.valPtr,
    st.rows,
    st.assemblyPtr,
    st.assemblySlot,
    st.assemblyOffset,
    st.relPtr,
    st.relIndex,
    st.childPtr,
    st.childList,
  ];
  const intAt = ints.map((array) => place(array.length, 4));
  const aAt = place(st.nnzA, 8);
  const dAt = place(st.n, 8);
  const valuesAt = place(st.valuesLength, 8);
  const frontAt = place(st.frontLength, 8);
  const stackAt = place(st.stackLength, 8);
  const values32At = place(st.valuesLength, 4);
  const bAt = place(3 * st.n, 8);
  const tAt = place(st.gatherLength, 8);
  const rawAt = place(st.nnzA, 8);
  const slotMapAt = place(st.nnzA, 4);
  const permAt = place(st.n, 4);
  const ioAt = place(3 * st.n, 8);
  // Conjugate gradients: A's pattern and values in the caller's numbering, b, x, r, z, p, q, scalars.
  const colPtrAt = place(st.n + 1, 4);
  const rowIdxAt = place(st.nnzA, 4);
  const aOrigAt = place(st.nnzA, 8);
  const cgBAt = place(3 * st.n, 8);
  const cgXAt = place(3 * st.n, 8);
  const cgWorkAt = place(4 * 3 * st.n, 8);
  const cgScalarsAt = place(16, 8);
  const instance = instantiateWithMemory(compiled, layout.bytes);
  if (!instance) return null;
  const { exports, memory } = instance;
  const factor = exports.factor as FactorExport;
  const solve3 = exports.solve3 as Solve3Export;
  const solve3f32 = exports.solve3f32 as Solve3Export;
  const scatterSlots = exports.scatterSlots as (
    values: number,
    slotMap: number,
    nnz: number,
    a: number,
  ) => void;
  type RowsExport = (src: number, perm: number, n: number, dst: number) => void;
  const gatherRows3 = exports.gatherRows3 as RowsExport;
  const scatterRows3 = exports.scatterRows3 as RowsExport;
  const pcg3 = exports.pcg3 as (...args: number[]) => number;
  const buffer = memory.buffer;
  ints.forEach((array, q) => new Int32Array(buffer, intAt[q], array.length).set(array));
  const a = new Float64Array(buffer, aAt, st.nnzA);
  const S = st.first.length - 1;
  const b = new Float64Array(buffer, bAt, 3 * st.n);
  const raw = new Float64Array(buffer, rawAt, st.nnzA);
  const io = new Float64Array(buffer, ioAt, 3 * st.n);
  let slotMapIn: Int32Array | null = null;
  let permIn: Int32Array | null = null;
  let colPtrIn: Int32Array | null = null;
  const aOrig = new Float64Array(buffer, aOrigAt, st.nnzA);
  const cgB = new Float64Array(buffer, cgBAt, 3 * st.n);
  const cgX = new Float64Array(buffer, cgXAt, 3 * st.n);
  const cgScalars = new Float64Array(buffer, cgScalarsAt, 16);
  const usePerm = (perm: Int32Array): void => {
    if (perm !== permIn) {
      new Int32Array(buffer, permAt, st.n).set(perm);
      permIn = perm;
    }
  };
  const [
    first,
    rowPtr,
    valPtr,
    rows,
    assemblyPtr,
    assemblySlot,
    assemblyOffset,
    relPtr,
    relIndex,
    childPtr,
    childList,
  ] = intAt;
  return {
    values: new Float64Array(buffer, valuesAt, st.valuesLength),
    d: new Float64Array(buffer, dAt, st.n),
    values32: new Float32Array(buffer, values32At, st.valuesLength),
    factor(values) {
      a.set(values.subarray(0, st.nnzA));
      return factorA();
    },
    factorScattered(values, slotMap) {
      if (slotMap !== slotMapIn) {
        new Int32Array(buffer, slotMapAt, st.nnzA).set(slotMap.subarray(0, st.nnzA));
        slotMapIn = slotMap;
      }
      raw.set(values.subarray(0, st.nnzA));
      scatterSlots(rawAt, slotMapAt, st.nnzA, aAt);
      return factorA();
    },
    solve3(x, float32) {
      b.set(x.subarray(0, 3 * st.n));
      solveB(float32);
      x.set(b);
    },
    solvePermuted3(bIn, x, perm, float32) {
      usePerm(perm);
      io.set(bIn.subarray(0, 3 * st.n));
      gatherRows3(ioAt, permAt, st.n, bAt);
      solveB(float32);
      scatterRows3(bAt, permAt, st.n, ioAt);
      x.set(io);
    },
    conjugateGradients3(colPtr, rowIdx, values, b, x, perm, tol, maxIterations) {
      usePerm(perm);
      if (colPtr !== colPtrIn) {
        new Int32Array(buffer, colPtrAt, st.n + 1).set(colPtr);
        new Int32Array(buffer, rowIdxAt, st.nnzA).set(rowIdx.subarray(0, st.nnzA));
        colPtrIn = colPtr;
      }
      aOrig.set(values.subarray(0, st.nnzA));
      cgB.set(b.subarray(0, 3 * st.n));
      cgX.set(x.subarray(0, 3 * st.n));
      const iterations = pcg3(
        st.n,
        colPtrAt,
        rowIdxAt,
        aOrigAt,
        cgBAt,
        cgXAt,
        cgWorkAt,
        cgScalarsAt,
        tol,
        maxIterations,
        S,
        first,
        rowPtr,
        rows,
        valPtr,
        values32At,
        dAt,
        permAt,
        bAt,
        tAt,
      );
      x.set(cgX);
      return { iterations, residual: cgScalars[15] };
    },
  };

  function solveB(float32: boolean): void {
    if (float32) solve3f32(S, st.n, first, rowPtr, rows, valPtr, values32At, dAt, bAt, tAt);
    else solve3(S, st.n, first, rowPtr, rows, valPtr, valuesAt, dAt, bAt, tAt);
  }

  function factorA(): number {
    return factor(
      S,
      first,
      rowPtr,
      valPtr,
      assemblyPtr,
      assemblySlot,
      assemblyOffset,
      relPtr,
      relIndex,
      childPtr,
      childList,
      aAt,
      dAt,
      valuesAt,
      frontAt,
      stackAt,
    );
  }
}

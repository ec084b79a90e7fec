import { instantiateWithMemory, KernelModule, MemoryLayout } from './compileModule';
import { FLOWSTEP_WASM_BASE64 } from './flowStep.wasm';

/**
 * The per-step mesh work of the cMCF flow in WebAssembly (flowStep.wat): the FEM mass matrix added to
 * the stiffness, M·x, the normalisation to unit area and the radial deviation (and, once, the cotangent
 * stiffness), with the same bits as the
 * JavaScript functions (operators.ts, normalize.ts). The flow's arrays live in the module's memory (the
 * typed arrays below are views into it, grown once, so they stay valid), so nothing is copied per step.
 */
export interface FlowStepKernel {
  /** Positions #V×3. */
  readonly x: Float64Array;
  /** Right-hand side #V×3. */
  readonly rhs: Float64Array;
  /** Face areas #F. */
  readonly areas: Float64Array;
  /** Barycentric vertex areas #V (scratch of `radialDeviation`). */
  readonly weights: Float64Array;
  /** t·L₀ on the mesh pattern (nnz). */
  readonly stiffness: Float64Array;
  /** The step's system M + t·L₀ (nnz). */
  readonly system: Float64Array;
  /** normalizeToUnitArea(x, indices, areas); returns the area before scaling. */
  normalize(): number;
  /** radialDeviation(x, indices, areas, weights). */
  radialDeviation(): number;
  /** system = stiffness + M (FEM mass of `areas`). */
  assembleFemMass(): void;
  /** rhs = M·x (FEM mass of `areas`). */
  multiplyFemMass(): void;
  /** stiffness += scale·L, the cotangent stiffness of x (operators.ts addStiffness). */
  addStiffness(scale: number): void;
}

const kernelModule = new KernelModule(FLOWSTEP_WASM_BASE64);

/**
 * The kernel for a mesh (indices #F×3; the mesh pattern's edge slots #F×3 and diagonal slots #V, and
 * its nnz), or null where WebAssembly is missing or the mesh would not fit.
 */
export function flowStepKernel(
  indices: Uint32Array,
  vertexCount: number,
  edgeSlots: Int32Array,
  diagSlots: Int32Array,
  nnz: number,
): FlowStepKernel | null {
  const compiled = kernelModule.get();
  if (!compiled) return null;
  const n = vertexCount;
  const F = indices.length / 3;
  const layout = new MemoryLayout();
  const indicesAt = layout.place(3 * F, 4);
  const edgeSlotsAt = layout.place(3 * F, 4);
  const diagSlotsAt = layout.place(n, 4);
  const xAt = layout.place(3 * n, 8);
  const rhsAt = layout.place(3 * n, 8);
  const areasAt = layout.place(F, 8);
  const weightsAt = layout.place(n, 8);
  const stiffnessAt = layout.place(nnz, 8);
  const systemAt = layout.place(nnz, 8);
  const instance = instantiateWithMemory(compiled, layout.bytes);
  if (!instance) return null;
  const { exports, memory } = instance;
  const buffer = memory.buffer;
  new Uint32Array(buffer, indicesAt, 3 * F).set(indices);
  new Int32Array(buffer, edgeSlotsAt, 3 * F).set(edgeSlots.subarray(0, 3 * F));
  new Int32Array(buffer, diagSlotsAt, n).set(diagSlots);
  const normalize = exports.normalize as (
    x: number,
    ix: number,
    areas: number,
    F: number,
    n: number,
  ) => number;
  const radialDeviation = exports.radialDeviation as (
    x: number,
    ix: number,
    areas: number,
    weights: number,
    F: number,
    n: number,
  ) => number;
  const assembleFemMass = exports.assembleFemMass as (
    stiffness: number,
    system: number,
    nnz: number,
    areas: number,
    ix: number,
    edgeSlots: number,
    diagSlots: number,
    F: number,
  ) => void;
  const multiplyFemMass = exports.multiplyFemMass as (
    areas: number,
    ix: number,
    x: number,
    out: number,
    F: number,
    n: number,
  ) => void;
  const addStiffness = exports.addStiffness as (
    x: number,
    ix: number,
    edgeSlots: number,
    diagSlots: number,
    F: number,
    scale: number,
    values: number,
  ) => void;
  return {
    x: new Float64Array(buffer, xAt, 3 * n),
    rhs: new Float64Array(buffer, rhsAt, 3 * n),
    areas: new Float64Array(buffer, areasAt, F),
    weights: new Float64Array(buffer, weightsAt, n),
    stiffness: new Float64Array(buffer, stiffnessAt, nnz),
    system: new Float64Array(buffer, systemAt, nnz),
    normalize: () => normalize(xAt, indicesAt, areasAt, F, n),
    radialDeviation: () => radialDeviation(xAt, indicesAt, areasAt, weightsAt, F, n),
    assembleFemMass: () =>
      assembleFemMass(stiffnessAt, systemAt, nnz, areasAt, indicesAt, edgeSlotsAt, diagSlotsAt, F),
    multiplyFemMass: () => multiplyFemMass(areasAt, indicesAt, xAt, rhsAt, F, n),
    addStiffness: (scale) => addStiffness(xAt, indicesAt, edgeSlotsAt, diagSlotsAt, F, scale, stiffnessAt),
  };
}

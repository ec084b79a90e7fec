import type { Mesh } from '../mesh/Mesh';
import { CancelledError } from '../plugin/Job';
import { intrinsicDelaunay } from '../geometry/intrinsicDelaunay';
import { meshPattern, type MeshPattern } from '../geometry/meshPattern';
import {
  addMass,
  addStiffness,
  addStiffnessFromLengths,
  multiplyMass,
  type MassKind,
} from '../geometry/operators';
import { faceAreas, signedVolume, vertexAreas } from '../geometry/triangles';
import { NotPositiveDefiniteError } from '../sparse/LdltFactor';
import { SparseSolver } from '../sparse/SparseSolver';
import { kernelModulesReady } from '../wasm/compileModule';
import { flowStepKernel, type FlowStepKernel } from '../wasm/wasmFlowStep';
import type { SupernodalKernelChoice } from '../sparse/SupernodalLdlt';
import { measureSphereMap, type SphereMapFaceValues, type SphereMapQuality } from './distortion';
import { mobiusCentre } from './mobiusCentring';
import { normalizeToUnitArea, radialDeviation } from './normalize';
import { untangleSphereMap } from './untangle';

/**
 * How the flow solves each step's system (M_k + t·L₀) x′ = M_k x_k:
 * - 'refactor': numeric LDLᵀ of every step's matrix, then triangular solves (what the reference does);
 * - 'reuse': keep the last factor and solve by conjugate gradients preconditioned with it, refactoring
 *   when, by a cost model in multiply-adds, a fresh factor is the better deal (the default);
 * - 'stale': always PCG with the first factor, refactoring only if PCG fails to converge in 50
 *   iterations (deterministic; for tests and measurements).
 */
export type StepSolver = 'refactor' | 'reuse' | 'stale';

export interface SphericalOptions {
  /** Flow time step t (on the unit-area surface). */
  timeStep: number;
  maxSteps: number;
  /** Stop when the radial deviation is at most this. */
  tolerance: number;
  mass: MassKind;
  /**
   * L₀: 'cotan' — the mesh's own cotangent Laplacian (mesh2sh, the reference); 'intrinsic-delaunay' —
   * the cotangent Laplacian of the mesh's intrinsic Delaunay triangulation (same metric, no negative
   * weights), which can keep thin features from folding over.
   */
  laplacian: 'cotan' | 'intrinsic-delaunay';
  /** Möbius-centre the sphere map so the input's area centroid lands at the origin. */
  mobiusCentring: boolean;
  /**
   * Unfold triangles the flow folded over (where the cotangent Laplacian has negative weights), by
   * relaxing only the vertices around them (see untangle.ts). A map without folds is unchanged.
   */
  unfold: boolean;
  stepSolver: StepSolver;
  /** Relative residual each iterative solve reaches (per coordinate), for 'reuse'. */
  iterativeTolerance: number;
  /**
   * Where the numeric work runs (factorisation, solves, the per-step mesh work): 'auto' in WebAssembly
   * where the runtime has it, 'js' in JavaScript (same results to the bit; kept for comparisons and
   * runtimes without WebAssembly).
   */
  kernel: SupernodalKernelChoice;
}

/**
 * The cost model behind 'reuse', in multiply-adds: a multiply-add of a triangular solve or a
 * matrix-vector product counts as 4 of the factorisation's. The factorisation runs on dense blocks;
 * the solves are bound by memory, and more so the bigger the factor. Measured (time per multiply-add,
 * solve over factorisation): human_man about 2, bunny_hr 2, the 140k mesh about 5; 4 keeps PCG off
 * where it barely pays and on where it clearly does (see docs/spherical.md).
 */
const SOLVE_WEIGHT = 4;
/** PCG needs a few iterations even with a fresh factor; below this break-even it never pays. */
const MIN_USEFUL_ITERATIONS = 3;
/** Iterations assumed for PCG with a one-step-old factor before any was measured. */
const FIRST_ITERATION_GUESS = 4;
/** After PCG lost to refactoring, try it again this many steps later (the flow slows down). */
const RETRY_PCG_AFTER = 10;

export const defaultSphericalOptions: SphericalOptions = {
  timeStep: 0.05,
  maxSteps: 100,
  tolerance: 1e-3,
  mass: 'fem',
  laplacian: 'cotan',
  mobiusCentring: false,
  unfold: true,
  stepSolver: 'reuse',
  iterativeTolerance: 1e-10,
  kernel: 'auto',
};

/** Reported after every flow step. */
export interface FlowStep {
  step: number;
  maxSteps: number;
  radialDeviation: number;
  /** Whether this step factored its own matrix (false: solved by PCG with an older factor). */
  refactored: boolean;
  /** PCG iterations of this step (0 for a direct solve). */
  iterations: number;
}

export interface SphericalMetrics extends SphereMapQuality {
  steps: number;
  converged: boolean;
  /** Radial deviation of the flowed surface at the last step. */
  radialDeviation: number;
  /** Wall time of the flow from normalisation to projection (the reference's total_s), plus centring. */
  seconds: number;
  /** Time inside the flow's numeric factorisations and solves. */
  factorSeconds: number;
  solveSeconds: number;
  /** Time of the (optional) Möbius centring. */
  centringSeconds: number;
  factorizations: number;
  pcgIterations: number;
  /** Nonzeros of the factor L (strictly lower part). */
  factorNonzeros: number;
  /** |area centroid| after centring (NaN when centring is off). */
  centroidAfterCentring: number;
  /** Triangles the flow folded over, before unfolding (flippedTriangles counts those left after it). */
  foldedByFlow: number;
  /** Vertices moved to unfold them (0 when nothing was folded or unfolding is off). */
  unfoldedVertices: number;
}

export interface SphericalResult {
  /** #V×3 unit vectors: where each vertex lands on the sphere. */
  sphere: Float64Array;
  metrics: SphericalMetrics;
  /** Per-face distortions (#F each), for colour maps. */
  faces: SphereMapFaceValues;
}

/**
 * Maps a closed genus-0 triangle mesh conformally onto the unit sphere by conformalized mean
 * curvature flow (Kazhdan, Solomon & Ben-Chen 2012): each step solves (M_k + t·L₀) x_{k+1} = M_k x_k
 * with L₀ the cotangent stiffness of the input and M_k the mass matrix of the current surface, then
 * re-centres and rescales to unit area; it stops when the radial deviation ≤ tolerance or after
 * maxSteps, and projects x/|x| onto the sphere. Computes in float64 throughout (sphere maps of
 * limbs reach edges of 1e-13, which float32 collapses).
 *
 * The caller checks the topology (closed, manifold, one component, genus 0); this function only
 * requires a mesh without unused vertices so the system is positive definite.
 * `onStep` is awaited after each step (a job reports progress and yields there); `signal` cancels
 * between steps with CancelledError.
 */
export async function sphericalParametrize(
  mesh: Mesh,
  options: Partial<SphericalOptions> = {},
  onStep?: (step: FlowStep) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<SphericalResult> {
  const opts = { ...defaultSphericalOptions, ...options };
  const indices = mesh.indices;
  const n = mesh.positions.length / 3;
  const faceCount = indices.length / 3;
  if (faceCount === 0 || n === 0) throw new Error('the mesh has no faces');
  const t0 = performance.now();
  // The kernels' modules compile in the background from when they are imported; usually done by now.
  if (opts.kernel === 'auto') await kernelModulesReady();

  // Normalised input and its stiffness L₀ (built once; scale-invariant in 2D anyway). The per-step
  // mesh work (mass, M·x, normalisation, radial deviation) and the cotangent L₀ run in WebAssembly
  // where the runtime has it: same bits as the JavaScript functions, on arrays in the module's memory.
  const wasmFlow = opts.kernel === 'auto' && opts.mass === 'fem';
  let flow: FlowStepKernel | null = null;
  let x: Float64Array = Float64Array.from(mesh.positions);
  let areas: Float64Array = new Float64Array(faceCount);
  let weights: Float64Array = new Float64Array(n);
  let mp: MeshPattern;
  let stiffness: Float64Array;
  if (opts.laplacian === 'intrinsic-delaunay') {
    normalizeToUnitArea(x, indices, areas);
    // One pattern for both triangulations: the mesh's faces (mass) and the intrinsic ones (L₀).
    const intrinsic = intrinsicDelaunay(x, indices);
    const both = new Uint32Array(2 * indices.length);
    both.set(indices);
    both.set(intrinsic.faces, indices.length);
    const combined = meshPattern(both, n);
    mp = {
      pattern: combined.pattern,
      diagSlots: combined.diagSlots,
      edgeSlots: combined.edgeSlots.subarray(0, indices.length),
    };
    stiffness = new Float64Array(mp.pattern.nnz);
    addStiffnessFromLengths(
      combined.edgeSlots.subarray(indices.length),
      mp.diagSlots,
      intrinsic.faces,
      intrinsic.lengths,
      stiffness,
      opts.timeStep,
    );
    flow = wasmFlow ? flowStepKernel(indices, n, mp.edgeSlots, mp.diagSlots, mp.pattern.nnz) : null;
    if (flow) {
      flow.x.set(x);
      flow.areas.set(areas);
      flow.stiffness.set(stiffness);
    }
  } else {
    mp = meshPattern(indices, n);
    flow = wasmFlow ? flowStepKernel(indices, n, mp.edgeSlots, mp.diagSlots, mp.pattern.nnz) : null;
    if (flow) {
      flow.x.set(x);
      flow.normalize();
      flow.addStiffness(opts.timeStep);
      stiffness = flow.stiffness;
    } else {
      normalizeToUnitArea(x, indices, areas);
      stiffness = new Float64Array(mp.pattern.nnz);
      addStiffness(mp, x, indices, stiffness, opts.timeStep);
    }
  }
  const nnz = mp.pattern.nnz;
  const system = flow ? flow.system : new Float64Array(nnz);
  const rhs = flow ? flow.rhs : new Float64Array(3 * n);
  if (flow) ({ x, areas, weights } = flow);
  const solver = new SparseSolver(mp.pattern, 'auto', 'supernodal', opts.kernel);

  let rd = flow ? flow.radialDeviation() : radialDeviation(x, indices, areas, weights);
  let steps = 0;
  let factorizations = 0;
  let pcgIterations = 0;
  let factorSeconds = 0;
  let solveSeconds = 0;
  let haveFactor = false;
  // 'reuse' decides by a deterministic cost model (so a run's result never depends on the machine's
  // load): a step solved by PCG costs its iterations × one iteration (a preconditioning solve and a
  // product with the matrix), a refactored step a factorisation and a solve.
  const solveCost = SOLVE_WEIGHT * 2 * 3 * solver.nnzL;
  const iterationCost = solveCost + SOLVE_WEIGHT * 2 * 3 * nnz;
  const breakEven = (solver.factorFlops + solveCost) / iterationCost;
  let freshIterations = FIRST_ITERATION_GUESS; // iterations of the last PCG step with a one-step-old factor
  let lastIterations = 0; // iterations of the previous step (0: it refactored)
  let stepsSincePcg = 0;
  while (!(rd <= opts.tolerance) && steps < opts.maxSteps) {
    if (signal?.aborted) throw new CancelledError();
    // A = M(x_k) + t·L₀, b = M(x_k)·x_k (`areas` are x_k's, from the normalisation).
    if (flow) {
      flow.assembleFemMass();
      flow.multiplyFemMass();
    } else {
      system.set(stiffness);
      addMass(mp, areas, indices, opts.mass, system);
      multiplyMass(areas, indices, opts.mass, x, rhs);
    }

    let refactored = false;
    let iterations = 0;
    // 'reuse': PCG with the last factor while the iterations it is expected to need (as many as last
    // step's, which grow as the factor ages; after a refactoring, as many as the last PCG step with a
    // fresh factor) stay below the break-even; never where a factorisation costs less than a few
    // iterations (small meshes).
    const expected = lastIterations > 0 ? lastIterations : freshIterations;
    const refactor =
      !haveFactor ||
      opts.stepSolver === 'refactor' ||
      (opts.stepSolver === 'reuse' &&
        (breakEven < MIN_USEFUL_ITERATIONS ||
          (expected >= breakEven && !(lastIterations === 0 && stepsSincePcg >= RETRY_PCG_AFTER))));
    if (!refactor) {
      // x_k is a good first guess for x_{k+1}.
      const tSolve = performance.now();
      const report = solver.solveIterative(system, rhs, x, 3, opts.iterativeTolerance, 50);
      solveSeconds += (performance.now() - tSolve) / 1000;
      iterations = report.iterations;
      pcgIterations += iterations;
      if (lastIterations === 0) freshIterations = iterations;
      if (!report.converged) {
        // The stale factor is too far off: fall back to a fresh one for this step.
        refactoredSolve();
      }
    } else refactoredSolve();
    function refactoredSolve(): void {
      const tFactor = performance.now();
      try {
        solver.factor(system);
      } catch (error) {
        if (error instanceof NotPositiveDefiniteError) {
          throw new Error(
            `the flow's system became singular at step ${steps + 1} (degenerate or collapsed triangles?); ` +
              'try Inspect & Repair, or a smaller time step',
          );
        }
        throw error;
      }
      const tSolve = performance.now();
      solver.solve(rhs, x, 3);
      factorSeconds += (tSolve - tFactor) / 1000;
      solveSeconds += (performance.now() - tSolve) / 1000;
      factorizations++;
      haveFactor = true;
      refactored = true;
    }

    lastIterations = refactored ? 0 : iterations;
    stepsSincePcg = refactored ? stepsSincePcg + 1 : 0;
    if (flow) {
      flow.normalize();
      rd = flow.radialDeviation();
    } else {
      normalizeToUnitArea(x, indices, areas);
      rd = radialDeviation(x, indices, areas, weights);
    }
    steps++;
    if (!Number.isFinite(rd)) throw new Error(`the flow diverged (non-finite positions) at step ${steps}`);
    await onStep?.({ step: steps, maxSteps: opts.maxSteps, radialDeviation: rd, refactored, iterations });
  }
  if (signal?.aborted) throw new CancelledError();

  // A copy when x is a view into WebAssembly memory (the result is transferred between threads).
  const sphere = flow ? x.slice() : x;
  for (let i = 0; i < n; i++) {
    const len = Math.sqrt(sphere[3 * i] ** 2 + sphere[3 * i + 1] ** 2 + sphere[3 * i + 2] ** 2);
    sphere[3 * i] /= len;
    sphere[3 * i + 1] /= len;
    sphere[3 * i + 2] /= len;
  }
  const unfolded = opts.unfold
    ? untangleSphereMap(mesh.positions, sphere, indices, signedVolume(mesh.positions, indices) >= 0 ? 1 : -1)
    : null;
  const flowEnd = performance.now();
  let centroidAfterCentring = NaN;
  if (opts.mobiusCentring) {
    const inputAreas = faceAreas(mesh.positions, indices, new Float64Array(faceCount));
    centroidAfterCentring = mobiusCentre(sphere, vertexAreas(indices, inputAreas, n)).centroidNorm;
  }
  const centringSeconds = (performance.now() - flowEnd) / 1000;
  const seconds = (performance.now() - t0) / 1000;

  const faces: SphereMapFaceValues = {
    angleDistortion: new Float64Array(faceCount),
    areaDistortion: new Float64Array(faceCount),
  };
  const quality = measureSphereMap(mesh.positions, sphere, indices, faces);
  return {
    sphere,
    faces,
    metrics: {
      steps,
      converged: rd <= opts.tolerance,
      radialDeviation: rd,
      seconds,
      factorSeconds,
      solveSeconds,
      centringSeconds,
      factorizations,
      pcgIterations,
      factorNonzeros: solver.nnzL,
      centroidAfterCentring,
      foldedByFlow: unfolded ? unfolded.flippedBefore : quality.flippedTriangles,
      unfoldedVertices: unfolded ? unfolded.movedVertices : 0,
      ...quality,
    },
  };
}

import type { Mesh } from '../Mesh';
import { DEFAULT_DEGENERATE_TOLERANCE } from '../faceChecks';
import { DEFAULT_MAX_HOLE_EDGES, fillHoles } from './fillHoles';
import { orientFaces } from './orientFaces';
import { removeDegenerateFaces } from './removeDegenerateFaces';
import { removeDuplicateFaces } from './removeDuplicateFaces';
import { removeSmallComponents } from './removeSmallComponents';
import { removeUnusedVertices } from './removeUnusedVertices';
import type { RepairReport, RepairResult } from './RepairReport';
import { splitNonManifold } from './splitNonManifold';
import { DEFAULT_WELD_TOLERANCE, weldVertices } from './weldVertices';

/** Which steps `repairMesh` runs and their settings; every field is optional (see DEFAULT_REPAIR_OPTIONS). */
export interface RepairOptions {
  weld: boolean;
  /** Relative to the bbox diagonal. */
  weldTolerance: number;
  removeDegenerate: boolean;
  /** Relative to the bbox diagonal: faces thinner than this are degenerate. */
  degenerateTolerance: number;
  removeDuplicates: boolean;
  removeSmallComponents: boolean;
  /** With removeSmallComponents: pieces with fewer faces go. */
  minComponentFaces: number;
  keepLargestComponent: boolean;
  splitNonManifold: boolean;
  orient: boolean;
  /** With orient: closed pieces get positive volume (normals out). */
  orientOutward: boolean;
  fillHoles: boolean;
  maxHoleEdges: number;
  removeUnused: boolean;
}

/**
 * The safe default: everything that fixes topology without throwing away surface, i.e. all steps but the
 * component removals (a user asks for those explicitly).
 */
export const DEFAULT_REPAIR_OPTIONS: RepairOptions = {
  weld: true,
  weldTolerance: DEFAULT_WELD_TOLERANCE,
  removeDegenerate: true,
  degenerateTolerance: DEFAULT_DEGENERATE_TOLERANCE,
  removeDuplicates: true,
  removeSmallComponents: false,
  minComponentFaces: 10,
  keepLargestComponent: false,
  splitNonManifold: true,
  orient: true,
  orientOutward: true,
  fillHoles: true,
  maxHoleEdges: DEFAULT_MAX_HOLE_EDGES,
  removeUnused: true,
};

/** One step of the pipeline: its id and the repair with its settings bound. */
export interface RepairStep {
  operation: string;
  run(mesh: Mesh): RepairResult;
}

/**
 * The chosen repairs in an order where each prepares the next: weld → degenerate faces (welding
 * collapses some) → duplicate faces (welding can create them) → split non-manifold → component removal
 * (pieces touching at a vertex are one component until split) → orient (needs manifold edges) → fill
 * holes (needs consistent orientation to wind the patches) → unused vertices.
 */
export function planRepair(options: Partial<RepairOptions> = {}): RepairStep[] {
  const o = { ...DEFAULT_REPAIR_OPTIONS, ...options };
  const steps: (RepairStep | false)[] = [
    o.weld && { operation: 'weld_vertices', run: (m) => weldVertices(m, { tolerance: o.weldTolerance }) },
    o.removeDegenerate && {
      operation: 'remove_degenerate_faces',
      run: (m) => removeDegenerateFaces(m, { tolerance: o.degenerateTolerance }),
    },
    o.removeDuplicates && { operation: 'remove_duplicate_faces', run: (m) => removeDuplicateFaces(m) },
    o.splitNonManifold && { operation: 'split_non_manifold', run: (m) => splitNonManifold(m) },
    (o.removeSmallComponents || o.keepLargestComponent) && {
      operation: o.keepLargestComponent ? 'keep_largest_component' : 'remove_small_components',
      run: (m) =>
        removeSmallComponents(m, {
          minFaces: o.removeSmallComponents ? o.minComponentFaces : 0,
          keepLargest: o.keepLargestComponent,
        }),
    },
    o.orient && { operation: 'orient_faces', run: (m) => orientFaces(m, { outward: o.orientOutward }) },
    o.fillHoles && { operation: 'fill_holes', run: (m) => fillHoles(m, { maxEdges: o.maxHoleEdges }) },
    o.removeUnused && { operation: 'remove_unused_vertices', run: (m) => removeUnusedVertices(m) },
  ];
  return steps.filter((step): step is RepairStep => step !== false);
}

/** One report for a sequence of steps: counts keyed 'operation.count', messages of the steps that changed something. */
export function combineReports(reports: RepairReport[]): RepairReport {
  const changed = reports.filter((r) => r.changed);
  const counts: Record<string, number> = {};
  for (const r of reports)
    for (const [name, value] of Object.entries(r.counts)) counts[`${r.operation}.${name}`] = value;
  return {
    operation: 'repair',
    changed: changed.length > 0,
    counts,
    message: changed.length ? changed.map((r) => r.message).join('; ') : 'Nothing to repair',
    steps: reports,
  };
}

/** Runs `planRepair(options)`; `onStep` is called after each step. */
export function repairMesh(
  mesh: Mesh,
  options: Partial<RepairOptions> = {},
  onStep?: (done: number, total: number, report: RepairReport) => void,
): RepairResult {
  const steps = planRepair(options);
  const reports: RepairReport[] = [];
  let current = mesh;
  for (const step of steps) {
    const result = step.run(current);
    current = result.mesh;
    reports.push(result.report);
    onStep?.(reports.length, steps.length, result.report);
  }
  return { mesh: current, report: combineReports(reports) };
}

import {
  inspectionSummary,
  inspectMesh,
  type MeshInspection,
  type MeshProblems,
} from '../../core/mesh/inspect';
import { meshBuffers, type Mesh } from '../../core/mesh/Mesh';
import { problemLabels } from '../../core/mesh/problemLabels';
import { combineReports, planRepair, type RepairOptions } from '../../core/mesh/repair/repairMesh';
import type { RepairReport } from '../../core/mesh/repair/RepairReport';
import { meshProblem } from '../../core/mesh/validateMesh';
import { InputError, yieldToHost, type Job, type JobContext } from '../../core/plugin/Job';

/** The inspection as plain JSON (no typed arrays): what userData and `--json` carry. */
export type InspectionSummary = Omit<MeshInspection, 'problems'>;

export interface InspectInput {
  /** positions #V×3 and indices #F×3 are all the inspection reads. */
  mesh: Pick<Mesh, 'positions' | 'indices'>;
}

export interface InspectOutput {
  summary: InspectionSummary;
  problems: MeshProblems;
  /** #F FaceProblem labels and #V VertexProblem labels (problemLabels.ts). */
  faceLabels: Uint8Array;
  vertexLabels: Uint8Array;
}

export interface RepairInput {
  mesh: Mesh;
  options: Partial<RepairOptions>;
}

export interface RepairOutput {
  mesh: Mesh;
  report: RepairReport;
  before: InspectionSummary;
  after: InspectionSummary;
}

function checkedMesh<M extends Mesh>(mesh: M): M {
  const problem = meshProblem(mesh);
  if (problem) throw new InputError(`Not a valid triangle mesh: ${problem}`);
  if (mesh.indices.length === 0) throw new InputError('The mesh has no faces');
  return mesh;
}

function problemBuffers(problems: MeshProblems): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of Object.values(problems))
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}

/** Inspects a mesh and labels its problem faces and vertices for colouring. */
export const inspectJob: Job<InspectInput, Record<string, unknown>, InspectOutput> = async (
  input,
  _props,
  ctx: JobContext,
) => {
  const mesh = checkedMesh(input.mesh as Mesh);
  ctx.progress(0.1, 'inspecting');
  const inspection = inspectMesh(mesh);
  await yieldToHost(ctx);
  ctx.progress(0.7, 'labelling problems');
  const labels = problemLabels(mesh, inspection);
  const output: InspectOutput = {
    summary: inspectionSummary(inspection),
    problems: inspection.problems,
    faceLabels: labels.faces,
    vertexLabels: labels.vertices,
  };
  return {
    output,
    transfer: [
      ...problemBuffers(inspection.problems),
      labels.faces.buffer as ArrayBuffer,
      labels.vertices.buffer as ArrayBuffer,
    ],
  };
};

/**
 * Runs the chosen repairs one step at a time (progress and a chance to cancel between steps) and
 * inspects the mesh before and after, so the result can say what it fixed and what is left.
 */
export const repairJob: Job<RepairInput, Record<string, unknown>, RepairOutput> = async (
  input,
  _props,
  ctx: JobContext,
) => {
  let mesh = checkedMesh(input.mesh);
  const steps = planRepair(input.options);
  const total = steps.length + 2;
  ctx.progress(0, 'inspecting');
  const before = inspectionSummary(inspectMesh(mesh));
  const reports: RepairReport[] = [];
  for (let i = 0; i < steps.length; i++) {
    await yieldToHost(ctx);
    ctx.progress((i + 1) / total, steps[i]!.operation.replace(/_/g, ' '));
    const result = steps[i]!.run(mesh);
    mesh = result.mesh;
    reports.push(result.report);
  }
  await yieldToHost(ctx);
  ctx.progress((total - 1) / total, 'inspecting the result');
  const after = inspectionSummary(inspectMesh(mesh));
  const output: RepairOutput = { mesh, report: combineReports(reports), before, after };
  return { output, transfer: meshBuffers(mesh) };
};

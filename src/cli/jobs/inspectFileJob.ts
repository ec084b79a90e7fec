import { inspectMesh, type MeshInspection } from '../../core/mesh/inspect';
import type { Job } from '../../core/plugin/Job';
import { readModelFile } from '../modelFiles';
import { modelAsOneMesh } from '../modelMesh';

/** What `homeomorph info` reports for one file: the inspection without the per-element arrays. */
export type FileReport = { file: string; meshes: number; warnings: string[] } & Omit<
  MeshInspection,
  'problems' | 'componentGenus'
>;

/**
 * CLI job (worker_threads only: it reads the file itself, so no bytes cross threads): reads `path`
 * and inspects all its meshes as one.
 */
export const inspectFileJob: Job<{ path: string }, Record<string, never>, FileReport> = async (
  input,
  _props,
  ctx,
) => {
  const model = await readModelFile(input.path);
  ctx.progress(0.5, 'inspecting');
  const { mesh, meshCount } = modelAsOneMesh(model);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { problems, componentGenus, ...report } = inspectMesh(mesh);
  return {
    output: { file: input.path, meshes: meshCount, warnings: model.warnings, ...report },
    transfer: [],
  };
};

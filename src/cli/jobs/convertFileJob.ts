import { modelMeshNodes } from '../../core/io/ModelData';
import type { WriteFormat } from '../../core/io/formats';
import type { Job } from '../../core/plugin/Job';
import { readModelFile, writeModelFile } from '../modelFiles';

export interface ConvertFileInput {
  input: string;
  output: string;
  format: WriteFormat;
}

export interface ConvertFileResult {
  meshes: number;
  vertices: number;
  faces: number;
  bytesOut: number;
  warnings: string[];
}

/**
 * CLI job (worker_threads only): reads one model file and writes it in another format. The worker
 * reads and writes the files itself, so the main thread only hands out paths.
 */
export const convertFileJob: Job<ConvertFileInput, Record<string, never>, ConvertFileResult> = async (
  input,
  _props,
  ctx,
) => {
  const model = await readModelFile(input.input);
  ctx.progress(0.5, 'writing');
  let vertices = 0;
  let faces = 0;
  const meshes = modelMeshNodes(model);
  for (const { mesh } of meshes) {
    vertices += mesh.positions.length / 3;
    faces += mesh.indices.length / 3;
  }
  const bytesOut = await writeModelFile(model, input.output, input.format);
  return {
    output: { meshes: meshes.length, vertices, faces, bytesOut, warnings: model.warnings },
    transfer: [],
  };
};

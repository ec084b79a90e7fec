import { readCoefficientFile } from '../harmonics/coefficientFile';
import { rebuildMesh } from '../harmonics/rebuildMesh';
import { FileError } from './FileError';
import { baseName, type InputFile, type ModelData } from './ModelData';
import { tooManyTriangles, validateMesh } from './validateMesh';

/**
 * Opens a Harmonic Compress coefficient file (.hshc) as the mesh it describes, at its full degree: on
 * the stored sphere-mapped connectivity when the file has it, else on an icosphere. The object's
 * userData says where it came from (degree, channels, precision), so a reloaded result explains itself.
 */
export function readHshc(file: InputFile, options: { maxTriangles: number }): ModelData {
  if (file.data.length === 0) throw new FileError(file.name, 'the file is empty');
  let coefficients;
  try {
    coefficients = readCoefficientFile(file.data);
  } catch (error) {
    throw new FileError(file.name, error instanceof Error ? error.message : String(error));
  }
  const faces = coefficients.connectivity
    ? coefficients.connectivity.indices.length / 3
    : 20 * 4 ** coefficients.icosphereLevel;
  if (faces > options.maxTriangles)
    throw new FileError(file.name, tooManyTriangles(faces, options.maxTriangles));
  let mesh;
  try {
    mesh = rebuildMesh(coefficients);
  } catch (error) {
    throw new FileError(file.name, error instanceof Error ? error.message : String(error));
  }
  validateMesh(mesh, file.name);
  const name = baseName(file.name);
  const userData = {
    harmonicFile: {
      degree: coefficients.degree,
      channels: coefficients.channelNames,
      precision: coefficients.precision,
      rebuiltOn: coefficients.connectivity
        ? 'stored connectivity'
        : `icosphere level ${coefficients.icosphereLevel}`,
    },
  };
  return { name, root: { name, mesh, userData, children: [] }, warnings: [] };
}

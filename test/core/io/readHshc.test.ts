import { describe, expect, it } from 'vitest';
import { writeCoefficientFile, type CoefficientFile } from '../../../src/core/harmonics/coefficientFile';
import { rebuildMesh } from '../../../src/core/harmonics/rebuildMesh';
import { shCount } from '../../../src/core/harmonics/shIndex';
import { FileError } from '../../../src/core/io/FileError';
import { readModel } from '../../../src/core/io/readModel';

function file(withConnectivity: boolean): CoefficientFile {
  const L = 4;
  const coefficients = new Float64Array(6 * shCount(L));
  for (let i = 0; i < coefficients.length; i++) coefficients[i] = Math.cos(0.9 * i) / (1 + i);
  return {
    degree: L,
    channelNames: ['x', 'y', 'z', 'r', 'g', 'b'],
    coefficients,
    precision: 'float32',
    icosphereLevel: 2,
    connectivity: withConnectivity
      ? {
          sphere: new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, -0.6, -0.6, -0.53]),
          indices: new Uint32Array([0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2]),
        }
      : undefined,
  };
}

describe('readModel on a Harmonic Compress coefficient file (.hshc)', () => {
  it('opens it as the mesh it describes, on its stored connectivity, with colours', async () => {
    const source = file(true);
    const model = await readModel({ name: 'cow.hshc', data: writeCoefficientFile(source) });
    const mesh = model.root.mesh!;
    const expected = rebuildMesh(source);
    expect(Array.from(mesh.indices)).toEqual(Array.from(expected.indices));
    for (let i = 0; i < expected.positions.length; i++)
      expect(mesh.positions[i]).toBeCloseTo(expected.positions[i]!, 5);
    expect(mesh.colors).toBeDefined();
    expect(model.root.userData).toMatchObject({
      harmonicFile: { degree: 4, channels: ['x', 'y', 'z', 'r', 'g', 'b'], rebuiltOn: 'stored connectivity' },
    });
  });

  it('rebuilds on an icosphere without connectivity, and knows the file by its magic', async () => {
    const model = await readModel({ name: 'renamed.obj', data: writeCoefficientFile(file(false)) });
    expect(model.root.mesh!.indices.length / 3).toBe(20 * 4 ** 2);
    expect(model.warnings[0]).toMatch(/HSHC data despite its \.obj extension/);
  });

  it('refuses a damaged file with a clear message', async () => {
    const bytes = writeCoefficientFile(file(true));
    await expect(readModel({ name: 'cut.hshc', data: bytes.subarray(0, 40) })).rejects.toThrow(FileError);
    await expect(readModel({ name: 'cut.hshc', data: bytes.subarray(0, 40) })).rejects.toThrow(/truncated/);
  });
});

import { CancelledError } from '../plugin/Job';
import { areaDistortion, curvatureDensity } from './meshChannels';
import { shCount } from './shIndex';
import { ShTransform } from './shTransform';
import { interpolateVertexValues, locateGridPoints } from './sphereGridLookup';
import { sampleTextureOnGrid, type RgbaImage } from './textureColors';
import { vmfDensityCoefficients } from './vmfDensity';

/** Groups of channels a mesh can be expanded in. */
export type ChannelGroup = 'geometry' | 'color' | 'curvatureDensity' | 'areaDistortion' | 'vertexDensity';

export const CHANNEL_NAMES: Record<ChannelGroup, string[]> = {
  geometry: ['x', 'y', 'z'],
  color: ['r', 'g', 'b'],
  curvatureDensity: ['curvatureDensity'],
  areaDistortion: ['areaDistortion'],
  vertexDensity: ['vertexDensity'],
};

/** A genus-0 mesh with its sphere map (same vertices and faces). */
export interface SphereMappedMesh {
  /** #V×3 */
  positions: ArrayLike<number>;
  /** #F×3 */
  indices: Uint32Array;
  /** #V×3 unit vectors: the sphere map. */
  sphere: Float64Array;
  /** #V×colorSize linear vertex colours. */
  colors?: Float32Array;
  colorSize?: 3 | 4;
  /** A texture and the UVs to sample it through (per corner #F×3×2 preferred, or per vertex #V×2). */
  texture?: RgbaImage;
  cornerUvs?: Float32Array;
  uvs?: Float32Array;
}

export interface HarmonicExpansion {
  degree: number;
  channelNames: string[];
  /** C×(L+1)², shIndex layout. */
  coefficients: Float64Array;
  /** Where the colour channels came from, if any. */
  colorSource?: 'texture' | 'vertex colors';
  /** Grid points that fell between triangles of the sphere map (see SphereGridLookup). */
  gridFallbacks: number;
  /** Grid size used: rings × samples per ring. */
  grid: [rings: number, samplesPerRing: number];
}

/**
 * Expresses a sphere-mapped mesh's per-vertex functions in real spherical harmonics up to
 * `degree`: resample each channel onto the Gauss–Legendre grid through the sphere map
 * (barycentric), then the forward transform. The vertex-density channel is computed directly in
 * SH space (see vmfDensity). Colour channels are skipped when the mesh has neither a texture with
 * UVs nor vertex colours (the returned channel names say what was expanded).
 */
export function expandMesh(
  mesh: SphereMappedMesh,
  options: { degree: number; groups: ChannelGroup[]; vmfKappa?: number },
  signal?: AbortSignal,
): HarmonicExpansion {
  const { degree, groups } = options;
  const V = mesh.positions.length / 3;
  if (mesh.sphere.length !== 3 * V)
    throw new Error(`the sphere map has ${mesh.sphere.length / 3} points for ${V} vertices`);
  const transform = new ShTransform(degree);
  const lookup = locateGridPoints(mesh.sphere, mesh.indices, transform);
  if (signal?.aborted) throw new CancelledError();
  const G = transform.gridSize;
  const gridGroups = groups.filter((g) => g !== 'vertexDensity');
  const names: string[] = [];
  let colorSource: HarmonicExpansion['colorSource'];
  const gridChannels: { width: number; fill: (grid: Float64Array, offset: number) => void }[] = [];
  for (const group of gridGroups) {
    if (group === 'geometry') {
      gridChannels.push({
        width: 3,
        fill: (grid, offset) =>
          void interpolateVertexValues(lookup, mesh.indices, mesh.positions, 3, grid, offset),
      });
    } else if (group === 'color') {
      const uvs = mesh.cornerUvs
        ? { cornerUvs: mesh.cornerUvs }
        : mesh.uvs
          ? { vertexUvs: mesh.uvs, indices: mesh.indices }
          : null;
      if (mesh.texture && uvs) {
        colorSource = 'texture';
        const texture = mesh.texture;
        gridChannels.push({
          width: 3,
          fill: (grid, offset) => sampleTextureOnGrid(lookup, texture, uvs, grid, offset),
        });
      } else if (mesh.colors) {
        colorSource = 'vertex colors';
        const size = mesh.colorSize ?? 3;
        const colors = mesh.colors;
        const rgb =
          size === 3
            ? colors
            : Float32Array.from({ length: 3 * V }, (_, i) => colors[Math.floor(i / 3) * size + (i % 3)]);
        gridChannels.push({
          width: 3,
          fill: (grid, offset) => void interpolateVertexValues(lookup, mesh.indices, rgb, 3, grid, offset),
        });
      } else continue;
    } else if (group === 'curvatureDensity') {
      gridChannels.push({
        width: 1,
        fill: (grid, offset) =>
          void interpolateVertexValues(
            lookup,
            mesh.indices,
            curvatureDensity(mesh.positions, mesh.sphere, mesh.indices),
            1,
            grid,
            offset,
          ),
      });
    } else {
      gridChannels.push({
        width: 1,
        fill: (grid, offset) =>
          void interpolateVertexValues(
            lookup,
            mesh.indices,
            areaDistortion(mesh.positions, mesh.sphere, mesh.indices),
            1,
            grid,
            offset,
          ),
      });
    }
    names.push(...CHANNEL_NAMES[group]);
  }
  const C = names.length;
  const grid = new Float64Array(C * G);
  let offset = 0;
  for (const channel of gridChannels) {
    channel.fill(grid, offset);
    offset += channel.width;
  }
  const gridCoefficients = C > 0 ? transform.forward(grid, C, undefined, signal) : new Float64Array(0);
  const count = shCount(degree);
  let coefficients = gridCoefficients;
  if (groups.includes('vertexDensity')) {
    const mean = Math.sqrt((4 * Math.PI) / V); // mean vertex spacing on the unit sphere
    const kappa = options.vmfKappa ?? 1 / (4 * mean * mean); // kernel width ≈ two spacings
    const density = vmfDensityCoefficients(mesh.sphere, degree, kappa, signal);
    coefficients = new Float64Array((C + 1) * count);
    coefficients.set(gridCoefficients);
    coefficients.set(density, C * count);
    names.push('vertexDensity');
  }
  return {
    degree,
    channelNames: names,
    coefficients,
    colorSource,
    gridFallbacks: lookup.fallbacks,
    grid: [transform.rings, transform.samplesPerRing],
  };
}

import { coefficientImage } from '../../core/harmonics/coefficientImage';
import { quantizeCoefficients, writeCoefficientFile } from '../../core/harmonics/coefficientFile';
import { CHANNEL_NAMES, expandMesh, type ChannelGroup } from '../../core/harmonics/harmonicExpansion';
import { icosphere, icosphereLevelFor } from '../../core/harmonics/icosphere';
import { shCount } from '../../core/harmonics/shIndex';
import { decodeTexture } from '../../core/harmonics/decodeTexture';
import type { RgbaImage } from '../../core/harmonics/textureColors';
import type { Mesh } from '../../core/mesh/Mesh';
import { InputError, checkCancelled, yieldToHost, type Job } from '../../core/plugin/Job';
import { harmonicCompressProblem } from './requirements';
import { buildLod, evaluateAtDegree } from './lod';
import type { HarmonicCompressProps } from './props';
import { computeSphereMap } from './sphereMap';
import { bboxDiagonal, SurfaceDistanceReference } from './surfaceDistances';
import type { DegreeError, HarmonicCompressInput, HarmonicCompressOutput } from './types';

/** Degrees of the error-vs-degree curve (those ≤ L, plus L). */
const ERROR_DEGREES = [8, 16, 32, 64, 128, 256, 512];

/**
 * Harmonic Compress, compute side: sphere map → channels resampled on the Gauss–Legendre grid →
 * forward SH transform → (quantised) coefficients → reconstruction at degree L on the sphere-mapped
 * vertices or on a fresh icosphere, the LOD table for the live slider, error vs degree, the .hshc
 * file and the coefficient images.
 */
export const harmonicCompressJob: Job<
  HarmonicCompressInput,
  HarmonicCompressProps,
  HarmonicCompressOutput
> = async (input, props, ctx) => {
  const t0 = performance.now();
  const L = props.degree;
  const mesh: Mesh = {
    positions: input.positions,
    indices: input.indices,
    colors: input.colors,
    colorSize: input.colorSize,
    uvs: input.uvs,
  };
  const problem = harmonicCompressProblem(mesh);
  if (problem) throw new InputError(`cannot map onto the sphere: ${problem}`);
  const V = input.positions.length / 3;
  const F = input.indices.length / 3;
  if (input.cornerUvs && input.cornerUvs.length !== 6 * F)
    throw new InputError(`corner UVs hold ${input.cornerUvs.length} values, expected ${F} × 6`);
  // The texture, decoded here (DOM-free) so the UI thread never does it; a texture that cannot be
  // decoded leaves colour to the vertex colours and says why in the metrics.
  let texture: RgbaImage | undefined = input.texture;
  let textureNote: string | null = null;
  if (!texture && input.textureFile && props.channels !== 'geometry') {
    try {
      texture = decodeTexture(input.textureFile.bytes);
    } catch (error) {
      textureNote = (error as Error).message;
    }
  }

  const sphereMap = await computeSphereMap(mesh, input.sphere, ctx, 0.01, 0.3);
  await yieldToHost(ctx);

  ctx.progress(0.31, 'spherical harmonic transform');
  const groups: ChannelGroup[] = ['geometry'];
  if (props.channels !== 'geometry') groups.push('color');
  if (props.channels === 'all') groups.push('curvatureDensity', 'areaDistortion', 'vertexDensity');
  const expansion = expandMesh(
    { ...input, texture, sphere: sphereMap.sphere },
    { degree: L, groups },
    ctx.signal,
  );
  const C = expansion.channelNames.length;
  const precision = props.precision === 'float16' ? 'float16' : 'float32';
  // Reconstruct from the coefficients as stored, so the metrics describe what the file holds.
  const stored = quantizeCoefficients(expansion.coefficients, C, precision);
  await yieldToHost(ctx);

  // Where to evaluate: the sphere-mapped vertices (same connectivity) or a fresh icosphere.
  let spherePoints: Float64Array;
  let indices: Uint32Array;
  if (props.target === 'sphere') {
    const ico = icosphere(icosphereLevelFor(props.resolution));
    spherePoints = ico.positions;
    indices = ico.indices;
  } else {
    spherePoints = sphereMap.sphere;
    indices = Uint32Array.from(input.indices);
  }
  const hasColor = expansion.colorSource !== undefined;
  const lodChannels = hasColor ? 6 : 3;
  ctx.progress(0.35, 'reconstruction and level-of-detail table');
  const lod = buildLod(
    stored.subarray(0, lodChannels * shCount(L)),
    lodChannels,
    spherePoints,
    undefined,
    (fraction) => ctx.progress(0.35 + 0.4 * fraction, 'reconstruction and level-of-detail table'),
    ctx.signal,
  );
  checkCancelled(ctx);
  const full = evaluateAtDegree(lod, L, {
    positions: new Float32Array(spherePoints.length),
    colors: hasColor ? new Float32Array(spherePoints.length) : undefined,
  });

  ctx.progress(0.75, 'error vs degree');
  const diagonal = bboxDiagonal(input.positions);
  const reference = new SurfaceDistanceReference(mesh);
  const errorVsDegree: DegreeError[] = [];
  const errorDegrees = [...ERROR_DEGREES.filter((d) => d < L), L];
  for (const [k, d] of errorDegrees.entries()) {
    ctx.progress(0.75 + (0.2 * k) / errorDegrees.length, `error at degree ${d}`);
    const { positions } = evaluateAtDegree(lod, d, { positions: new Float32Array(spherePoints.length) });
    const distances = reference.distancesTo({ positions, indices });
    errorVsDegree.push({
      degree: d,
      chamferRel: distances.chamfer / diagonal,
      hausdorffRel: distances.hausdorff / diagonal,
    });
    await yieldToHost(ctx);
  }
  const last = errorVsDegree[errorVsDegree.length - 1];

  ctx.progress(0.95, 'coefficient file and images');
  const file = writeCoefficientFile({
    degree: L,
    channelNames: expansion.channelNames,
    coefficients: stored,
    precision,
    icosphereLevel: icosphereLevelFor(props.resolution),
    connectivity:
      props.target === 'same'
        ? { sphere: Float32Array.from(sphereMap.sphere), indices: Uint32Array.from(input.indices) }
        : undefined,
  });
  const images = coefficientImages(stored, expansion.channelNames, L);
  const coefficientCount = C * shCount(L);
  const output: HarmonicCompressOutput = {
    positions: full.positions,
    indices,
    colors: full.colors,
    spherePoints: Float32Array.from(spherePoints),
    lod: lod.table,
    lodDegrees: lod.degrees,
    lodChannels,
    coefficients: Float32Array.from(stored),
    channelNames: expansion.channelNames,
    file,
    images,
    metrics: {
      degree: L,
      coefficients: coefficientCount,
      channels: expansion.channelNames,
      precision,
      bytes: coefficientCount * (precision === 'float16' ? 2 : 4),
      bytesFloat32: coefficientCount * 4,
      bytesFloat16: coefficientCount * 2,
      fileBytes: file.byteLength,
      meshBytes: 12 * V + 12 * F,
      chamferRel: last.chamferRel,
      hausdorffRel: last.hausdorffRel,
      errorVsDegree,
      seconds: (performance.now() - t0) / 1000,
      sphereMapSeconds: sphereMap.seconds,
      sphereMap: sphereMap.kind,
      colorSource: expansion.colorSource ?? null,
      textureNote,
      gridFallbacks: expansion.gridFallbacks,
      vertices: V,
      faces: F,
    },
  };
  ctx.progress(1, 'done');
  const transfer = [
    output.positions,
    output.indices,
    output.colors,
    output.spherePoints,
    output.lod,
    output.lodDegrees,
    output.coefficients,
    output.file,
    ...images.map((i) => i.data),
  ]
    .filter((a): a is NonNullable<typeof a> => a !== undefined)
    .map((a) => a.buffer as ArrayBuffer);
  return { output, transfer: [...new Set(transfer)] };
};

/** xyz as one RGB image, rgb as another, each scalar channel on its own. */
function coefficientImages(
  coefficients: Float64Array,
  names: string[],
  L: number,
): HarmonicCompressOutput['images'] {
  const images: HarmonicCompressOutput['images'] = [];
  const C = names.length;
  const groups: [string, string[]][] = [
    ['geometry', CHANNEL_NAMES.geometry],
    ['color', CHANNEL_NAMES.color],
  ];
  const used = new Set<string>();
  for (const [name, members] of groups) {
    const at = members.map((m) => names.indexOf(m));
    if (at.every((i) => i >= 0)) {
      images.push({ name, ...coefficientImage(coefficients, C, L, at) });
      members.forEach((m) => used.add(m));
    }
  }
  names.forEach((name, i) => {
    if (!used.has(name)) images.push({ name, ...coefficientImage(coefficients, C, L, [i]) });
  });
  return images;
}

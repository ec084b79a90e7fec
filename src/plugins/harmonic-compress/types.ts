import type { RgbaImage } from '../../core/harmonics/textureColors';

/** What the operator sends to the job: the mesh (transferred typed arrays) and optional extras. */
export interface HarmonicCompressInput {
  /** #V×3 */
  positions: Float32Array | Float64Array;
  /** #F×3 */
  indices: Uint32Array;
  /** #V×colorSize linear vertex colours */
  colors?: Float32Array;
  colorSize?: 3 | 4;
  /** #V×2 per-vertex UVs, or #F×3×2 per-corner UVs (kept across seams) */
  uvs?: Float32Array;
  cornerUvs?: Float32Array;
  /** Decoded texture pixels, or the encoded file (PNG; decoded in the job, DOM-free). */
  texture?: RgbaImage;
  textureFile?: { mime: string; bytes: Uint8Array };
  /** #V×3 unit vectors: an existing sphere map of this mesh (skips the flow). */
  sphere?: Float64Array;
}

/** One point of the error-vs-degree curve. */
export interface DegreeError {
  degree: number;
  chamferRel: number;
  hausdorffRel: number;
}

export interface HarmonicCompressMetrics {
  degree: number;
  /** Total number of coefficients stored: channels × (L+1)². */
  coefficients: number;
  channels: string[];
  precision: 'float32' | 'float16';
  /** Bytes of the coefficients at the chosen precision (the compressed representation). */
  bytes: number;
  bytesFloat32: number;
  bytesFloat16: number;
  /** Size of the .hshc file (with the sphere-mapped connectivity when reconstructing on it). */
  fileBytes: number;
  /** Size of the input mesh as float32 positions + uint32 indices. */
  meshBytes: number;
  /** Relative to the input's bounding-box diagonal, at degree L. */
  chamferRel: number;
  hausdorffRel: number;
  errorVsDegree: DegreeError[];
  seconds: number;
  sphereMapSeconds: number;
  sphereMap: 'given' | 'conformal (cMCF)';
  colorSource: string | null;
  /** Why a texture was not used (e.g. not a PNG), or null. */
  textureNote: string | null;
  gridFallbacks: number;
  vertices: number;
  faces: number;
}

export interface HarmonicCompressOutput {
  /** The reconstruction at degree L: #V′×3 positions, #F′×3 indices, optional #V′×3 colours. */
  positions: Float32Array;
  indices: Uint32Array;
  colors?: Float32Array;
  /** #V′×3: where each reconstruction vertex sits on the sphere (re-evaluation at any degree). */
  spherePoints: Float32Array;
  /** Level-of-detail table: #lodDegrees × V′ × lodChannels (x, y, z[, r, g, b]), cumulative. */
  lod: Float32Array;
  lodDegrees: Int32Array;
  lodChannels: number;
  /** C×(L+1)² as stored (after quantisation), shIndex layout. */
  coefficients: Float32Array;
  channelNames: string[];
  /** The .hshc file bytes. */
  file: Uint8Array;
  /** Coefficient images (triangular layout), one RGB image for xyz, one for rgb, one per scalar channel. */
  images: { name: string; width: number; height: number; data: Uint8ClampedArray }[];
  metrics: HarmonicCompressMetrics;
}

/** What the Fit SDF job receives: the mesh in the object's local coordinates. */
export interface FitSdfInput {
  /** #V×3 */
  positions: Float32Array;
  /** #F×3 */
  indices: Uint32Array;
}

/** Figures reported for a fit (CLI --json, the panel, userData). */
export interface FitSdfMetrics {
  /** occupancy F1 on uniform samples in the padded box (inside = positive) */
  f1Uniform: number;
  /** occupancy F1 on near-surface samples (σ = 0.01) */
  f1Near: number;
  /** occupancy IoU on the uniform samples */
  iou: number;
  /** Chamfer-L1 between the extracted mesh and the input, in units of the input's longest side */
  chamferL1: number;
  /** symmetric Hausdorff distance, same units */
  hausdorff: number;
  /** training seconds (steps only, as in the reference) */
  seconds: number;
  steps: number;
  parameters: number;
  modelBytes: number;
  groundTruthSeconds: number;
  /** seconds to sample the marching grid through onnxruntime */
  gridSeconds: number;
  /** grid points evaluated through onnxruntime (narrow band) out of (resolution + 1)³ */
  gridPointsEvaluated: number;
  meshSeconds: number;
  totalSeconds: number;
  vertices: number;
  faces: number;
  /** the extracted mesh is a closed, consistently oriented 2-manifold */
  closedManifold: boolean;
  finalLoss: number;
  onnxProvider: string;
  warnings: string[];
}

/** A slice of the field: values on a square grid in a plane through the normalised box. */
export interface FieldSlice {
  /** #size×size, row-major (v rows of u) */
  values: Float32Array;
  size: number;
  axis: 'x' | 'y' | 'z';
  /** plane position along the axis, normalised units */
  position: number;
  /** the slice covers [−half, half]² of the other two axes, normalised units */
  half: number;
}

export interface FitSdfOutput {
  /** the extracted surface in the input's coordinates: #V×3, #F×3 */
  positions: Float32Array;
  indices: Uint32Array;
  slice: FieldSlice;
  /** ONNX model (points in normalised coordinates → signed distance), when kept */
  onnx: Uint8Array | null;
  /** how normalised coordinates map to the input's: original = normalised / scale + centre */
  normalisation: { centre: [number, number, number]; scale: number };
  /** mean loss per report interval */
  lossCurve: Float32Array;
  metrics: FitSdfMetrics;
}

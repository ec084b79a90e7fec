/** What the Neural Parts job receives: the mesh in the object's local coordinates. */
export interface NeuralPartsInput {
  /** #V×3 */
  positions: Float32Array;
  /** #F×3 */
  indices: Uint32Array;
}

/** A closed mesh of one primitive, in the input's coordinates. */
export interface PrimitiveMesh {
  /** #V×3 */
  positions: Float32Array;
  /** #F×3 */
  indices: Uint32Array;
}

/** The faces of the input that belong to one primitive, as their own mesh (compact vertices). */
export interface InputPart {
  primitive: number;
  positions: Float32Array;
  indices: Uint32Array;
}

export interface PartFigures {
  primitive: number;
  /** volume enclosed by the primitive's mesh, input units³ */
  volume: number;
  /** faces of the input assigned to it */
  faces: number;
}

export interface NeuralPartsMetrics {
  parts: number;
  /** IoU of the union of primitives on uniform samples in the padded box */
  iou: number;
  /**
   * Where the IoU is lost, as fractions of the evaluation samples inside the input: inside the
   * union but outside the input (falseInside) and inside the input but outside the union
   * (falseOutside); IoU = (1 − falseOutside) / (1 + falseInside).
   */
  falseInside: number;
  falseOutside: number;
  /** Chamfer-L1 between the union's surface and the input, in units of the input's longest side */
  chamferL1: number;
  /** wall-clock seconds of the fit (steps only) */
  seconds: number;
  /** CPU seconds of the fit (process-wide; NaN where the host has no CPU clock) */
  cpuSeconds: number;
  /** the clock the budget counted: 'wall' or 'cpu' */
  clock: string;
  totalSeconds: number;
  /** CPU seconds of the whole job (NaN where the host has no CPU clock) */
  totalCpuSeconds: number;
  steps: number;
  /** primitives re-seeded during the fit (dead ones moved onto what the union missed), with the step */
  reseeded: { step: number; primitive: number }[];
  parameters: number;
  finalLoss: number;
  perPart: PartFigures[];
  onnxProvider: string;
  warnings: string[];
}

/** A live view of the primitives while they fit (decimated). */
export interface NeuralPartsPreview {
  chart: { loss: number; iou: number };
  /** M primitives × #Vp×3 vertices, input coordinates */
  positions: Float32Array;
  /** #Fp×3, shared by every primitive */
  indices: Uint32Array;
  primitives: number;
}

export interface NeuralPartsOutput {
  primitives: PrimitiveMesh[];
  /** #F: the primitive each input face belongs to */
  faceParts: Int32Array;
  parts: InputPart[];
  /** sphere points [N,3] → primitive_m [N,3] (normalised coordinates) */
  onnx: Uint8Array;
  normalisation: { centre: [number, number, number]; scale: number };
  lossCurve: Float32Array;
  metrics: NeuralPartsMetrics;
}

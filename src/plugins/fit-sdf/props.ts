import type { Props, PropSpecs } from '../../core/plugin/PropSpec';

/** The Fit SDF operator's properties (panel and CLI flags). */
export const fitSdfProps = {
  seconds: { type: 'float', default: 30, min: 0.5, max: 3600, step: 0.5, label: 'Training seconds', help: 'wall-clock training budget (ground truth and meshing come on top)' },
  steps: { type: 'int', default: 0, min: 0, max: 1_000_000, label: 'Max steps', help: 'stop after this many steps (0 = only the time budget)' },
  resolution: { type: 'int', default: 256, min: 16, max: 512, step: 16, label: 'Mesh resolution', help: 'marching grid cells per axis over the padded box' },
  levels: { type: 'int', default: 12, min: 1, max: 16, label: 'Hash levels' },
  log2TableSize: { type: 'int', default: 16, min: 10, max: 20, label: 'log2 table size', help: 'entries per hash level = 2^this' },
  hidden: { type: 'int', default: 64, min: 8, max: 256, label: 'MLP width' },
  hiddenLayers: { type: 'int', default: 1, min: 1, max: 4, label: 'MLP hidden layers' },
  batch: { type: 'int', default: 4096, min: 256, max: 65536, label: 'Batch size' },
  lr: { type: 'float', default: 0.01, min: 1e-5, max: 0.1, step: 0.001, label: 'Learning rate' },
  trainSamples: { type: 'int', default: 400_000, min: 10_000, max: 4_000_000, label: 'Training samples', help: 'half uniform in the box, half near the surface' },
  evalSamples: { type: 'int', default: 100_000, min: 1000, max: 1_000_000, label: 'Evaluation samples', help: 'per set (uniform, near), drawn independently of the training samples' },
  minPieceFraction: { type: 'float', default: 0.01, min: 0, max: 1, step: 0.005, label: 'Drop pieces below', help: 'remove extracted pieces with fewer faces than this fraction of the largest (floaters); 0 keeps all' },
  sliceAxis: { type: 'enum', default: 'z', items: [['x', 'X'], ['y', 'Y'], ['z', 'Z']], label: 'Slice axis' },
  slicePosition: { type: 'float', default: 0, min: -0.5, max: 0.5, step: 0.01, label: 'Slice position', help: 'in units of the longest side, 0 = centre' },
  exportOnnx: { type: 'bool', default: true, label: 'Keep ONNX model', help: 'keep the trained model for export (File ▸ Export ONNX, CLI --onnx)' },
  seed: { type: 'int', default: 0, min: 0, max: 2 ** 31 - 1, label: 'Seed' },
} satisfies PropSpecs;

export type FitSdfProps = Props<typeof fitSdfProps>;

import type { Props, PropSpecs } from '../../core/plugin/PropSpec';

/** The Decompose into Neural Parts operator's properties (panel and CLI flags). */
export const neuralPartsProps = {
  parts: { type: 'int', default: 5, min: 1, max: 16, label: 'Parts', help: 'number of primitives (each a deformed sphere)' },
  seconds: { type: 'float', default: 150, min: 1, max: 3600, step: 10, label: 'Fitting seconds', help: 'wall-clock budget of the fit (sampling and meshing come on top)' },
  steps: { type: 'int', default: 0, min: 0, max: 1_000_000, label: 'Max steps', help: 'stop after this many steps (0 = only the time budget)' },
  hidden: { type: 'int', default: 32, min: 8, max: 256, label: 'Network width', help: 'width of the coupling and conditioning MLPs (the paper: 256, on a GPU)' },
  layers: { type: 'int', default: 4, min: 1, max: 8, label: 'Coupling layers', help: 'conditional coupling layers (the paper: 4)' },
  codeSize: { type: 'int', default: 16, min: 2, max: 128, label: 'Code size', help: 'size of each primitive’s learned code' },
  radius: { type: 'float', default: 0.25, min: 0.05, max: 0.5, step: 0.01, label: 'Sphere radius', help: 'radius of the source sphere in the unit cube (the authors: 0.25)' },
  batch: { type: 'int', default: 1000, min: 64, max: 20_000, label: 'Batch size', help: 'volume and surface samples per step (each volume sample is evaluated under every primitive)' },
  lr: { type: 'float', default: 0.005, min: 1e-5, max: 0.1, step: 0.001, label: 'Learning rate' },
  meshDetail: { type: 'int', default: 4, min: 1, max: 6, label: 'Primitive mesh detail', help: 'icosphere subdivisions of each primitive mesh (4 = 2,562 vertices)' },
  evalSamples: { type: 'int', default: 50_000, min: 1000, max: 1_000_000, label: 'Evaluation samples', help: 'uniform points in the padded box for the IoU' },
  seed: { type: 'int', default: 0, min: 0, max: 2 ** 31 - 1, label: 'Seed' },
} satisfies PropSpecs;

export type NeuralPartsProps = Props<typeof neuralPartsProps>;

import type { SegmentClass } from './modelFile';

/**
 * Class names and colours of the MeshCNN benchmark datasets, in label order (label 1 first). Names were
 * read off the data (where each label's edges sit on the meshes); colours are distinct, colour-blind-aware.
 */
export const DATASET_CLASSES: Record<string, SegmentClass[]> = {
  human_seg: [
    { name: 'label 1', color: '#4e79a7' },
    { name: 'label 2', color: '#f28e2b' },
    { name: 'label 3', color: '#e15759' },
    { name: 'label 4', color: '#76b7b2' },
    { name: 'label 5', color: '#59a14f' },
    { name: 'label 6', color: '#edc948' },
    { name: 'label 7', color: '#b07aa1' },
    { name: 'label 8', color: '#ff9da7' },
  ],
};

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The classes of a dataset folder name, or numbered classes with palette colours. */
export function classesFor(datasetName: string, classCount: number): SegmentClass[] {
  const known = DATASET_CLASSES[datasetName];
  if (known && known.length === classCount) return known;
  return Array.from({ length: classCount }, (_, i) => ({ name: `label ${i + 1}`, color: PALETTE[i % PALETTE.length]! }));
}

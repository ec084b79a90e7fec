import { LABEL_PALETTE } from '../mesh/labelPalette';
import type { SegmentClass } from './modelFile';

/**
 * Class names and colours of the MeshCNN benchmark datasets, in label order (label 1 first). Names were
 * read off the data (where each label's edges sit on the meshes); colours are distinct, colour-blind-aware.
 */
export const DATASET_CLASSES: Record<string, SegmentClass[]> = {
  // Maron et al. 2017 parts; label order confirmed by each label's mean height on the meshes.
  human_seg: [
    { name: 'head', color: '#4e79a7' },
    { name: 'hand', color: '#f28e2b' },
    { name: 'forearm', color: '#e15759' },
    { name: 'upper arm', color: '#76b7b2' },
    { name: 'torso', color: '#59a14f' },
    { name: 'thigh', color: '#edc948' },
    { name: 'lower leg', color: '#b07aa1' },
    { name: 'foot', color: '#ff9da7' },
  ],
  coseg_vases: [
    { name: 'rim', color: '#4e79a7' },
    { name: 'neck or handle', color: '#f28e2b' },
    { name: 'body', color: '#59a14f' },
    { name: 'base', color: '#e15759' },
  ],
  coseg_chairs: [
    { name: 'back', color: '#4e79a7' },
    { name: 'seat', color: '#f28e2b' },
    { name: 'legs', color: '#59a14f' },
  ],
  // Inferred from where the labels sit (COSEG ships no names): highest part, lowest part, middle, sides.
  coseg_aliens: [
    { name: 'head', color: '#4e79a7' },
    { name: 'legs', color: '#f28e2b' },
    { name: 'torso', color: '#59a14f' },
    { name: 'arms', color: '#e15759' },
  ],
};

/** The classes of a dataset folder name, or numbered classes with palette colours. */
export function classesFor(datasetName: string, classCount: number): SegmentClass[] {
  const known = DATASET_CLASSES[datasetName];
  if (known && known.length === classCount) return known;
  return Array.from({ length: classCount }, (_, i) => ({
    name: `label ${i + 1}`,
    color: LABEL_PALETTE[i % LABEL_PALETTE.length]!,
  }));
}

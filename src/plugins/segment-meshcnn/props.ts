import type { Props } from '../../core/plugin/PropSpec';
import type { SegmentClass } from '../../core/meshcnn/modelFile';
import type { LevelMesh } from '../../core/meshcnn/segmentMesh';
import { MAX_ENSEMBLE_PASSES } from '../../core/meshcnn/ensemble';

export const PLUGIN_VERSION = 2;

/** Shipped models (resources/models/NAME.hmcn). */
export const SHIPPED_MODELS: [id: string, label: string][] = [
  ['human', 'Human body (human_seg, 8 parts)'],
  ['vases', 'Vase (COSEG vases, 4 parts)'],
  ['chairs', 'Chair (COSEG chairs, 3 parts)'],
  ['aliens', 'Alien (COSEG aliens, 4 parts)'],
];

export const segmentProps = {
  // Items: the shipped models, then the user's own ('user:NAME', see userModels.ts), edited in place.
  model: {
    type: 'enum',
    default: 'human',
    items: [...SHIPPED_MODELS] as [id: string, label: string][],
    label: 'Model',
    help: 'which trained network labels the parts (shipped, or one you trained from painted labels)',
  },
  passes: {
    type: 'int',
    default: 0,
    min: 0,
    max: MAX_ENSEMBLE_PASSES,
    label: 'Ensemble passes (0 = model default)',
    help: "average the network over this many slightly perturbed copies of the mesh (1 = one pass): more accurate, each pass costs one network run; 0 = the model's own default (8 for most, fewer for a larger network so it stays fast)",
  },
  smoothBoundaries: {
    type: 'bool',
    default: true,
    label: 'Smooth boundaries',
    help: 'majority-smooth the part boundaries on the full mesh',
  },
  showLevels: {
    type: 'bool',
    default: true,
    label: 'Keep pooled meshes',
    help: 'add the meshes the network saw and pooled as hidden child objects',
  },
} as const;

export type SegmentProps = Props<typeof segmentProps>;

export interface SegmentJobInput {
  /** #V×3 */
  positions: Float32Array | Float64Array;
  /** #F×3 */
  indices: Uint32Array;
  /** A model file's bytes (a user-trained model); when absent the shipped model named by props.model. */
  modelBytes?: Uint8Array;
}

export interface SegmentJobOutput {
  model: string;
  classes: SegmentClass[];
  /** #F 1-based labels of the input faces. */
  faceLabels: Int32Array;
  /** #E 1-based, MeshCNN edge order of the input mesh. */
  edgeLabels: Int32Array;
  network: LevelMesh & { faceLabels: Int32Array };
  pooled: LevelMesh[];
  metrics: Record<string, unknown>;
}

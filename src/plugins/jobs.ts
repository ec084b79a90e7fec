import type { Job } from '../core/plugin/Job';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = Job<any, any, any>;

/**
 * Every job a host can run, by name, loaded lazily so a worker only loads the code it needs.
 * Each plugin adds its own entries here.
 */
export const jobs: Record<string, () => Promise<AnyJob>> = {
  'mesh.inspect': async () => (await import('./inspect-repair/job')).inspectJob,
  'mesh.repair': async () => (await import('./inspect-repair/job')).repairJob,
  'spherical-parametrize': async () => (await import('./spherical-parametrize/job')).sphericalParametrizeJob,
  'harmonic-compress': async () => (await import('./harmonic-compress/job')).harmonicCompressJob,
  'harmonic-compress.lod': async () => (await import('./harmonic-compress/lodJob')).harmonicLodJob,
  'fit-sdf': () => import('./fit-sdf/job').then((m) => m.fitSdfJob),
  'mesh.segment_meshcnn': async () => (await import('./segment-meshcnn/job')).segmentMeshcnnJob,
  'mesh.neural_parts': async () => (await import('./neural-parts/job')).neuralPartsJob,
  'mesh.split_by_label': async () => (await import('./segment-meshcnn/splitJob')).splitByLabelJob,
  'mesh.meshcnn_finetune_prepare': async () =>
    (await import('./segment-meshcnn/prepareFineTuneJob')).prepareFineTuneJob,
  'mesh.meshcnn_gradient': async () => (await import('./segment-meshcnn/gradientJob')).meshcnnGradientJob,
};

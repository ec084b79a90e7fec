import { splitByLabel, type LabelPart } from '../../core/meshcnn/splitByLabel';
import { InputError, type Job } from '../../core/plugin/Job';

export interface SplitJobInput {
  positions: Float32Array | Float64Array;
  indices: Uint32Array;
  /** #F labels */
  labels: ArrayLike<number> & { buffer: ArrayBufferLike };
}

export interface SplitJobOutput {
  parts: LabelPart[];
}

/** Splits a labelled mesh into one mesh per label. */
export const splitByLabelJob: Job<SplitJobInput, Record<string, never>, SplitJobOutput> = async (input) => {
  if (input.labels.length * 3 !== input.indices.length)
    throw new InputError('the label attribute does not match the faces');
  const parts = splitByLabel(input.positions, input.indices, input.labels);
  if (parts.length === 0) throw new InputError('no labelled faces to split');
  return {
    output: { parts },
    transfer: parts.flatMap((p) => [p.positions.buffer as ArrayBuffer, p.indices.buffer as ArrayBuffer]),
  };
};

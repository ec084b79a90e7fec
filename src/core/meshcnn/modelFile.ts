import { MeshUNet, type MeshUNetConfig } from './meshUNet';

/** A class the model predicts: name and sRGB colour '#rrggbb' (index 0 = label 1 in the datasets). */
export interface SegmentClass {
  name: string;
  color: string;
}

/** Everything a shipped model needs besides its weights. */
export interface MeshcnnModelInfo {
  /** Short id, e.g. 'human'. */
  name: string;
  config: MeshUNetConfig;
  classes: SegmentClass[];
  /** Input feature normalisation (dataset statistics of the 5 features). */
  featureMean: number[];
  featureStd: number[];
  /**
   * The edge count of the meshes it was trained on (human_seg 2,250; COSEG vases and chairs 1,500): larger
   * inputs are simplified to it. Absent in older files: 2,250.
   */
  inputEdges?: number;
  /**
   * The segment operator's default number of ensemble passes for this model (core/meshcnn/ensemble.ts),
   * chosen when it is shipped so the ensemble stays within 200 ms on a 2,250-edge mesh. Absent: 8.
   */
  ensemblePasses?: number;
  /** Training provenance and measured accuracy (free-form JSON). */
  training?: Record<string, unknown>;
}

const MAGIC = 0x4e434d48; // 'HMCN' little-endian

/**
 * Binary model/checkpoint file: 'HMCN', u32 header byte length, UTF-8 JSON header
 * { info, arrays: [{ name, length }] }, zero padding to 4 bytes, then the float32 arrays in header order.
 * Weights travel as one buffer (no JSON number parsing); extra arrays hold optimiser state in checkpoints.
 */
export function encodeModelFile(
  info: MeshcnnModelInfo,
  arrays: { name: string; data: Float32Array }[],
): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ info, arrays: arrays.map((a) => ({ name: a.name, length: a.data.length })) }),
  );
  const headerEnd = 8 + header.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const total = dataStart + 4 * arrays.reduce((n, a) => n + a.data.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  const floats = new Float32Array(bytes.buffer, dataStart);
  let offset = 0;
  for (const a of arrays) {
    floats.set(a.data, offset);
    offset += a.data.length;
  }
  return bytes;
}

export function decodeModelFile(bytes: Uint8Array): {
  info: MeshcnnModelInfo;
  arrays: Map<string, Float32Array>;
} {
  if (bytes.length < 8) throw new Error('not a MeshCNN model file (too short)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a MeshCNN model file (bad magic)');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new Error('MeshCNN model file is truncated (header)');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    info: MeshcnnModelInfo;
    arrays: { name: string; length: number }[];
  };
  const dataStart = Math.ceil((8 + headerLength) / 4) * 4;
  const total = header.arrays.reduce((n, a) => n + a.length, 0);
  if (dataStart + 4 * total > bytes.length) throw new Error('MeshCNN model file is truncated (weights)');
  // Copy so the floats are aligned whatever the byte offset of `bytes`.
  const floats = new Float32Array(bytes.slice(dataStart, dataStart + 4 * total).buffer);
  const arrays = new Map<string, Float32Array>();
  let offset = 0;
  for (const a of header.arrays) {
    arrays.set(a.name, floats.subarray(offset, offset + a.length));
    offset += a.length;
  }
  return { info: header.info, arrays };
}

/** A ready network from a model file. */
export function loadModel(bytes: Uint8Array): {
  info: MeshcnnModelInfo;
  net: MeshUNet;
  extra: Map<string, Float32Array>;
} {
  const { info, arrays } = decodeModelFile(bytes);
  const net = new MeshUNet(info.config);
  for (const p of net.params) {
    const data = arrays.get(p.name);
    if (!data || data.length !== p.data.length)
      throw new Error(`MeshCNN model "${info.name}" lacks weights for ${p.name}`);
    p.data.set(data);
    arrays.delete(p.name);
  }
  return { info, net, extra: arrays };
}

export function saveModel(
  info: MeshcnnModelInfo,
  net: MeshUNet,
  extra: { name: string; data: Float32Array }[] = [],
): Uint8Array {
  return encodeModelFile(info, [...net.params.map((p) => ({ name: p.name, data: p.data })), ...extra]);
}

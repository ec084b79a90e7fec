/** One part of a mesh split by face label: its own compact vertex list. */
export interface LabelPart {
  label: number;
  /** #V_part×3 */
  positions: Float32Array;
  /** #F_part×3 */
  indices: Uint32Array;
}

/**
 * Splits a mesh into one mesh per face label (labels ≤ 0 are skipped), in increasing label order.
 * @param positions #V×3  @param indices #F×3  @param labels #F
 */
export function splitByLabel(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  labels: ArrayLike<number>,
): LabelPart[] {
  const F = indices.length / 3;
  const V = positions.length / 3;
  const present = [...new Set(Array.from(labels))].filter((l) => l > 0).sort((a, b) => a - b);
  const map = new Int32Array(V);
  return present.map((label) => {
    map.fill(-1);
    let vertexCount = 0;
    let faceCount = 0;
    for (let f = 0; f < F; f++) {
      if (labels[f] !== label) continue;
      faceCount++;
      for (let k = 0; k < 3; k++) {
        const v = indices[3 * f + k]!;
        if (map[v]! < 0) map[v] = vertexCount++;
      }
    }
    const partPositions = new Float32Array(3 * vertexCount);
    for (let v = 0; v < V; v++) {
      const w = map[v]!;
      if (w >= 0) for (let c = 0; c < 3; c++) partPositions[3 * w + c] = positions[3 * v + c]!;
    }
    const partIndices = new Uint32Array(3 * faceCount);
    for (let f = 0, g = 0; f < F; f++) {
      if (labels[f] !== label) continue;
      for (let k = 0; k < 3; k++) partIndices[3 * g + k] = map[indices[3 * f + k]!]!;
      g++;
    }
    return { label, positions: partPositions, indices: partIndices };
  });
}

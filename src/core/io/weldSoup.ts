/**
 * Turns a triangle soup (every 3 consecutive vertices one triangle, as in STL) into an indexed mesh
 * by merging vertices with bit-identical coordinates (STL writers repeat the exact same floats for a
 * shared corner). Vertices are numbered in order of first appearance, so the result is deterministic.
 * Uses an open-addressing hash table over the float bits: no strings, no per-vertex allocation.
 *
 * @param soup #C×3 corner positions (#C a multiple of 3)
 * @returns positions #V×3 and indices #C (= #F×3)
 */
export function weldSoup(soup: Float32Array): { positions: Float32Array; indices: Uint32Array } {
  const cornerTotal = soup.length / 3;
  // -0 and +0 are the same point: normalise before looking at the bits.
  const coords = new Float32Array(soup.length);
  for (let i = 0; i < soup.length; i++) coords[i] = soup[i]! + 0;
  const bits = new Uint32Array(coords.buffer);
  let capacity = 1;
  while (capacity < cornerTotal * 2) capacity <<= 1;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1); // slot → vertex id
  const firstCorner = new Uint32Array(cornerTotal); // vertex id → corner where it first appeared
  const indices = new Uint32Array(cornerTotal);
  let vertexTotal = 0;
  for (let c = 0; c < cornerTotal; c++) {
    const x = bits[3 * c]!;
    const y = bits[3 * c + 1]!;
    const z = bits[3 * c + 2]!;
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const id = table[slot]!;
      if (id < 0) {
        table[slot] = vertexTotal;
        firstCorner[vertexTotal] = c;
        indices[c] = vertexTotal++;
        break;
      }
      const f = 3 * firstCorner[id]!;
      if (bits[f] === x && bits[f + 1] === y && bits[f + 2] === z) {
        indices[c] = id;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const positions = new Float32Array(vertexTotal * 3);
  for (let v = 0; v < vertexTotal; v++) {
    const f = 3 * firstCorner[v]!;
    positions[3 * v] = coords[f]!;
    positions[3 * v + 1] = coords[f + 1]!;
    positions[3 * v + 2] = coords[f + 2]!;
  }
  return { positions, indices };
}

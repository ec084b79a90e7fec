import { faceAreas, vertexAreas as vertexAreasFromFaces } from '../geometry/triangles';

/**
 * mesh2sh's scalar channels, per vertex of a mesh and its sphere map (same connectivity):
 * - area distortion: log of (vertex area share on the mesh) / (vertex area share on the sphere);
 *   0 where the map preserves area, > 0 where the mesh is compressed on the sphere.
 * - curvature density: signed mean curvature H (cotangent Laplacian, positive on convex parts)
 *   times the area ratio A_mesh / A_sphere: curvature per unit of sphere area, which is what the
 *   sphere function must carry so that integrating it over the sphere gives ∫ H dA on the mesh.
 *
 * Vertex areas are one third of the adjacent triangle areas (barycentric dual cells).
 * positions, sphere: #V×3; indices: #F×3. Returns #V arrays.
 */
/** Barycentric vertex areas (#V) of a mesh with these positions (#V×3) and triangles (#F×3). */
export function vertexAreas(positions: ArrayLike<number>, indices: Uint32Array): Float64Array {
  return vertexAreasFromFaces(indices, faceAreas(positions, indices), positions.length / 3);
}

export function areaDistortion(
  positions: ArrayLike<number>,
  sphere: ArrayLike<number>,
  indices: Uint32Array,
): Float64Array {
  const meshAreas = vertexAreas(positions, indices);
  const sphereAreas = vertexAreas(sphere, indices);
  const meshTotal = sum(meshAreas);
  const sphereTotal = sum(sphereAreas);
  const out = new Float64Array(meshAreas.length);
  for (let v = 0; v < out.length; v++) {
    const ratio = meshAreas[v] / meshTotal / (sphereAreas[v] / sphereTotal);
    out[v] = ratio > 0 && Number.isFinite(ratio) ? Math.log(ratio) : 0;
  }
  return out;
}

export function curvatureDensity(
  positions: ArrayLike<number>,
  sphere: ArrayLike<number>,
  indices: Uint32Array,
): Float64Array {
  const V = positions.length / 3;
  // Cotangent Laplacian applied to the positions (Δx = Σ (cot α + cot β)/2 (x_j − x_i)) and the
  // area-weighted normal, accumulated per face.
  const lap = new Float64Array(3 * V);
  const normal = new Float64Array(3 * V);
  const corner = [0, 0, 0];
  for (let f = 0; f < indices.length; f += 3) {
    corner[0] = indices[f];
    corner[1] = indices[f + 1];
    corner[2] = indices[f + 2];
    const a = 3 * corner[0],
      b = 3 * corner[1],
      c = 3 * corner[2];
    const ux = positions[b] - positions[a],
      uy = positions[b + 1] - positions[a + 1],
      uz = positions[b + 2] - positions[a + 2];
    const vx = positions[c] - positions[a],
      vy = positions[c + 1] - positions[a + 1],
      vz = positions[c + 2] - positions[a + 2];
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx;
    const twiceArea = Math.hypot(nx, ny, nz);
    for (let k = 0; k < 3; k++) {
      const i = 3 * corner[k];
      normal[i] += nx;
      normal[i + 1] += ny;
      normal[i + 2] += nz;
    }
    if (!(twiceArea > 0)) continue;
    for (let k = 0; k < 3; k++) {
      // cot of the angle at corner k weighs the opposite edge (i, j).
      const o = 3 * corner[k],
        i = 3 * corner[(k + 1) % 3],
        j = 3 * corner[(k + 2) % 3];
      const ex = positions[i] - positions[o],
        ey = positions[i + 1] - positions[o + 1],
        ez = positions[i + 2] - positions[o + 2];
      const fx = positions[j] - positions[o],
        fy = positions[j + 1] - positions[o + 1],
        fz = positions[j + 2] - positions[o + 2];
      const cot = (ex * fx + ey * fy + ez * fz) / twiceArea;
      const w = cot / 2;
      for (let d = 0; d < 3; d++) {
        const diff = positions[j + d] - positions[i + d];
        lap[i + d] += w * diff;
        lap[j + d] -= w * diff;
      }
    }
  }
  const meshAreas = vertexAreas(positions, indices);
  const sphereAreas = vertexAreas(sphere, indices);
  const out = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    const nLen = Math.hypot(normal[3 * v], normal[3 * v + 1], normal[3 * v + 2]);
    if (!(nLen > 0) || !(meshAreas[v] > 0) || !(sphereAreas[v] > 0)) continue;
    // Δx = −2 H n on a convex surface with outward n: H = −(Δx·n) / (2A).
    const dot =
      (lap[3 * v] * normal[3 * v] + lap[3 * v + 1] * normal[3 * v + 1] + lap[3 * v + 2] * normal[3 * v + 2]) /
      nLen;
    const H = -dot / (2 * meshAreas[v]);
    out[v] = (H * meshAreas[v]) / sphereAreas[v];
  }
  return out;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

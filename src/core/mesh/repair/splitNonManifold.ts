import type { EdgeTopology } from '../edgeTopology';
import { buildEdgeTopology, nextInFace, oppositeHalfEdges } from '../edgeTopology';
import type { Mesh } from '../Mesh';
import { withVertices } from '../meshEdit';
import { vertexFans } from '../vertexFans';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

/**
 * Pairs the faces around each non-manifold edge (three or more faces) the way solids meet there: the
 * faces are sorted by angle around the edge, and a face whose normal points backward (toward smaller
 * angles) is paired with the next face if that one's normal points forward, i.e. the two bound one
 * solid wedge. Faces left unpaired are detached along that edge. Writes the pairs into `opposite`.
 */
function pairAroundNonManifoldEdges(mesh: Mesh, topology: EdgeTopology, opposite: Int32Array): void {
  const p = mesh.positions;
  const indices = mesh.indices;
  const { edgeCount, edgeOffsets, edgeHalfEdges, edges } = topology;
  for (let e = 0; e < edgeCount; e++) {
    const start = edgeOffsets[e]!;
    const valence = edgeOffsets[e + 1]! - start;
    if (valence < 3) continue;
    const a = edges[2 * e]!;
    const b = edges[2 * e + 1]!;
    let dx = p[3 * b]! - p[3 * a]!;
    let dy = p[3 * b + 1]! - p[3 * a + 1]!;
    let dz = p[3 * b + 2]! - p[3 * a + 2]!;
    const length = Math.hypot(dx, dy, dz) || 1;
    dx /= length;
    dy /= length;
    dz /= length;
    const items: { h: number; angle: number; forward: boolean }[] = [];
    let ux = 0,
      uy = 0,
      uz = 0,
      wx = 0,
      wy = 0,
      wz = 0;
    for (let i = 0; i < valence; i++) {
      const h = edgeHalfEdges[start + i]!;
      const apex = indices[nextInFace(nextInFace(h))]!;
      // r: the apex's offset from the edge line, perpendicular to it.
      let rx = p[3 * apex]! - p[3 * a]!;
      let ry = p[3 * apex + 1]! - p[3 * a + 1]!;
      let rz = p[3 * apex + 2]! - p[3 * a + 2]!;
      const along = rx * dx + ry * dy + rz * dz;
      rx -= along * dx;
      ry -= along * dy;
      rz -= along * dz;
      if (i === 0) {
        const r = Math.hypot(rx, ry, rz) || 1;
        ux = rx / r;
        uy = ry / r;
        uz = rz / r;
        wx = dy * uz - dz * uy;
        wy = dz * ux - dx * uz;
        wz = dx * uy - dy * ux;
      }
      const angle = Math.atan2(rx * wx + ry * wy + rz * wz, rx * ux + ry * uy + rz * uz);
      // The face normal is ±(d × r); it points toward growing angle when the face runs a→b
      // (h starts at a) — since n = (b − a) × (apex − a) for a face a→b→apex.
      const forward = indices[h] === a;
      items.push({ h, angle, forward });
    }
    items.sort((s, t) => s.angle - t.angle);
    const paired = new Uint8Array(valence);
    for (let i = 0; i < valence; i++) {
      const j = (i + 1) % valence;
      if (paired[i] || paired[j] || i === j) continue;
      if (!items[i]!.forward && items[j]!.forward) {
        paired[i] = paired[j] = 1;
        opposite[items[i]!.h] = items[j]!.h;
        opposite[items[j]!.h] = items[i]!.h;
      }
    }
  }
}

/** One vertex per fan: the first fan (in corner order) of each vertex keeps it, each further fan gets a copy. */
function splitFans(mesh: Mesh, fanOfCorner: Uint32Array, extra: number): Mesh {
  const vertexTotal = mesh.positions.length / 3;
  const source = new Uint32Array(vertexTotal + extra);
  for (let v = 0; v < vertexTotal; v++) source[v] = v;
  const vertexOfFan = new Int32Array(mesh.indices.length).fill(-1);
  const claimed = new Uint8Array(vertexTotal);
  const indices = new Uint32Array(mesh.indices.length);
  let next = vertexTotal;
  for (let c = 0; c < indices.length; c++) {
    const fan = fanOfCorner[c]!;
    let vertex = vertexOfFan[fan]!;
    if (vertex < 0) {
      const v = mesh.indices[c]!;
      if (!claimed[v]) {
        claimed[v] = 1;
        vertex = v;
      } else {
        vertex = next++;
        source[vertex] = v;
      }
      vertexOfFan[fan] = vertex;
    }
    indices[c] = vertex;
  }
  return withVertices(mesh, source, indices);
}

/**
 * Makes the mesh manifold at its vertices and edges by splitting: faces around a non-manifold edge are
 * paired by solid wedge (the rest detached along it), then every vertex gets one copy per fan of faces
 * (a pinched vertex becomes two or more vertices; the copies carry its colour, UV, normal, attributes).
 * Where an unpaired face still reaches the paired ones round a vertex another way, it is cut loose at
 * that edge's ends (its corners there get their own vertices). Up to 4 rounds of this.
 */
export function splitNonManifold(mesh: Mesh): RepairResult {
  let current = mesh;
  let splitVertices = 0;
  let addedVertices = 0;
  let detachedFaces = 0;
  let nonManifoldEdges = 0;
  let remaining = 0;
  for (let round = 0; round < 4; round++) {
    const topology = buildEdgeTopology(current);
    const { edgeCount, edgeOffsets, edgeHalfEdges } = topology;
    let nonManifold = 0;
    for (let e = 0; e < edgeCount; e++) if (edgeOffsets[e + 1]! - edgeOffsets[e]! > 2) nonManifold++;
    if (round === 0) nonManifoldEdges = nonManifold;
    const opposite = oppositeHalfEdges(topology, current.indices.length);
    if (nonManifold) pairAroundNonManifoldEdges(current, topology, opposite);
    const fans = vertexFans(current, opposite);
    const vertexTotal = current.positions.length / 3;
    let extra = 0;
    for (let v = 0; v < vertexTotal; v++) {
      if (fans.fanCount[v]! > 1) {
        splitVertices++;
        extra += fans.fanCount[v]! - 1;
      }
    }
    if (extra > 0) {
      current = splitFans(current, fans.fanOfCorner, extra);
      addedVertices += extra;
      if (nonManifold === 0) break;
      continue;
    }
    if (nonManifold === 0) break;
    // The other faces on a non-manifold edge still reach the first pair round a vertex by another way,
    // so no fan separates them: keep the first pair on the edge and cut every other face loose at both
    // ends of the edge.
    const cut = new Uint8Array(current.indices.length);
    const indices = current.indices;
    for (let e = 0; e < edgeCount; e++) {
      if (edgeOffsets[e + 1]! - edgeOffsets[e]! <= 2) continue;
      let kept = -1;
      for (let i = edgeOffsets[e]!; i < edgeOffsets[e + 1]! && kept < 0; i++) {
        if (opposite[edgeHalfEdges[i]!]! >= 0) kept = edgeHalfEdges[i]!;
      }
      for (let i = edgeOffsets[e]!; i < edgeOffsets[e + 1]!; i++) {
        const h = edgeHalfEdges[i]!;
        if (kept >= 0 && (h === kept || h === opposite[kept])) continue;
        cut[h] = 1;
        cut[nextInFace(h)] = 1;
        detachedFaces++;
      }
    }
    let cuts = 0;
    for (let c = 0; c < cut.length; c++) cuts += cut[c]!;
    const source = new Uint32Array(vertexTotal + cuts);
    for (let v = 0; v < vertexTotal; v++) source[v] = v;
    const cutIndices = new Uint32Array(indices);
    let next = vertexTotal;
    for (let c = 0; c < cut.length; c++) {
      if (!cut[c]) continue;
      source[next] = indices[c]!;
      cutIndices[c] = next++;
    }
    current = withVertices(current, source, cutIndices);
    addedVertices += cuts;
  }
  if (nonManifoldEdges > 0) {
    const check = buildEdgeTopology(current);
    for (let e = 0; e < check.edgeCount; e++)
      if (check.edgeOffsets[e + 1]! - check.edgeOffsets[e]! > 2) remaining++;
  }
  const counts = {
    nonManifoldEdges,
    splitVertices,
    addedVertices,
    detachedFaces,
    remainingNonManifoldEdges: remaining,
  };
  if (addedVertices === 0) {
    return {
      mesh,
      report: {
        operation: 'split_non_manifold',
        changed: false,
        counts,
        message: nonManifoldEdges
          ? `${plural(nonManifoldEdges, 'non-manifold edge')} could not be split`
          : 'Already manifold',
      },
    };
  }
  return {
    mesh: current,
    report: {
      operation: 'split_non_manifold',
      changed: true,
      counts,
      message:
        `Split ${plural(splitVertices, 'non-manifold vertex', 'non-manifold vertices')}, adding ${plural(addedVertices, 'vertex', 'vertices')}` +
        (nonManifoldEdges ? ` (${plural(nonManifoldEdges, 'non-manifold edge')})` : '') +
        (detachedFaces ? `; cut ${plural(detachedFaces, 'face')} loose` : '') +
        (remaining ? `; ${plural(remaining, 'non-manifold edge')} left` : ''),
    },
  };
}

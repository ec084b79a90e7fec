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

/**
 * Makes the mesh manifold at its vertices and edges by splitting: faces around a non-manifold edge are
 * paired by solid wedge (the rest detached along it), then every vertex gets one copy per fan of faces
 * (a pinched vertex becomes two or more vertices; the copies carry its colour, UV, normal, attributes).
 * Repeats while non-manifold edges remain (rare; at most 3 rounds).
 */
export function splitNonManifold(mesh: Mesh): RepairResult {
  let current = mesh;
  let splitVertices = 0;
  let addedVertices = 0;
  let nonManifoldEdges = 0;
  let remaining = 0;
  for (let round = 0; round < 3; round++) {
    const topology = buildEdgeTopology(current);
    let nonManifold = 0;
    for (let e = 0; e < topology.edgeCount; e++)
      if (topology.edgeOffsets[e + 1]! - topology.edgeOffsets[e]! > 2) nonManifold++;
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
    if (extra === 0) break;
    addedVertices += extra;
    // The first fan (in corner order) of each vertex keeps it; each further fan gets a new vertex.
    const source = new Uint32Array(vertexTotal + extra);
    for (let v = 0; v < vertexTotal; v++) source[v] = v;
    const vertexOfFan = new Int32Array(current.indices.length).fill(-1);
    const claimed = new Uint8Array(vertexTotal);
    const indices = new Uint32Array(current.indices.length);
    let next = vertexTotal;
    for (let c = 0; c < indices.length; c++) {
      const fan = fans.fanOfCorner[c]!;
      let vertex = vertexOfFan[fan]!;
      if (vertex < 0) {
        const v = current.indices[c]!;
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
    current = withVertices(current, source, indices);
    if (nonManifold === 0) break;
  }
  if (nonManifoldEdges > 0) {
    const check = buildEdgeTopology(current);
    for (let e = 0; e < check.edgeCount; e++)
      if (check.edgeOffsets[e + 1]! - check.edgeOffsets[e]! > 2) remaining++;
  }
  const counts = { nonManifoldEdges, splitVertices, addedVertices, remainingNonManifoldEdges: remaining };
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
        `Split ${plural(splitVertices, 'non-manifold vertex', 'non-manifold vertices')} into ${plural(addedVertices, 'new vertex', 'new vertices')}` +
        (nonManifoldEdges ? ` (${plural(nonManifoldEdges, 'non-manifold edge')})` : '') +
        (remaining ? `; ${plural(remaining, 'non-manifold edge')} remain` : ''),
    },
  };
}

import type { EdgeTopology } from './edgeTopology';
import { nextInFace } from './edgeTopology';
import type { Mesh } from './Mesh';

/**
 * The boundary (edges with one face) as loops of vertices. Loop i has vertices
 * `vertices[offsets[i] … offsets[i+1])`, walked along the faces' own direction where the faces allow it,
 * and `halfEdges` (same layout) gives the boundary half-edge from each vertex to the next. Where a vertex
 * has more than two boundary edges (two holes touching) the walk takes the boundary half-edge leaving it
 * first, so each loop is a closed walk; `closed[i]` is 0 only for a chain that could not be closed
 * (possible only where faces are inconsistently oriented or the boundary branches oddly).
 */
export interface BoundaryLoops {
  count: number;
  offsets: Uint32Array;
  vertices: Uint32Array;
  halfEdges: Uint32Array;
  closed: Uint8Array;
}

export function boundaryLoops(mesh: Pick<Mesh, 'positions' | 'indices'>, topology: EdgeTopology): BoundaryLoops {
  const indices = mesh.indices;
  const vertexTotal = mesh.positions.length / 3;
  const { edgeOffsets, edgeHalfEdges, edgeCount } = topology;

  // Boundary half-edges, and for each vertex the boundary half-edges touching it (CSR).
  const boundary: number[] = [];
  for (let e = 0; e < edgeCount; e++) {
    if (edgeOffsets[e + 1]! - edgeOffsets[e]! === 1) boundary.push(edgeHalfEdges[edgeOffsets[e]!]!);
  }
  const count = boundary.length;
  const start = new Uint32Array(vertexTotal + 1);
  for (const h of boundary) {
    start[indices[h]! + 1]!++;
    start[indices[nextInFace(h)]! + 1]!++;
  }
  for (let v = 0; v < vertexTotal; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, vertexTotal);
  const touching = new Uint32Array(2 * count); // indices into `boundary`
  for (let i = 0; i < count; i++) {
    const h = boundary[i]!;
    touching[fill[indices[h]!]!++] = i;
    touching[fill[indices[nextInFace(h)]!]!++] = i;
  }

  const visited = new Uint8Array(count);
  const offsets: number[] = [0];
  const loopVertices = new Uint32Array(count + count); // a chain can have one vertex more than edges
  const loopHalfEdges = new Uint32Array(count + count);
  const closed: number[] = [];
  let n = 0;
  for (let first = 0; first < count; first++) {
    if (visited[first]) continue;
    visited[first] = 1;
    const h0 = boundary[first]!;
    const origin = indices[h0]!;
    loopVertices[n] = origin;
    loopHalfEdges[n++] = h0;
    let current = indices[nextInFace(h0)]!;
    let isClosed = 1;
    while (current !== origin) {
      // Prefer a boundary half-edge leaving `current` (keeps the faces' direction), else any unvisited one.
      let next = -1;
      for (let i = start[current]!; i < start[current + 1]!; i++) {
        const candidate = touching[i]!;
        if (visited[candidate]) continue;
        if (indices[boundary[candidate]!] === current) {
          next = candidate;
          break;
        }
        if (next < 0) next = candidate;
      }
      if (next < 0) {
        isClosed = 0;
        loopVertices[n] = current;
        loopHalfEdges[n++] = 0xffffffff;
        break;
      }
      visited[next] = 1;
      const h = boundary[next]!;
      loopVertices[n] = current;
      loopHalfEdges[n++] = h;
      const a = indices[h]!;
      current = a === current ? indices[nextInFace(h)]! : a;
    }
    offsets.push(n);
    closed.push(isClosed);
  }
  return {
    count: closed.length,
    offsets: Uint32Array.from(offsets),
    vertices: loopVertices.slice(0, n),
    halfEdges: loopHalfEdges.slice(0, n),
    closed: Uint8Array.from(closed),
  };
}

import type { EdgeTopology } from './edgeTopology';
import { nextInFace } from './edgeTopology';
import type { Mesh } from './Mesh';

/**
 * The boundary (edges with one face) as loops of vertices. Loop i has vertices
 * `vertices[offsets[i] … offsets[i+1])`, walked along the faces' own direction where the faces allow it,
 * and `halfEdges` (same layout) gives the boundary half-edge from each vertex to the next. Where a vertex
 * has more than two boundary edges (two holes touching at a vertex) the closed walk through it is cut
 * there into simple loops, so every closed loop visits each vertex once. `closed[i]` is 0 only for a
 * chain that could not be closed (possible only where faces are inconsistently oriented or the boundary
 * branches oddly).
 */
export interface BoundaryLoops {
  count: number;
  offsets: Uint32Array;
  vertices: Uint32Array;
  halfEdges: Uint32Array;
  closed: Uint8Array;
}

export function boundaryLoops(
  mesh: Pick<Mesh, 'positions' | 'indices'>,
  topology: EdgeTopology,
): BoundaryLoops {
  const indices = mesh.indices;
  const vertexTotal = mesh.positions.length / 3;
  const { edgeOffsets, edgeHalfEdges, edgeCount } = topology;

  // Boundary half-edges, and for each vertex the boundary half-edges touching it (CSR).
  let count = 0;
  for (let e = 0; e < edgeCount; e++) if (edgeOffsets[e + 1]! - edgeOffsets[e]! === 1) count++;
  const boundary = new Uint32Array(count);
  for (let e = 0, i = 0; e < edgeCount; e++) {
    if (edgeOffsets[e + 1]! - edgeOffsets[e]! === 1) boundary[i++] = edgeHalfEdges[edgeOffsets[e]!]!;
  }
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
  // At most one loop per boundary edge.
  const offsets = new Uint32Array(count + 1);
  const closed = new Uint8Array(count);
  let loopCount = 0;
  const loopVertices = new Uint32Array(count + count); // a chain can have one vertex more than edges
  const loopHalfEdges = new Uint32Array(count + count);
  const lastWalk = new Int32Array(vertexTotal).fill(-1); // the walk that last visited each vertex
  const stackPosition = new Int32Array(vertexTotal).fill(-1);
  let n = 0;

  // Moves output entries [from, to) down to `emitted` (≤ from) as one closed loop.
  let emitted = 0;
  const emit = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      stackPosition[loopVertices[i]!] = -1;
      loopVertices[emitted] = loopVertices[i]!;
      loopHalfEdges[emitted++] = loopHalfEdges[i]!;
    }
    closed[loopCount] = 1;
    offsets[++loopCount] = emitted;
  };

  for (let first = 0; first < count; first++) {
    if (visited[first]) continue;
    visited[first] = 1;
    const loopStart = n;
    const h0 = boundary[first]!;
    const origin = indices[h0]!;
    loopVertices[n] = origin;
    loopHalfEdges[n++] = h0;
    lastWalk[origin] = first;
    let repeated = false;
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
      if (lastWalk[current] === first) repeated = true;
      lastWalk[current] = first;
      const h = boundary[next]!;
      loopVertices[n] = current;
      loopHalfEdges[n++] = h;
      const a = indices[h]!;
      current = a === current ? indices[nextInFace(h)]! : a;
    }
    if (!isClosed || !repeated) {
      closed[loopCount] = isClosed;
      offsets[++loopCount] = n;
      continue;
    }
    // Cut the closed walk at repeated vertices: when a vertex comes round again, the steps since its
    // first visit form a simple loop of their own.
    const walkVertices = loopVertices.slice(loopStart, n);
    const walkHalfEdges = loopHalfEdges.slice(loopStart, n);
    let top = loopStart; // the stack of open steps lives in the output arrays from loopStart to top
    emitted = loopStart;
    for (let i = 0; i < walkVertices.length; i++) {
      const v = walkVertices[i]!;
      const seen = stackPosition[v]!;
      if (seen >= 0) {
        // Sub-loop: stack[seen, top). Rotate it out below the remaining stack, keeping order.
        const subVertices = loopVertices.slice(seen, top);
        const subHalfEdges = loopHalfEdges.slice(seen, top);
        for (let j = seen - 1; j >= emitted; j--) {
          loopVertices[j + top - seen] = loopVertices[j]!;
          loopHalfEdges[j + top - seen] = loopHalfEdges[j]!;
          stackPosition[loopVertices[j]!] = j + top - seen;
        }
        const base = emitted;
        loopVertices.set(subVertices, base);
        loopHalfEdges.set(subHalfEdges, base);
        emit(base, base + subVertices.length);
      }
      stackPosition[v] = top;
      loopVertices[top] = v;
      loopHalfEdges[top++] = walkHalfEdges[i]!;
    }
    emit(emitted, top);
  }
  return {
    count: loopCount,
    offsets: offsets.slice(0, loopCount + 1),
    vertices: loopVertices.slice(0, n),
    halfEdges: loopHalfEdges.slice(0, n),
    closed: closed.slice(0, loopCount),
  };
}

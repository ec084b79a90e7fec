import { boundaryLoops } from './boundaryLoops';
import { connectedComponents } from './connectedComponents';
import { buildEdgeTopology, oppositeHalfEdges } from './edgeTopology';
import { DEFAULT_DEGENERATE_TOLERANCE, findDegenerateFaces, findDuplicateFaces } from './faceChecks';
import { meshBounds } from './measure';
import type { Mesh } from './Mesh';
import { orientationPatches } from './orientationPatches';
import { vertexFans } from './vertexFans';

/**
 * Where each problem is, for colouring in the editor and for repairs. Vertex pairs are #N×2.
 * - boundaryEdges, nonManifoldEdges, inconsistentEdges: vertex pairs
 * - nonManifoldVertices, unusedVertices: vertex ids
 * - degenerateFaces, duplicateFaces: face ids (duplicates: the later copies)
 * - componentOfFace: #F; componentFaceCounts: #C; insideOut: #C
 * - boundaryLoopOffsets (#L+1) / boundaryLoopVertices: the loops' vertices, see boundaryLoops.ts
 */
export interface MeshProblems {
  boundaryEdges: Uint32Array;
  nonManifoldEdges: Uint32Array;
  inconsistentEdges: Uint32Array;
  nonManifoldVertices: Uint32Array;
  unusedVertices: Uint32Array;
  degenerateFaces: Uint32Array;
  duplicateFaces: Uint32Array;
  componentOfFace: Uint32Array;
  componentFaceCounts: Uint32Array;
  /** #C, 1 for a component that is inside out (see insideOutComponents). */
  insideOut: Uint8Array;
  boundaryLoopOffsets: Uint32Array;
  boundaryLoopVertices: Uint32Array;
}

/**
 * What `inspectMesh` reports. Counting conventions (see docs/mesh.md):
 * - vertices counts every vertex; unusedVertices those no face refers to. Unused vertices take no part
 *   in components, χ or genus (a stray point is not a piece of the surface).
 * - edges: unique undirected edges (a face side whose ends are one vertex is not an edge).
 * - eulerCharacteristic = (vertices − unusedVertices) − edges + faces.
 * - components: faces connected through shared vertices (pieces touching at one vertex are one).
 * - nonManifoldVertices: vertices on a non-manifold edge, plus pinched vertices whose faces form more
 *   than one fan; pinchedVertices counts the latter alone.
 * - inconsistentEdges: manifold edges whose two faces traverse them in the same direction.
 * - orientable: every patch of faces joined by manifold edges can be oriented consistently.
 * - insideOutComponents: closed, manifold, consistently oriented components with negative volume
 *   (normals pointing in).
 * - genus: (2 − χ)/2 when the mesh is one component, closed, manifold and orientable; else null.
 *   componentGenus gives the same per component (null for a component that is not).
 */
export interface MeshInspection {
  vertices: number;
  faces: number;
  edges: number;
  components: number;
  boundaryEdges: number;
  boundaryLoops: number;
  nonManifoldEdges: number;
  nonManifoldVertices: number;
  pinchedVertices: number;
  inconsistentEdges: number;
  orientable: boolean;
  insideOutComponents: number;
  degenerateFaces: number;
  duplicateFaces: number;
  unusedVertices: number;
  eulerCharacteristic: number;
  closed: boolean;
  manifold: boolean;
  genus: number | null;
  componentGenus: (number | null)[];
  bbox: { min: [number, number, number]; max: [number, number, number] };
  problems: MeshProblems;
}

export interface InspectOptions {
  /** Degenerate-face tolerance relative to the bbox diagonal (see findDegenerateFaces). */
  degenerateTolerance?: number;
}

/** Everything `homeomorph info` and the Inspect panel report about a mesh, in O(#V + #F). */
export function inspectMesh(mesh: Mesh, options: InspectOptions = {}): MeshInspection {
  const indices = mesh.indices;
  const vertexTotal = mesh.positions.length / 3;
  const faceTotal = indices.length / 3;
  const topology = buildEdgeTopology(mesh);
  const { edgeCount, edgeOffsets, edgeHalfEdges, edges } = topology;

  // Edges by valence and orientation: count, then fill typed lists (a soup has millions).
  const valenceOf = (e: number): number => edgeOffsets[e + 1]! - edgeOffsets[e]!;
  const isInconsistent = (e: number): boolean =>
    indices[edgeHalfEdges[edgeOffsets[e]!]!] === indices[edgeHalfEdges[edgeOffsets[e]! + 1]!];
  let boundaryCount = 0;
  let nonManifoldCount = 0;
  let inconsistentCount = 0;
  for (let e = 0; e < edgeCount; e++) {
    const valence = valenceOf(e);
    if (valence === 1) boundaryCount++;
    else if (valence > 2) nonManifoldCount++;
    else if (isInconsistent(e)) inconsistentCount++;
  }
  const boundaryPairs = new Uint32Array(2 * boundaryCount);
  const nonManifoldPairs = new Uint32Array(2 * nonManifoldCount);
  const inconsistentPairs = new Uint32Array(2 * inconsistentCount);
  const onNonManifoldEdge = new Uint8Array(vertexTotal);
  for (let e = 0, nb = 0, nn = 0, ni = 0; e < edgeCount; e++) {
    const valence = valenceOf(e);
    const a = edges[2 * e]!;
    const b = edges[2 * e + 1]!;
    if (valence === 1) {
      boundaryPairs[nb++] = a;
      boundaryPairs[nb++] = b;
    } else if (valence > 2) {
      nonManifoldPairs[nn++] = a;
      nonManifoldPairs[nn++] = b;
      onNonManifoldEdge[a] = 1;
      onNonManifoldEdge[b] = 1;
    } else if (isInconsistent(e)) {
      inconsistentPairs[ni++] = a;
      inconsistentPairs[ni++] = b;
    }
  }

  // Vertices: unused, pinched (several fans), non-manifold.
  const opposite = oppositeHalfEdges(topology, indices.length);
  const fans = vertexFans(mesh, opposite);
  let unusedCount = 0;
  let nonManifoldVertexCount = 0;
  let pinched = 0;
  for (let v = 0; v < vertexTotal; v++) {
    const count = fans.fanCount[v]!;
    if (count === 0) unusedCount++;
    if (count > 1) pinched++;
    if (count > 1 || onNonManifoldEdge[v]) nonManifoldVertexCount++;
  }
  const unused = new Uint32Array(unusedCount);
  const nonManifoldVertices = new Uint32Array(nonManifoldVertexCount);
  for (let v = 0, nu = 0, nm = 0; v < vertexTotal; v++) {
    const count = fans.fanCount[v]!;
    if (count === 0) unused[nu++] = v;
    if (count > 1 || onNonManifoldEdge[v]) nonManifoldVertices[nm++] = v;
  }

  const components = connectedComponents(mesh);
  const patches = orientationPatches(mesh, opposite);
  let orientable = true;
  for (let p = 0; p < patches.count; p++) if (!patches.orientable[p]) orientable = false;

  // Per component: χ and whether it is closed, manifold and orientable.
  const c = components.count;
  const chi = new Float64Array(c);
  const bad = new Uint8Array(c);
  const { componentOfFace, componentOfVertex } = components;
  for (let f = 0; f < faceTotal; f++) chi[componentOfFace[f]!]!++;
  for (let v = 0; v < vertexTotal; v++) {
    const comp = componentOfVertex[v]!;
    if (fans.fanCount[v] === 0) continue;
    chi[comp]!++;
    if (fans.fanCount[v]! > 1 || onNonManifoldEdge[v]) bad[comp] = 1;
  }
  for (let e = 0; e < edgeCount; e++) {
    const comp = componentOfVertex[edges[2 * e]!]!;
    chi[comp]!--;
    if (edgeOffsets[e + 1]! - edgeOffsets[e]! !== 2) bad[comp] = 1;
  }
  for (let f = 0; f < faceTotal; f++) {
    if (!patches.orientable[patches.patchOfFace[f]!]) bad[componentOfFace[f]!] = 1;
  }
  // Inside out: a closed, manifold, consistently oriented component with negative signed volume.
  const volume = new Float64Array(c);
  const inconsistent = new Uint8Array(c);
  for (let i = 0; i < inconsistentPairs.length; i += 2)
    inconsistent[componentOfVertex[inconsistentPairs[i]!]!] = 1;
  const p = mesh.positions;
  for (let f = 0; f < faceTotal; f++) {
    const comp = componentOfFace[f]!;
    if (bad[comp] || inconsistent[comp]) continue;
    const a = 3 * indices[3 * f]!;
    const b = 3 * indices[3 * f + 1]!;
    const d = 3 * indices[3 * f + 2]!;
    volume[comp]! +=
      p[a]! * (p[b + 1]! * p[d + 2]! - p[b + 2]! * p[d + 1]!) +
      p[a + 1]! * (p[b + 2]! * p[d]! - p[b]! * p[d + 2]!) +
      p[a + 2]! * (p[b]! * p[d + 1]! - p[b + 1]! * p[d]!);
  }
  const insideOut = new Uint8Array(c);
  let insideOutComponents = 0;
  for (let i = 0; i < c; i++) {
    if (!bad[i] && !inconsistent[i] && volume[i]! < 0) {
      insideOut[i] = 1;
      insideOutComponents++;
    }
  }

  const componentGenus: (number | null)[] = [];
  for (let i = 0; i < c; i++) componentGenus.push(bad[i] ? null : (2 - chi[i]!) / 2);

  const eulerCharacteristic = vertexTotal - unused.length - edgeCount + faceTotal;
  const closed = boundaryPairs.length === 0;
  const manifold = nonManifoldPairs.length === 0 && nonManifoldVertices.length === 0;
  const genus = c === 1 && closed && manifold && orientable ? componentGenus[0]! : null;

  const loops = boundaryLoops(mesh, topology);
  const degenerate = findDegenerateFaces(mesh, options.degenerateTolerance ?? DEFAULT_DEGENERATE_TOLERANCE);
  const duplicates = findDuplicateFaces(mesh).duplicates;

  return {
    vertices: vertexTotal,
    faces: faceTotal,
    edges: edgeCount,
    components: c,
    boundaryEdges: boundaryPairs.length / 2,
    boundaryLoops: loops.count,
    nonManifoldEdges: nonManifoldPairs.length / 2,
    nonManifoldVertices: nonManifoldVertices.length,
    pinchedVertices: pinched,
    inconsistentEdges: inconsistentPairs.length / 2,
    orientable,
    insideOutComponents,
    degenerateFaces: degenerate.length,
    duplicateFaces: duplicates.length,
    unusedVertices: unused.length,
    eulerCharacteristic,
    closed,
    manifold,
    genus,
    componentGenus,
    bbox: meshBounds(mesh),
    problems: {
      boundaryEdges: boundaryPairs,
      nonManifoldEdges: nonManifoldPairs,
      inconsistentEdges: inconsistentPairs,
      nonManifoldVertices,
      unusedVertices: unused,
      degenerateFaces: degenerate,
      duplicateFaces: duplicates,
      componentOfFace,
      componentFaceCounts: components.faceCounts,
      insideOut,
      boundaryLoopOffsets: loops.offsets,
      boundaryLoopVertices: loops.vertices,
    },
  };
}

/** The inspection without its typed arrays: plain JSON for reports, userData and `info --json`. */
export function inspectionSummary(inspection: MeshInspection): Omit<MeshInspection, 'problems'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { problems, ...summary } = inspection;
  return summary;
}

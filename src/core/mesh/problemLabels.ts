import type { AttributeInfo } from './attributeInfo';
import { buildEdgeTopology, oppositeHalfEdges } from './edgeTopology';
import type { MeshInspection } from './inspect';
import type { Mesh } from './Mesh';
import { orientationPatches } from './orientationPatches';

/** Face problem labels, most severe first where a face has several. Values index FACE_PROBLEM_INFO.classes. */
export const FaceProblem = {
  ok: 0,
  nonManifold: 1,
  degenerate: 2,
  duplicate: 3,
  flipped: 4,
  boundary: 5,
  smallComponent: 6,
} as const;

export const FACE_PROBLEM_ATTRIBUTE = '_INSPECTION';
export const VERTEX_PROBLEM_ATTRIBUTE = '_INSPECTION_VERTEX';

export const FACE_PROBLEM_INFO: AttributeInfo = {
  kind: 'label',
  domain: 'face',
  label: 'Mesh problems',
  firstLabel: 0,
  classes: [
    { name: 'OK', color: '#a0a4a8' },
    { name: 'Non-manifold', color: '#e8112d' },
    { name: 'Degenerate', color: '#00b3b3' },
    { name: 'Duplicate', color: '#ff4fd8' },
    { name: 'Flipped', color: '#7a3cff' },
    { name: 'At a hole', color: '#ffb000' },
    { name: 'Not the largest piece', color: '#3c8dff' },
  ],
};

export const VertexProblem = { ok: 0, nonManifold: 1, boundary: 2, unused: 3 } as const;

export const VERTEX_PROBLEM_INFO: AttributeInfo = {
  kind: 'label',
  domain: 'vertex',
  label: 'Vertex problems',
  firstLabel: 0,
  classes: [
    { name: 'OK', color: '#a0a4a8' },
    { name: 'Non-manifold', color: '#e8112d' },
    { name: 'On a hole', color: '#ffb000' },
    { name: 'Unused', color: '#3c8dff' },
  ],
};

/**
 * Per-face and per-vertex problem labels for colouring (#F and #V, values of FaceProblem / VertexProblem).
 * "Flipped" marks the faces the orientation repair would flip (the minority of their patch, and every
 * face of an inside-out piece), not every face next to an inconsistent edge.
 */
export function problemLabels(
  mesh: Mesh,
  inspection: MeshInspection,
): { faces: Uint8Array; vertices: Uint8Array } {
  const indices = mesh.indices;
  const faceTotal = indices.length / 3;
  const vertexTotal = mesh.positions.length / 3;
  const p = inspection.problems;

  const vertices = new Uint8Array(vertexTotal);
  for (const v of p.unusedVertices) vertices[v] = VertexProblem.unused;
  for (const v of p.boundaryEdges) vertices[v] = VertexProblem.boundary;
  for (const v of p.nonManifoldVertices) vertices[v] = VertexProblem.nonManifold;

  // Lower value = more severe; start from "no problem" as the largest.
  const faces = new Uint8Array(faceTotal).fill(255);
  const mark = (f: number, problem: number): void => {
    if (problem < faces[f]!) faces[f] = problem;
  };
  let largest = 0;
  for (let c = 1; c < p.componentFaceCounts.length; c++)
    if (p.componentFaceCounts[c]! > p.componentFaceCounts[largest]!) largest = c;
  for (let f = 0; f < faceTotal; f++)
    if (p.componentOfFace[f] !== largest) mark(f, FaceProblem.smallComponent);

  const topology = buildEdgeTopology(mesh);
  for (let h = 0; h < indices.length; h++) {
    const e = topology.halfEdgeEdge[h]!;
    if (e === 0xffffffff) continue;
    const valence = topology.edgeOffsets[e + 1]! - topology.edgeOffsets[e]!;
    if (valence === 1) mark((h / 3) | 0, FaceProblem.boundary);
    else if (valence > 2) mark((h / 3) | 0, FaceProblem.nonManifold);
  }
  if (inspection.inconsistentEdges > 0) {
    const patches = orientationPatches(mesh, oppositeHalfEdges(topology, indices.length));
    for (let f = 0; f < faceTotal; f++) {
      const q = patches.patchOfFace[f]!;
      const invert = 2 * patches.patchFlipCounts[q]! > patches.patchFaceCounts[q]! ? 1 : 0;
      if (patches.flip[f]! ^ invert) mark(f, FaceProblem.flipped);
    }
  }
  for (let f = 0; f < faceTotal; f++) if (p.insideOut[p.componentOfFace[f]!]) mark(f, FaceProblem.flipped);
  for (const f of p.duplicateFaces) mark(f, FaceProblem.duplicate);
  for (const f of p.degenerateFaces) mark(f, FaceProblem.degenerate);
  for (let f = 0; f < faceTotal; f++) {
    const c = 3 * f;
    if (
      vertices[indices[c]!] === VertexProblem.nonManifold ||
      vertices[indices[c + 1]!] === VertexProblem.nonManifold ||
      vertices[indices[c + 2]!] === VertexProblem.nonManifold
    ) {
      mark(f, FaceProblem.nonManifold);
    }
    if (faces[f] === 255) faces[f] = FaceProblem.ok;
  }
  return { faces, vertices };
}

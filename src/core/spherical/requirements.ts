import type { MeshInspection } from '../mesh/inspect';

/**
 * Why a mesh cannot be mapped onto the sphere, or null if it can. A sphere map needs one closed,
 * manifold, orientable piece of genus 0 whose vertices all belong to faces (an unused vertex makes
 * the flow's system singular). The wording is what the panel and the CLI show.
 */
export function sphereMapProblem(inspection: MeshInspection): string | null {
  if (inspection.faces === 0) return 'the mesh has no faces';
  if (inspection.components > 1) return `${inspection.components} separate pieces (needs one)`;
  if (inspection.boundaryEdges > 0) return `open boundary with ${inspection.boundaryEdges} edges`;
  if (inspection.nonManifoldEdges > 0) return `non-manifold edge (${inspection.nonManifoldEdges})`;
  if (inspection.nonManifoldVertices > 0) return `non-manifold vertex (${inspection.nonManifoldVertices})`;
  if (!inspection.orientable) return 'not orientable';
  if (inspection.unusedVertices > 0) return `unused vertices (${inspection.unusedVertices})`;
  if (inspection.genus === null) return 'not a closed manifold surface';
  if (inspection.genus !== 0)
    return `not genus 0: ${inspection.genus} handle${inspection.genus === 1 ? '' : 's'}`;
  return null;
}

/** The figures the properties panel shows: the Inspect & Repair inspector's report without its arrays. */
export interface MeshStats {
  vertices: number;
  faces: number;
  edges: number;
  components: number;
  boundaryEdges: number;
  boundaryLoops: number;
  nonManifoldEdges: number;
  nonManifoldVertices: number;
  inconsistentEdges: number;
  degenerateFaces: number;
  duplicateFaces: number;
  unusedVertices: number;
  eulerCharacteristic: number;
  closed: boolean;
  manifold: boolean;
  genus: number | null;
  bbox: { min: [number, number, number]; max: [number, number, number] };
}

import { connectedComponents } from '../connectedComponents';
import type { Mesh } from '../Mesh';
import { facesWithout, withFaces } from '../meshEdit';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';
import { compactVertices } from './removeUnusedVertices';

/**
 * Removes connected pieces (faces joined through shared vertices) with fewer than `minFaces` faces,
 * or, with `keepLargest`, every piece but the one with the most faces (the first of equals). The
 * vertices of removed pieces go with them; vertices that were unused before stay.
 */
export function removeSmallComponents(
  mesh: Mesh,
  options: { minFaces?: number; keepLargest?: boolean } = {},
): RepairResult {
  const minFaces = options.minFaces ?? 0;
  const keepLargest = options.keepLargest ?? false;
  const operation = keepLargest ? 'keep_largest_component' : 'remove_small_components';
  const components = connectedComponents(mesh);
  const removeComponent = new Uint8Array(components.count);
  let largest = 0;
  for (let c = 1; c < components.count; c++)
    if (components.faceCounts[c]! > components.faceCounts[largest]!) largest = c;
  let removedComponents = 0;
  let removedFaces = 0;
  for (let c = 0; c < components.count; c++) {
    if ((keepLargest && c !== largest) || components.faceCounts[c]! < minFaces) {
      removeComponent[c] = 1;
      removedComponents++;
      removedFaces += components.faceCounts[c]!;
    }
  }
  if (removedComponents === 0) {
    return {
      mesh,
      report: {
        operation,
        changed: false,
        counts: {
          removedComponents: 0,
          removedFaces: 0,
          removedVertices: 0,
          keptComponents: components.count,
        },
        message: `No components removed (${plural(components.count, 'component')})`,
      },
    };
  }
  const faceTotal = mesh.indices.length / 3;
  const removed = new Uint8Array(faceTotal);
  for (let f = 0; f < faceTotal; f++) removed[f] = removeComponent[components.componentOfFace[f]!]!;
  const vertexCandidates = new Uint8Array(mesh.positions.length / 3);
  for (let v = 0; v < vertexCandidates.length; v++) {
    const c = components.componentOfVertex[v]!;
    vertexCandidates[v] = c < components.count && removeComponent[c] ? 1 : 0;
  }
  const compacted = compactVertices(withFaces(mesh, facesWithout(faceTotal, removed)), vertexCandidates);
  return {
    mesh: compacted.mesh,
    report: {
      operation,
      changed: true,
      counts: {
        removedComponents,
        removedFaces,
        removedVertices: compacted.removed,
        keptComponents: components.count - removedComponents,
      },
      message: `Removed ${plural(removedComponents, 'component')} (${plural(removedFaces, 'face')}), kept ${components.count - removedComponents}`,
    },
  };
}

import { describe, expect, it } from 'vitest';
import { FaceProblem, VertexProblem } from '../../../src/core/mesh/problemLabels';
import { CancelledError, InputError, type JobContext } from '../../../src/core/plugin/Job';
import { inspectJob, repairJob } from '../../../src/plugins/inspect-repair/job';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { cube, flipFaces, mesh, tetrahedron } from '../../core/mesh/fixtures';

function context(signal = new AbortController().signal): JobContext & { messages: string[] } {
  const messages: string[] = [];
  return {
    signal,
    messages,
    progress: (_fraction, message) => {
      if (message) messages.push(message);
    },
    onnx: undefined as never,
  };
}

describe('inspect job', () => {
  it('reports the inspection and labels the problem faces and vertices', async () => {
    // A cube without its top quad, one face flipped, plus a separate tetrahedron.
    const open = flipFaces(cube([0, 0, 0], [1]), [0]);
    const tet = tetrahedron([3, 0, 0]);
    const m = mesh(
      [...open.positions, ...tet.positions],
      [...open.indices, ...Array.from(tet.indices, (i) => i + 8)],
    );
    const { output, transfer } = await inspectJob({ mesh: m }, {}, context());
    expect(output.summary.boundaryEdges).toBe(4);
    expect(output.summary.components).toBe(2);
    expect(output.faceLabels.length).toBe(14);
    expect(output.faceLabels[0]).toBe(FaceProblem.flipped);
    // The four top-rim side faces touch the hole…
    const labels = Array.from(output.faceLabels);
    expect(labels.filter((l) => l === FaceProblem.boundary).length).toBe(4);
    // …and the tetrahedron is not the largest piece.
    expect(labels.slice(10)).toEqual([6, 6, 6, 6]);
    expect(Array.from(output.vertexLabels.slice(4, 8))).toEqual(
      [2, 2, 2, 2].map(() => VertexProblem.boundary),
    );
    expect(transfer).toContain(output.faceLabels.buffer);
  });

  it.skipIf(!hasShared)('labels the faces around cow_pinched’s pinched vertex as non-manifold', async () => {
    const { output } = await inspectJob({ mesh: loadSharedMesh('cow_pinched.obj') }, {}, context());
    const nonManifold = Array.from(output.faceLabels).filter((l) => l === FaceProblem.nonManifold).length;
    expect(nonManifold).toBeGreaterThan(3);
    expect(Array.from(output.vertexLabels).filter((l) => l === VertexProblem.nonManifold).length).toBe(1);
  });

  it('labels every face of an inside-out piece as flipped', async () => {
    const inside = flipFaces(
      cube(),
      Array.from({ length: 12 }, (_, f) => f),
    );
    const { output } = await inspectJob({ mesh: inside }, {}, context());
    expect(output.summary.insideOutComponents).toBe(1);
    expect(Array.from(output.faceLabels)).toEqual(new Array(12).fill(FaceProblem.flipped));
  });

  it('rejects bad input with a specific message', async () => {
    await expect(inspectJob({ mesh: mesh([0, 0, 0], [0, 0, 1]) }, {}, context())).rejects.toThrow(InputError);
    await expect(inspectJob({ mesh: mesh([0, 0, 0], [0, 0, 1]) }, {}, context())).rejects.toThrow(
      /refers to vertex 1/,
    );
    await expect(inspectJob({ mesh: mesh([0, NaN, 0], []) }, {}, context())).rejects.toThrow(/NaN/);
    await expect(inspectJob({ mesh: mesh([0, 0, 0], []) }, {}, context())).rejects.toThrow(
      'The mesh has no faces',
    );
  });
});

describe('repair job', () => {
  it('repairs step by step, reports each step and inspects before and after', async () => {
    const ctx = context();
    const broken = flipFaces(cube([0, 0, 0], [2]), [1]);
    const { output, transfer } = await repairJob({ mesh: broken, options: {} }, {}, ctx);
    expect(output.before.closed).toBe(false);
    expect(output.after.closed).toBe(true);
    expect(output.after.genus).toBe(0);
    expect(output.report.message).toBe('Flipped 1 face; Filled 1 hole with 2 faces');
    expect(ctx.messages).toContain('fill holes');
    expect(transfer).toContain(output.mesh.indices.buffer);
  });

  it('stops with CancelledError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(repairJob({ mesh: cube(), options: {} }, {}, context(controller.signal))).rejects.toThrow(
      CancelledError,
    );
  });
  // stanford_bunny_open through the same steps: test/core/mesh/repair/repairMesh.test.ts.
});

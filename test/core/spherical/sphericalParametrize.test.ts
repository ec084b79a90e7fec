import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/plugin/Job';
import { measureSphereMap } from '../../../src/core/spherical/distortion';
import { applyMobius, mobiusCentre } from '../../../src/core/spherical/mobiusCentring';
import { normalizeToUnitArea, radialDeviation } from '../../../src/core/spherical/normalize';
import { sphericalParametrize, type FlowStep } from '../../../src/core/spherical/sphericalParametrize';
import { faceAreas, vertexAreas } from '../../../src/core/geometry/triangles';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { icosphere } from './helpers';

describe('normalisation and radial deviation', () => {
  it('centres on the area centroid, scales to unit area; a sphere has radial deviation ~0, an ellipsoid does not', () => {
    const { positions, indices } = icosphere(3);
    const x = positions.map((v, i) => (i % 3 === 0 ? 3 * v + 5 : v - 2));
    const areas = new Float64Array(indices.length / 3);
    const weights = new Float64Array(positions.length / 3);
    normalizeToUnitArea(x, indices, areas);
    expect(faceAreas(x, indices).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(radialDeviation(x, indices, areas, weights)).toBeGreaterThan(0.1);
    const sphere = Float64Array.from(positions);
    faceAreas(sphere, indices, areas);
    // σ comes from √(E[r²] − μ²), so rounding leaves ~√ε.
    expect(radialDeviation(sphere, indices, areas, weights)).toBeLessThan(1e-6);
  });
});

describe('sphericalParametrize on small synthetic meshes', () => {
  it('maps an icosphere onto itself with no flips and tiny distortion, converging at once', async () => {
    const { positions, indices } = icosphere(2);
    const { sphere, metrics } = await sphericalParametrize({ positions, indices });
    expect(metrics.steps).toBe(0); // already round: radial deviation ≈ 1e-8 ≤ 1e-3
    expect(metrics.flippedTriangles).toBe(0);
    expect(metrics.angleDistortionMax).toBeLessThan(1e-9);
    for (let i = 0; i < sphere.length; i++) expect(sphere[i]).toBeCloseTo(positions[i], 9);
  });

  it('rounds a 1.5:1:0.8 ellipsoid (15 steps in the reference README), and reports a stray vertex', async () => {
    const { positions, indices } = icosphere(4); // 2562 vertices, as in the README's experiment
    const stretched = positions.map((v, i) => (i % 3 === 0 ? 1.5 * v : i % 3 === 2 ? 0.8 * v : v));
    const { metrics } = await sphericalParametrize({ positions: stretched, indices });
    expect(metrics.converged).toBe(true);
    expect(metrics.steps).toBeLessThanOrEqual(16);
    expect(metrics.flippedTriangles).toBe(0);
    // An unused vertex has an empty row: the system is singular and the error says what to do.
    const withStray = new Float64Array(stretched.length + 3);
    withStray.set(stretched);
    await expect(sphericalParametrize({ positions: withStray, indices })).rejects.toThrow(
      /singular.*Inspect & Repair/,
    );
  });
});

describe('measureSphereMap', () => {
  it('reports zero distortion for a sphere mesh mapped to itself, and counts flips', () => {
    const { positions, indices } = icosphere(2);
    const q = measureSphereMap(positions, positions, indices);
    expect(q.flippedTriangles).toBe(0);
    expect(q.angleDistortionMax).toBeLessThan(1e-12);
    expect(q.quasiConformalMax).toBeLessThan(1e-6);
    expect(q.areaDistortionMax).toBeLessThan(1e-12);
    expect(q.inputOutward).toBe(true);
    // Mirror the sphere: every triangle is reversed.
    const mirrored = positions.map((v, i) => (i % 3 === 0 ? -v : v));
    expect(measureSphereMap(positions, mirrored, indices).flippedTriangles).toBe(indices.length / 3);
  });

  it('measures a known affine distortion: stretching by 2 along one axis', () => {
    // A single right isosceles triangle against its stretched copy: σ1/σ2 = 2 → qc = 1.
    const original = Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    const image = Float64Array.from([0, 0, 0, 2, 0, 0, 0, 1, 0]);
    const q = measureSphereMap(original, image, Uint32Array.from([0, 1, 2]));
    expect(q.quasiConformalMax).toBeCloseTo(1, 12);
    // Corner 0 stays 90°; corner 1: 45° → atan(1/2).
    // (atan ½ and atan 2 are equally far from 45°, as they sum to 90°.)
    expect(q.angleDistortionMax).toBeCloseTo((Math.PI / 4 - Math.atan(0.5)) / (Math.PI / 4), 12);
  });
});

describe('Möbius centring', () => {
  it('moves the weighted centroid to the origin and keeps the map conformal', () => {
    const { positions, indices } = icosphere(3);
    const sphere = Float64Array.from(positions);
    applyMobius(sphere, 0.4, -0.2, 0.1); // push the mass off-centre
    const weights = vertexAreas(indices, faceAreas(positions, indices), positions.length / 3);
    const { centroidNorm, steps } = mobiusCentre(sphere, weights);
    expect(centroidNorm).toBeLessThan(1e-9);
    expect(steps).toBeLessThan(12);
    // A Möbius map is conformal, so small triangles keep their angles (up to discretisation).
    const q = measureSphereMap(positions, sphere, indices);
    expect(q.flippedTriangles).toBe(0);
    expect(q.angleDistortionMean).toBeLessThan(0.02);
    // The icosphere's own vertex areas are centred on the original sphere: centring undoes the push.
    let maxDiff = 0;
    for (let i = 0; i < sphere.length; i++) maxDiff = Math.max(maxDiff, Math.abs(sphere[i] - positions[i]));
    expect(maxDiff).toBeLessThan(0.05);
  });
});

describe.skipIf(!hasShared)('sphericalParametrize on the shared meshes', () => {
  it('spot_low: no flips, the reference figures (100 steps, rd 3.4e-3, angle 0.0921)', async () => {
    const steps: FlowStep[] = [];
    const { sphere, metrics, faces } = await sphericalParametrize(
      loadSharedMesh('spot_low.obj'),
      {},
      (s) => void steps.push(s),
    );
    expect(metrics.flippedTriangles).toBe(0);
    expect(metrics.steps).toBe(100);
    expect(metrics.converged).toBe(false);
    expect(metrics.radialDeviation).toBeCloseTo(0.00337, 4);
    expect(metrics.angleDistortionMean).toBeLessThan(0.0921 * 1.01);
    expect(metrics.quasiConformalMean).toBeCloseTo(0.205, 2);
    expect(steps.length).toBe(100);
    expect(steps[99].radialDeviation).toBe(metrics.radialDeviation);
    for (let i = 0; i < sphere.length; i += 3)
      expect(Math.hypot(sphere[i], sphere[i + 1], sphere[i + 2])).toBeCloseTo(1, 12);
    expect(faces.angleDistortion.length).toBe(1654);
  });

  it('spot: converges in 26 steps with no flips and angle distortion at the reference (0.0257)', async () => {
    const { metrics } = await sphericalParametrize(loadSharedMesh('spot.obj'));
    expect(metrics.converged).toBe(true);
    expect(metrics.steps).toBe(26);
    expect(metrics.radialDeviation).toBeLessThanOrEqual(1e-3);
    expect(metrics.flippedTriangles).toBe(0);
    expect(metrics.angleDistortionMean).toBeLessThan(0.0257 * 1.01);
    expect(metrics.angleDistortionMean).toBeLessThan(0.05); // mesh2sh's own bound on spot
    expect(metrics.factorizations).toBeLessThan(26); // the stale factor was reused
  });

  it('reusing a stale factor (PCG) gives the same map as refactoring every step', async () => {
    const mesh = loadSharedMesh('bunny.obj');
    const reuse = await sphericalParametrize(mesh, { maxSteps: 30, stepSolver: 'stale' });
    const refactor = await sphericalParametrize(mesh, { maxSteps: 30, stepSolver: 'refactor' });
    expect(refactor.metrics.factorizations).toBe(30);
    expect(reuse.metrics.factorizations).toBeLessThan(3);
    expect(reuse.metrics.pcgIterations).toBeGreaterThan(29);
    let maxDiff = 0;
    for (let i = 0; i < reuse.sphere.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(reuse.sphere[i] - refactor.sphere[i]));
    expect(maxDiff).toBeLessThan(1e-7);
    expect(reuse.metrics.angleDistortionMean).toBeCloseTo(refactor.metrics.angleDistortionMean, 8);
  });

  it('lumped mass and Möbius centring: no flips, centred, same conformality', async () => {
    const mesh = loadSharedMesh('spot_low.obj');
    const lumped = await sphericalParametrize(mesh, { mass: 'lumped', mobiusCentring: true });
    expect(lumped.metrics.flippedTriangles).toBe(0);
    expect(lumped.metrics.centroidAfterCentring).toBeLessThan(1e-8);
    expect(lumped.metrics.angleDistortionMean).toBeLessThan(0.0921 * 1.05);
  });

  it('cheburashka: the intrinsic Delaunay Laplacian folds far fewer triangles than the cotangent one (35 in the reference)', async () => {
    const { metrics } = await sphericalParametrize(loadSharedMesh('cheburashka.obj'), {
      laplacian: 'intrinsic-delaunay',
      unfold: false,
    });
    expect(metrics.flippedTriangles).toBeLessThanOrEqual(4);
    expect(metrics.angleDistortionMean).toBeLessThan(0.0561); // the reference's, with the cotangent Laplacian
  });

  it('cheburashka: unfolds the 35 triangles the flow folds, moving only the vertices around them, with less angle distortion than the reference', async () => {
    const mesh = loadSharedMesh('cheburashka.obj');
    const folded = await sphericalParametrize(mesh, { unfold: false });
    const unfolded = await sphericalParametrize(mesh);
    expect(folded.metrics.flippedTriangles).toBe(35); // as in the native reference
    expect(unfolded.metrics.foldedByFlow).toBe(35);
    expect(unfolded.metrics.flippedTriangles).toBe(0);
    expect(unfolded.metrics.zeroAreaOnSphere).toBe(0);
    expect(unfolded.metrics.angleDistortionMean).toBeLessThan(0.0561); // the reference's
    expect(unfolded.metrics.angleDistortionMax).toBeLessThan(folded.metrics.angleDistortionMax);
    let moved = 0;
    for (let v = 0; v < unfolded.sphere.length / 3; v++) {
      const d = Math.hypot(
        unfolded.sphere[3 * v]! - folded.sphere[3 * v]!,
        unfolded.sphere[3 * v + 1]! - folded.sphere[3 * v + 1]!,
        unfolded.sphere[3 * v + 2]! - folded.sphere[3 * v + 2]!,
      );
      if (d > 0) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(unfolded.metrics.unfoldedVertices);
    expect(unfolded.metrics.unfoldedVertices).toBeLessThan(0.05 * (mesh.positions.length / 3));
  });

  it('stops between steps when cancelled', async () => {
    const controller = new AbortController();
    const run = sphericalParametrize(
      loadSharedMesh('spot_low.obj'),
      {},
      (s) => {
        if (s.step === 3) controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});

import { describe, expect, it } from 'vitest';
import { icosphere } from '../../../src/core/harmonics/icosphere';
import { interpolateVertexValues, locateGridPoints } from '../../../src/core/harmonics/sphereGridLookup';
import { ShTransform } from '../../../src/core/harmonics/shTransform';
import { vmfDensityCoefficients, vmfLegendreCoefficients } from '../../../src/core/harmonics/vmfDensity';
import { ShEvaluator } from '../../../src/core/harmonics/shEvaluator';
import { radialSphereMap } from '../../../src/core/harmonics/radialSphereMap';

describe('icosphere', () => {
  it('has 10·4^k + 2 vertices on the unit sphere and outward-facing triangles', () => {
    for (const level of [0, 2, 4]) {
      const { positions, indices } = icosphere(level);
      expect(positions.length / 3).toBe(10 * 4 ** level + 2);
      expect(indices.length / 3).toBe(20 * 4 ** level);
      expect(radialSphereMap(positions, indices)).not.toBeNull(); // every face positively oriented
    }
  });
});

describe('locateGridPoints', () => {
  it('finds every grid point in a triangle whose flat plane it projects onto, poles included', () => {
    const { positions, indices } = icosphere(3);
    // Rotate so that no vertex sits exactly at a pole or on the φ = 0 meridian.
    const sphere = new Float64Array(positions.length);
    const [a, b] = [0.3, 0.7];
    for (let v = 0; v < positions.length; v += 3) {
      const x = positions[v],
        y = positions[v + 1],
        z = positions[v + 2];
      const y1 = Math.cos(a) * y - Math.sin(a) * z,
        z1 = Math.sin(a) * y + Math.cos(a) * z;
      sphere.set([Math.cos(b) * x - Math.sin(b) * z1, y1, Math.sin(b) * x + Math.cos(b) * z1], v);
    }
    for (const s of [sphere, positions]) {
      const t = new ShTransform(20);
      const lookup = locateGridPoints(s, indices, t);
      expect(lookup.fallbacks).toBe(0);
      // Interpolating the vertex positions gives the point where the grid ray meets the flat triangle:
      // parallel to the grid direction.
      const grid = interpolateVertexValues(lookup, indices, s, 3);
      const G = t.gridSize;
      let worst = 0;
      for (let j = 0; j < t.rings; j++) {
        for (let k = 0; k < t.samplesPerRing; k++) {
          const g = j * t.samplesPerRing + k;
          const p = [
            t.sinTheta[j] * Math.cos(t.longitude(k)),
            t.sinTheta[j] * Math.sin(t.longitude(k)),
            t.cosTheta[j],
          ];
          const q = [grid[g], grid[G + g], grid[2 * G + g]];
          const cross = Math.hypot(
            p[1] * q[2] - p[2] * q[1],
            p[2] * q[0] - p[0] * q[2],
            p[0] * q[1] - p[1] * q[0],
          );
          worst = Math.max(worst, cross);
          expect(p[0] * q[0] + p[1] * q[1] + p[2] * q[2]).toBeGreaterThan(0.9);
        }
      }
      expect(worst).toBeLessThan(1e-12);
    }
  });
});

describe('von Mises–Fisher vertex density', () => {
  it('has the closed-form kernel spectrum and integrates to 4π', () => {
    const kappa = 30;
    const lambda = vmfLegendreCoefficients(4, kappa);
    // λ_l = I_{l+1/2}(κ)/I_{1/2}(κ); λ_1 = coth κ − 1/κ.
    expect(lambda[0]).toBeCloseTo(1, 12);
    expect(lambda[1]).toBeCloseTo(1 / Math.tanh(kappa) - 1 / kappa, 12);
    expect(lambda[2]).toBeCloseTo(1 - (3 / kappa) * (1 / Math.tanh(kappa) - 1 / kappa), 12);
    const { positions } = icosphere(3);
    const a = vmfDensityCoefficients(positions, 16, kappa);
    expect(a[0] * Math.sqrt(4 * Math.PI)).toBeCloseTo(4 * Math.PI, 10); // ∫ρ = 4π (mean density 1)
    // Nearly uniform points: density close to 1 everywhere.
    const values = new ShEvaluator(a, 1).evaluate(positions);
    for (const v of values) expect(Math.abs(v - 1)).toBeLessThan(0.2);
  });
});

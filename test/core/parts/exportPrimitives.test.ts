import { describe, expect, it } from 'vitest';
import { ConditionalFlow } from '../../../src/core/parts/ConditionalFlow';
import { exportPrimitives, runPrimitives } from '../../../src/core/parts/exportPrimitives';
import { spherePoints } from '../../../src/core/parts/fitParts';
import { Rng } from '../../../src/core/sampling/Rng';
import { mapSphere } from '../../../src/plugins/neural-parts/job';
import { nodeOnnx } from '../../plugins/fit-sdf/nodeOnnx';

describe('ONNX export of the primitives', () => {
  it.each([1, 4])(
    'maps the sphere as our own kernels do, for every primitive (point scale %d)',
    async (pointScale) => {
      const rng = new Rng(1);
      const flow = new ConditionalFlow(
        { primitives: 3, codeSize: 4, hidden: 8, layers: 4, radius: 0.25, sMax: 3, pointScale },
        rng,
        {
          translation: Float32Array.from([0.1, 0, 0, -0.1, 0.2, 0, 0, 0, 0.3]),
          scale: Float32Array.from([1.5, 1.5, 1.5, 1, 2, 3, 0.5, 1, 1]),
          // a rotation about z by 90° for primitive 1, identity for the others
          rotation: Float32Array.from([
            1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, -1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1,
          ]),
        },
      );
      for (const p of flow.parameters) for (let i = 0; i < p.size; i++) p.data[i] += (rng.next() - 0.5) * 0.6;
      const sphere = spherePoints(300, 0.25, new Rng(2));
      const ours = mapSphere(flow, sphere);
      const model = exportPrimitives(flow);
      const theirs = await runPrimitives(nodeOnnx, model, sphere, 3);
      let moved = 0;
      for (let m = 0; m < 3; m++) {
        expect(theirs[m]).toHaveLength(sphere.length);
        for (let i = 0; i < sphere.length; i++) {
          expect(Math.abs(theirs[m]![i]! - ours[m * sphere.length + i]!)).toBeLessThan(1e-5);
          moved = Math.max(moved, Math.abs(theirs[m]![i]! - sphere[i]!));
        }
      }
      expect(moved).toBeGreaterThan(0.1);
    },
  );
});

import {
  BufferAttribute,
  BufferGeometry,
  DoubleSide,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  type Object3D,
} from 'three';
import { AddObjectCommand } from '../../core/commands/AddObjectCommand';
import type { Command } from '../../core/commands/Command';
import { MultiCommand } from '../../core/commands/MultiCommand';
import { ATTRIBUTE_INFO_KEY, type AttributeInfo } from '../../core/mesh/attributeInfo';
import { pollTriangleInput, prepareTriangleInput } from '../triangleInput';
import type { Operator, OperatorArtifact, OperatorContext, PollFailure } from '../Operator';
import { FIT_SDF_VERSION, fitSdfRefusal } from './job';
import { fitSdfProps, type FitSdfProps } from './props';
import { sliceColors } from './sliceColors';
import type { FitSdfInput, FitSdfOutput } from './types';

/**
 * The trained ONNX model of each SDF object, kept beside the scene graph rather than in userData:
 * userData is written to GLB as JSON, where megabytes of weights do not belong. The editor's
 * "Export ONNX" and the CLI's `--onnx` read it from here (or from the operator's `artifacts`).
 */
export const sdfModels = new WeakMap<Object3D, Uint8Array>();

export const fitSdfOperator: Operator<typeof fitSdfProps, FitSdfInput, FitSdfOutput> = {
  idname: 'mesh.fit_sdf',
  label: 'Fit SDF',
  description:
    'Fits a neural signed distance field (multiresolution hash grid + small MLP) to the mesh, exports it as ONNX, and extracts a closed mesh from it by marching tetrahedra, with a slice of the field.',
  category: 'Fit SDF',
  props: fitSdfProps,
  job: 'fit-sdf',
  artifactFiles: { onnx: 'the fitted SDF as an ONNX model (points [N,3] → signed distance [N,1])' },

  poll(ctx: OperatorContext): PollFailure | null {
    return pollTriangleInput(ctx.object, fitSdfRefusal);
  },

  prepare(ctx: OperatorContext) {
    return prepareTriangleInput(ctx.object);
  },

  apply(ctx: OperatorContext, output: FitSdfOutput, props: FitSdfProps): Command {
    const source = ctx.object!;
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(output.positions, 3));
    geometry.setIndex(new BufferAttribute(output.indices, 1));
    geometry.computeVertexNormals();
    const result = new Mesh(geometry, new MeshStandardMaterial({ color: 0x8fb8de, roughness: 0.6 }));
    result.name = `${source.name || 'Mesh'} SDF`;
    // beside the original: same parent, same transform
    result.position.copy(source.position);
    result.quaternion.copy(source.quaternion);
    result.scale.copy(source.scale);
    result.userData = {
      plugin: 'mesh.fit_sdf',
      props: { ...props },
      version: FIT_SDF_VERSION,
      metrics: fitSdfOperator.metrics(output, props),
    };
    if (output.onnx) sdfModels.set(result, output.onnx);

    const slice = slicePlane(output);
    slice.name = `${result.name} slice`;
    result.add(slice);
    return new MultiCommand(`Fit SDF of ${source.name || 'mesh'}`, [
      new AddObjectCommand(ctx.host, result, source.parent ?? ctx.host.scene),
    ]);
  },

  metrics(output: FitSdfOutput): Record<string, unknown> {
    return { ...output.metrics, normalisation: output.normalisation };
  },

  artifacts(output: FitSdfOutput): Record<string, OperatorArtifact> {
    if (!output.onnx) return {};
    return {
      onnx: {
        bytes: output.onnx,
        extension: '.onnx',
        mediaType: 'application/octet-stream',
        description:
          'the fitted SDF: points [N,3] in normalised coordinates → signed distance [N,1] (metadata: centre, scale)',
      },
    };
  },
};

/**
 * The slice as a flat grid mesh in the input's coordinates, coloured by distance (vertex colours,
 * so it survives GLB export without textures) with the distance itself as the scalar attribute
 * `_SDF` (input units) for the viewport's colour-map view.
 */
function slicePlane(output: FitSdfOutput): Mesh {
  const { values, size: n, axis, position, half } = output.slice;
  const { centre, scale } = output.normalisation;
  const a = axis === 'x' ? 0 : axis === 'y' ? 1 : 2;
  const u = (a + 1) % 3,
    v = (a + 2) % 3;
  const positions = new Float32Array(3 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const o = 3 * (r * n + c);
      positions[o + a] = position / scale + centre[a]!;
      positions[o + u] = (-half + (2 * half * c) / (n - 1)) / scale + centre[u]!;
      positions[o + v] = (-half + (2 * half * r) / (n - 1)) / scale + centre[v]!;
    }
  }
  const indices = new Uint32Array(6 * (n - 1) * (n - 1));
  let o = 0;
  for (let r = 0; r + 1 < n; r++) {
    for (let c = 0; c + 1 < n; c++) {
      const i = r * n + c;
      indices.set([i, i + 1, i + n + 1, i, i + n + 1, i + n], o);
      o += 6;
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('color', new BufferAttribute(sliceColors(values), 3));
  const distance = values.map((d) => d / scale);
  geometry.setAttribute('_SDF', new BufferAttribute(distance, 1));
  geometry.setIndex(new BufferAttribute(indices, 1));
  let lo = Infinity,
    hi = -Infinity;
  for (const d of distance) {
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  const info: AttributeInfo = { kind: 'scalar', domain: 'vertex', label: 'Signed distance', range: [lo, hi] };
  geometry.userData[ATTRIBUTE_INFO_KEY] = { _SDF: info };
  const plane = new Mesh(geometry, new MeshBasicMaterial({ vertexColors: true, side: DoubleSide }));
  plane.userData = { plugin: 'mesh.fit_sdf', role: 'slice', axis, position };
  return plane;
}

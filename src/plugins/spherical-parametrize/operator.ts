import {
  BufferAttribute,
  BufferGeometry,
  Float32BufferAttribute,
  MeshStandardMaterial,
  type Mesh as ThreeMesh,
  type Object3D,
} from 'three';
import type { Command } from '../../core/commands/Command';
import { MultiCommand } from '../../core/commands/MultiCommand';
import { SetGeometryCommand } from '../../core/commands/SetGeometryCommand';
import { SetUserDataCommand } from '../../core/commands/SetUserDataCommand';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY, type AttributeInfo } from '../../core/mesh/attributeInfo';
import { sphereMapPollFailure } from './spherePoll';
import { geometryToMesh, SEAM_SOURCE_KEY } from '../../core/mesh/threeGeometry';
import type { Operator, OperatorContext, PollFailure } from '../Operator';
import { checkerTexture } from './checkerTexture';
import { SetMaterialCommand } from './SetMaterialCommand';
import { morphTargetPositions, sphereCoordinates, sphereUvs } from './sphereAttributes';
import {
  PLUGIN_VERSION,
  sphericalProps,
  type SphericalJobInput,
  type SphericalJobOutput,
  type SphericalProps,
} from './props';

export const SPHERE_COORDS = '_SPHERE_COORDS';
export const ANGLE_DISTORTION = '_ANGLE_DISTORTION';
export const AREA_DISTORTION = '_AREA_DISTORTION';
/** The userData key holding { plugin, props, version, metrics }. */
export const USERDATA_KEY = 'sphericalParametrize';

function meshObject(object: Object3D | null): ThreeMesh | null {
  const mesh = object as ThreeMesh | null;
  return mesh && mesh.isMesh && mesh.geometry instanceof BufferGeometry ? mesh : null;
}

export const sphericalParametrizeOperator: Operator<
  typeof sphericalProps,
  SphericalJobInput,
  SphericalJobOutput
> = {
  idname: 'mesh.spherical_parametrize',
  label: 'Spherical Parametrize',
  description:
    'Maps a closed genus-0 mesh conformally onto the unit sphere (conformalized mean curvature flow) and shows its angle and area distortion.',
  category: 'Spherical Parametrize',
  props: sphericalProps,
  job: 'spherical-parametrize',

  poll(ctx: OperatorContext): PollFailure | null {
    const object = meshObject(ctx.object);
    if (!object) return { reason: 'select a mesh' };
    return sphereMapPollFailure(object.geometry);
  },

  prepare(ctx: OperatorContext): { input: SphericalJobInput; transfer: ArrayBuffer[] } {
    const object = meshObject(ctx.object);
    if (!object) throw new Error('select a mesh');
    const mesh = geometryToMesh(object.geometry);
    // Copies: the scene keeps its arrays, the copies travel.
    const input: SphericalJobInput = { positions: mesh.positions.slice(), indices: mesh.indices.slice() };
    return { input, transfer: [input.positions.buffer, input.indices.buffer] as ArrayBuffer[] };
  },

  apply(ctx: OperatorContext, output: SphericalJobOutput, props: SphericalProps): Command {
    const object = meshObject(ctx.object);
    if (!object) throw new Error('the mesh is gone');
    const old = object.geometry;
    const mesh = geometryToMesh(old);
    const vertexTotal = mesh.positions.length / 3;
    if (output.sphere.length !== 3 * vertexTotal) throw new Error('the mesh changed while the job ran');

    // Geometry vertices past the mesh's are UV-seam copies of mesh vertices.
    const seams = old.userData[SEAM_SOURCE_KEY] as Uint32Array | undefined;
    const drawn = old.getAttribute('position').count;
    const source = (g: number): number => (g < vertexTotal ? g : seams![g - vertexTotal]);
    const perDrawnVertex = (values: ArrayLike<number>, itemSize: number): Float32Array => {
      const out = new Float32Array(drawn * itemSize);
      for (let g = 0; g < drawn; g++) {
        const v = source(g);
        for (let c = 0; c < itemSize; c++) out[g * itemSize + c] = values[v * itemSize + c];
      }
      return out;
    };

    const geometry = new BufferGeometry();
    // Share the existing attributes (nothing of them changes); add the sphere's.
    for (const [name, attribute] of Object.entries(old.attributes)) geometry.setAttribute(name, attribute);
    geometry.setIndex(old.index);
    for (const group of old.groups) geometry.addGroup(group.start, group.count, group.materialIndex);
    const coordinates = sphereCoordinates(output.sphere);
    geometry.setAttribute(SPHERE_COORDS, new BufferAttribute(perDrawnVertex(coordinates, 2), 2));
    geometry.setAttribute('uv1', new BufferAttribute(perDrawnVertex(sphereUvs(coordinates), 2), 2));
    const target = new Float32BufferAttribute(
      perDrawnVertex(morphTargetPositions(mesh.positions, mesh.indices, output.sphere), 3),
      3,
    );
    target.name = 'sphere';
    geometry.morphAttributes = {
      ...old.morphAttributes,
      position: [...(old.morphAttributes.position ?? []), target],
    };
    geometry.morphTargetsRelative = old.morphTargetsRelative;

    const angleInfo: AttributeInfo = {
      kind: 'scalar',
      domain: 'face',
      label: 'Angle distortion |θ′−θ|/θ',
      range: [0, finiteMax(output.angleDistortion)],
    };
    const areaRange = finiteMax(output.areaDistortion.map(Math.abs));
    const areaInfo: AttributeInfo = {
      kind: 'scalar',
      domain: 'face',
      label: 'Area distortion ln(a′/a)',
      range: [-areaRange, areaRange],
    };
    const coordsInfo: AttributeInfo = {
      kind: 'scalar',
      domain: 'vertex',
      label: 'Sphere coordinates (θ, φ)',
    };
    geometry.userData = {
      ...old.userData,
      [FACE_ATTRIBUTES_KEY]: {
        ...(old.userData[FACE_ATTRIBUTES_KEY] as object | undefined),
        [ANGLE_DISTORTION]: { array: output.angleDistortion, itemSize: 1 },
        [AREA_DISTORTION]: { array: output.areaDistortion, itemSize: 1 },
      },
      [ATTRIBUTE_INFO_KEY]: {
        ...(old.userData[ATTRIBUTE_INFO_KEY] as object | undefined),
        [SPHERE_COORDS]: coordsInfo,
        [ANGLE_DISTORTION]: angleInfo,
        [AREA_DISTORTION]: areaInfo,
      },
    };
    geometry.boundingBox = old.boundingBox;
    geometry.boundingSphere = old.boundingSphere;
    geometry.name = old.name;

    const commands: Command[] = [
      new SetGeometryCommand(ctx.host, object, geometry, 'Set sphere map'),
      new SetUserDataCommand(ctx.host, object, USERDATA_KEY, {
        plugin: 'spherical-parametrize',
        props,
        version: PLUGIN_VERSION,
        metrics: output.metrics,
      }),
    ];
    if (props.checker) {
      const map = checkerTexture();
      map.channel = 1; // read through 'uv1', so the mesh's own UVs stay untouched
      commands.push(
        new SetMaterialCommand(
          ctx.host,
          object,
          new MeshStandardMaterial({ map, roughness: 0.8, name: 'sphere checkerboard' }),
        ),
      );
    }
    return new MultiCommand('Spherical Parametrize', commands);
  },

  metrics(output: SphericalJobOutput): Record<string, unknown> {
    return { ...output.metrics };
  },
};

function finiteMax(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && values[i] > max) max = values[i];
  return max;
}

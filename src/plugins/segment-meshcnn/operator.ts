import {
  BufferAttribute,
  BufferGeometry,
  Group,
  Mesh as ThreeMesh,
  MeshStandardMaterial,
  type Object3D,
} from 'three';
import type { Command } from '../../core/commands/Command';
import { AddObjectCommand } from '../../core/commands/AddObjectCommand';
import { MultiCommand } from '../../core/commands/MultiCommand';
import { RemoveObjectCommand } from '../../core/commands/RemoveObjectCommand';
import { SetGeometryCommand } from '../../core/commands/SetGeometryCommand';
import { SetUserDataCommand } from '../../core/commands/SetUserDataCommand';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY, type AttributeInfo } from '../../core/mesh/attributeInfo';
import type { SegmentClass } from '../../core/meshcnn/modelFile';
import { geometryToMesh } from '../../core/mesh/threeGeometry';
import { InputError } from '../../core/plugin/Job';
import type { AnyOperator, Operator, OperatorContext, PollFailure } from '../Operator';
import { USER_MODEL_PREFIX, userModelBytes } from './userModels';
import {
  PLUGIN_VERSION,
  segmentProps,
  type SegmentJobInput,
  type SegmentJobOutput,
  type SegmentProps,
} from './props';
import type { SplitJobInput, SplitJobOutput } from './splitJob';

/** Marks the group of pooled meshes a run adds (userData key), so the next run can replace it. */
const LEVELS_KEY = 'meshcnnLevels';

/** The per-face label attribute (1-based, glTF custom attribute name so it survives GLB export). */
export const SEGMENT_ATTRIBUTE = '_SEGMENT';
/** The userData key holding { plugin, props, version, metrics }. */
export const USERDATA_KEY = 'segmentMeshcnn';

function meshObject(object: Object3D | null): ThreeMesh | null {
  const mesh = object as ThreeMesh | null;
  return mesh && mesh.isMesh && mesh.geometry instanceof BufferGeometry ? mesh : null;
}

function faceCountOf(geometry: BufferGeometry): number {
  return (geometry.index ? geometry.index.count : geometry.getAttribute('position').count) / 3;
}

export const segmentMeshcnnOperator: Operator<typeof segmentProps, SegmentJobInput, SegmentJobOutput> = {
  idname: 'mesh.segment_meshcnn',
  label: 'Segment with MeshCNN',
  description:
    'Labels the parts of a mesh with a trained MeshCNN network (repairs and simplifies a copy to the network size, then labels every face).',
  category: 'Segment with MeshCNN',
  props: segmentProps,
  job: 'mesh.segment_meshcnn',
  inputFiles: {
    'model-file':
      "a MeshCNN model file (.hmcn, from `homeomorph train meshcnn` or the editor's Export), used instead of --model",
  },

  poll(ctx: OperatorContext): PollFailure | null {
    const object = meshObject(ctx.object);
    if (!object) return { reason: 'select a mesh' };
    if (!object.geometry.getAttribute('position')) return { reason: 'the mesh has no vertices' };
    if (faceCountOf(object.geometry) < 4) return { reason: 'the mesh has fewer than 4 triangles' };
    return null;
  },

  prepare(ctx: OperatorContext, props: SegmentProps): { input: SegmentJobInput; transfer: ArrayBuffer[] } {
    const object = meshObject(ctx.object);
    if (!object) throw new Error('select a mesh');
    const mesh = geometryToMesh(object.geometry);
    const input: SegmentJobInput = { positions: mesh.positions.slice(), indices: mesh.indices.slice() };
    const file = ctx.files?.['model-file'];
    if (file) input.modelBytes = file.slice();
    else if (props.model.startsWith(USER_MODEL_PREFIX)) {
      const bytes = userModelBytes(props.model);
      if (!bytes)
        throw new InputError(`the model "${props.model.slice(USER_MODEL_PREFIX.length)}" is no longer saved`);
      input.modelBytes = bytes.slice();
    }
    const transfer = [
      input.positions.buffer,
      input.indices.buffer,
      ...(input.modelBytes ? [input.modelBytes.buffer] : []),
    ] as ArrayBuffer[];
    return { input, transfer };
  },

  apply(ctx: OperatorContext, output: SegmentJobOutput, props: SegmentProps): Command {
    const object = meshObject(ctx.object);
    if (!object) throw new Error('the mesh is gone');
    const old = object.geometry;
    if (faceCountOf(old) !== output.faceLabels.length) throw new Error('the mesh changed while the job ran');
    const geometry = old.clone();
    const info: AttributeInfo = {
      kind: 'label',
      domain: 'face',
      label: `MeshCNN parts (${output.model})`,
      classes: output.classes,
      firstLabel: 1,
    };
    geometry.userData = {
      ...old.userData,
      [FACE_ATTRIBUTES_KEY]: {
        ...(old.userData[FACE_ATTRIBUTES_KEY] as object | undefined),
        [SEGMENT_ATTRIBUTE]: { array: Uint8Array.from(output.faceLabels), itemSize: 1 },
      },
      [ATTRIBUTE_INFO_KEY]: {
        ...(old.userData[ATTRIBUTE_INFO_KEY] as object | undefined),
        [SEGMENT_ATTRIBUTE]: info,
      },
    };
    const commands: Command[] = [
      new SetGeometryCommand(ctx.host, object, geometry, 'Set MeshCNN labels'),
      new SetUserDataCommand(ctx.host, object, USERDATA_KEY, {
        plugin: 'segment-meshcnn',
        props,
        version: PLUGIN_VERSION,
        metrics: segmentMeshcnnOperator.metrics(output, props),
      }),
    ];
    // A new run's labels make the last run's pooled meshes stale: replace them (in the same undoable step).
    for (const child of object.children)
      if (child.userData[LEVELS_KEY]) commands.push(new RemoveObjectCommand(ctx.host, child));
    if (props.showLevels) commands.push(new AddObjectCommand(ctx.host, levelsGroup(output), object));
    return new MultiCommand('Segment with MeshCNN', commands);
  },

  metrics(output: SegmentJobOutput): Record<string, unknown> {
    return {
      model: output.model,
      classes: output.classes.map((c) => c.name),
      seconds: output.metrics.seconds,
      ...output.metrics,
      faceLabels: Array.from(output.faceLabels),
      edgeLabels: Array.from(output.edgeLabels),
    };
  },
};

/** Hidden child objects: the mesh the network saw (labelled) and each pooled mesh, to show what it collapsed. */
function levelsGroup(output: SegmentJobOutput): Group {
  const group = new Group();
  group.name = 'MeshCNN levels';
  group.visible = false;
  group.userData[LEVELS_KEY] = true;
  const info: AttributeInfo = {
    kind: 'label',
    domain: 'face',
    label: 'MeshCNN parts',
    classes: output.classes,
    firstLabel: 1,
  };
  const edges = (indices: Uint32Array) => Math.round((indices.length / 3) * 1.5);
  const levels: { positions: Float32Array; indices: Uint32Array; name: string; faceLabels?: Int32Array }[] = [
    { ...output.network, name: `network input (${edges(output.network.indices)} edges)` },
    ...output.pooled.map((p, i) => ({ ...p, name: `pooled ${i + 1} (${edges(p.indices)} edges)` })),
  ];
  for (const level of levels) {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(level.positions, 3));
    geometry.setIndex(new BufferAttribute(level.indices, 1));
    geometry.computeVertexNormals();
    if (level.faceLabels) {
      geometry.userData = {
        [FACE_ATTRIBUTES_KEY]: {
          [SEGMENT_ATTRIBUTE]: { array: Uint8Array.from(level.faceLabels), itemSize: 1 },
        },
        [ATTRIBUTE_INFO_KEY]: { [SEGMENT_ATTRIBUTE]: info },
      };
    }
    const mesh = new ThreeMesh(
      geometry,
      new MeshStandardMaterial({ color: 0xb0b0b0, flatShading: true, name: 'MeshCNN level' }),
    );
    mesh.name = level.name;
    mesh.visible = false;
    group.add(mesh);
  }
  return group;
}

function segmentInfo(object: ThreeMesh): { labels: ArrayLike<number>; classes: SegmentClass[] } | null {
  const attribute = (
    object.geometry.userData[FACE_ATTRIBUTES_KEY] as Record<string, { array: ArrayLike<number> }> | undefined
  )?.[SEGMENT_ATTRIBUTE];
  const info = (object.geometry.userData[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo> | undefined)?.[
    SEGMENT_ATTRIBUTE
  ];
  if (!attribute || attribute.array.length !== faceCountOf(object.geometry)) return null;
  return { labels: attribute.array, classes: info?.classes ?? [] };
}

const splitProps = {} as const;

export const splitByLabelOperator: Operator<typeof splitProps, SplitJobInput, SplitJobOutput> = {
  idname: 'mesh.split_by_label',
  label: 'Split by label',
  description:
    'Splits a segmented mesh into one object per part (the _SEGMENT face labels), coloured as in the legend.',
  category: 'Segment with MeshCNN',
  props: splitProps,
  job: 'mesh.split_by_label',

  poll(ctx: OperatorContext): PollFailure | null {
    const object = meshObject(ctx.object);
    if (!object) return { reason: 'select a mesh' };
    if (!segmentInfo(object))
      return {
        reason: 'the mesh has no part labels',
        fix: { idname: 'mesh.segment_meshcnn', label: 'Segment with MeshCNN' },
      };
    return null;
  },

  prepare(ctx: OperatorContext): { input: SplitJobInput; transfer: ArrayBuffer[] } {
    const object = meshObject(ctx.object);
    const labelled = object && segmentInfo(object);
    if (!object || !labelled) throw new Error('select a segmented mesh');
    const mesh = geometryToMesh(object.geometry);
    const input: SplitJobInput = {
      positions: mesh.positions.slice(),
      indices: mesh.indices.slice(),
      labels: Int32Array.from(labelled.labels),
    };
    return {
      input,
      transfer: [input.positions.buffer, input.indices.buffer, input.labels.buffer] as ArrayBuffer[],
    };
  },

  apply(ctx: OperatorContext, output: SplitJobOutput): Command {
    const object = meshObject(ctx.object);
    if (!object) throw new Error('the mesh is gone');
    const classes = segmentInfo(object)?.classes ?? [];
    const parent = object.parent ?? ctx.host.scene;
    const commands = output.parts.map((part) => {
      const geometry = new BufferGeometry();
      geometry.setAttribute('position', new BufferAttribute(part.positions, 3));
      geometry.setIndex(new BufferAttribute(part.indices, 1));
      geometry.computeVertexNormals();
      const cls = classes[part.label - 1];
      const mesh = new ThreeMesh(
        geometry,
        new MeshStandardMaterial({
          color: cls?.color ?? '#b0b0b0',
          name: cls?.name ?? `label ${part.label}`,
        }),
      );
      mesh.name = `${object.name || 'mesh'} – ${cls?.name ?? `label ${part.label}`}`;
      mesh.position.copy(object.position);
      mesh.quaternion.copy(object.quaternion);
      mesh.scale.copy(object.scale);
      return new AddObjectCommand(ctx.host, mesh, parent);
    });
    return new MultiCommand('Split by label', commands);
  },

  metrics(output: SplitJobOutput): Record<string, unknown> {
    return { parts: output.parts.map((p) => ({ label: p.label, faces: p.indices.length / 3 })) };
  },
};

export const segmentMeshcnnOperators: AnyOperator[] = [segmentMeshcnnOperator, splitByLabelOperator];

import { BufferAttribute, type Mesh as ThreeMesh } from 'three';
import { MultiCommand } from '../../core/commands/MultiCommand';
import { SetGeometryCommand } from '../../core/commands/SetGeometryCommand';
import { SetUserDataCommand } from '../../core/commands/SetUserDataCommand';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY } from '../../core/mesh/attributeInfo';
import { copyMesh } from '../../core/mesh/meshEdit';
import {
  FACE_PROBLEM_ATTRIBUTE,
  FACE_PROBLEM_INFO,
  VERTEX_PROBLEM_ATTRIBUTE,
  VERTEX_PROBLEM_INFO,
} from '../../core/mesh/problemLabels';
import { MAX_HOLE_EDGES_LIMIT } from '../../core/mesh/repair/fillHoles';
import { DEFAULT_REPAIR_OPTIONS, type RepairOptions } from '../../core/mesh/repair/repairMesh';
import { geometryToMesh, meshToGeometry, SEAM_SOURCE_KEY } from '../../core/mesh/threeGeometry';
import type { Props, PropSpecs } from '../../core/plugin/PropSpec';
import type { Operator, OperatorContext, PollFailure } from '../Operator';
import type { InspectInput, InspectionSummary, InspectOutput, RepairInput, RepairOutput } from './job';
import { asMesh, carryUserData, shareGeometry } from './sceneGeometry';

const CATEGORY = 'Inspect & Repair';
const PLUGIN = 'inspect-repair';
const VERSION = 1;
/** Inspection labels describe the geometry they were computed on; a repair drops them. */
const INSPECTION_ATTRIBUTES = [FACE_PROBLEM_ATTRIBUTE, VERTEX_PROBLEM_ATTRIBUTE];

function pollMesh(ctx: OperatorContext): PollFailure | null {
  return asMesh(ctx.object) ? null : { reason: 'Select a mesh first' };
}

/** Repairs rebuild the geometry from the indexed mesh, which has no skinning or morph targets. */
function pollRepairable(ctx: OperatorContext): PollFailure | null {
  const mesh = asMesh(ctx.object);
  if (!mesh) return { reason: 'Select a mesh first' };
  if ((mesh as Partial<{ isSkinnedMesh: boolean }>).isSkinnedMesh)
    return { reason: 'Repair does not keep skinning: not available on a skinned mesh' };
  if (Object.keys(mesh.geometry.morphAttributes).length)
    return { reason: 'Repair does not keep morph targets: not available on a mesh with shape keys' };
  return null;
}

/** The figures worth a line in a report, from an inspection summary. */
function keyFigures(s: InspectionSummary): Record<string, unknown> {
  return {
    vertices: s.vertices,
    faces: s.faces,
    components: s.components,
    boundaryEdges: s.boundaryEdges,
    nonManifoldEdges: s.nonManifoldEdges,
    nonManifoldVertices: s.nonManifoldVertices,
    inconsistentEdges: s.inconsistentEdges,
    insideOutComponents: s.insideOutComponents,
    degenerateFaces: s.degenerateFaces,
    duplicateFaces: s.duplicateFaces,
    unusedVertices: s.unusedVertices,
    closed: s.closed,
    manifold: s.manifold,
    genus: s.genus,
  };
}

const inspectProps = {} satisfies PropSpecs;

export const inspectOperator: Operator<typeof inspectProps, InspectInput, InspectOutput> = {
  idname: 'mesh.inspect',
  label: 'Inspect',
  description:
    'count holes, non-manifold parts, flipped, degenerate and duplicate faces, pieces and genus; colour the problem faces',
  category: CATEGORY,
  props: inspectProps,
  job: 'mesh.inspect',
  poll: pollMesh,
  prepare(ctx) {
    const mesh = geometryToMesh(asMesh(ctx.object)!.geometry);
    // Copies, so transferring them does not detach the arrays the scene draws.
    const input: InspectInput = {
      mesh: { positions: mesh.positions.slice(), indices: mesh.indices.slice() },
    };
    return {
      input,
      transfer: [input.mesh.positions.buffer as ArrayBuffer, input.mesh.indices.buffer as ArrayBuffer],
    };
  },
  apply(ctx, output, props) {
    const object = asMesh(ctx.object)!;
    const geometry = shareGeometry(object.geometry);
    geometry.userData[FACE_ATTRIBUTES_KEY] = {
      ...(geometry.userData[FACE_ATTRIBUTES_KEY] as object | undefined),
      [FACE_PROBLEM_ATTRIBUTE]: { array: output.faceLabels, itemSize: 1 },
    };
    geometry.userData[ATTRIBUTE_INFO_KEY] = {
      ...(geometry.userData[ATTRIBUTE_INFO_KEY] as object | undefined),
      [FACE_PROBLEM_ATTRIBUTE]: FACE_PROBLEM_INFO,
      [VERTEX_PROBLEM_ATTRIBUTE]: VERTEX_PROBLEM_INFO,
    };
    geometry.setAttribute(
      VERTEX_PROBLEM_ATTRIBUTE,
      new BufferAttribute(geometryVertexLabels(object, output.vertexLabels), 1),
    );
    const name = object.name || 'mesh';
    return new MultiCommand(`Inspect ${name}`, [
      new SetGeometryCommand(ctx.host, object, geometry),
      new SetUserDataCommand(ctx.host, object, 'inspection', {
        plugin: PLUGIN,
        version: VERSION,
        props,
        metrics: output.summary,
      }),
    ]);
  },
  metrics(output) {
    return { ...output.summary };
  },
};

/** Vertex labels for the geometry's vertices: UV-seam copies (after the mesh's #V) take their source's label. */
function geometryVertexLabels(object: ThreeMesh, labels: Uint8Array): Uint8Array {
  const total = object.geometry.getAttribute('position').count;
  if (total === labels.length) return labels;
  const out = new Uint8Array(total);
  out.set(labels.subarray(0, Math.min(total, labels.length)));
  const source = object.geometry.userData[SEAM_SOURCE_KEY] as Uint32Array | undefined;
  if (source)
    for (let s = 0; s < source.length && labels.length + s < total; s++)
      out[labels.length + s] = labels[source[s]!]!;
  return out;
}

/** An operator that runs `repairMesh` with the options its props choose, through the one repair job. */
function repairOperator<S extends PropSpecs>(spec: {
  idname: `mesh.${string}`;
  label: string;
  description: string;
  props: S;
  options(props: Props<S>): Partial<RepairOptions>;
}): Operator<S, RepairInput, RepairOutput> {
  return {
    idname: spec.idname,
    label: spec.label,
    description: spec.description,
    category: CATEGORY,
    props: spec.props,
    job: 'mesh.repair',
    poll: pollRepairable,
    prepare(ctx, props) {
      const mesh = copyMesh(geometryToMesh(asMesh(ctx.object)!.geometry), {
        skipAttributes: INSPECTION_ATTRIBUTES,
      });
      const input: RepairInput = { mesh, options: spec.options(props) };
      const buffers = new Set<ArrayBuffer>();
      for (const array of [mesh.positions, mesh.indices, mesh.colors, mesh.uvs, mesh.normals])
        if (array) buffers.add(array.buffer as ArrayBuffer);
      for (const group of [mesh.vertexAttributes, mesh.faceAttributes]) {
        for (const attribute of Object.values(group ?? {}))
          buffers.add(attribute.array.buffer as ArrayBuffer);
      }
      return { input, transfer: [...buffers] };
    },
    apply(ctx, output, props) {
      const object = asMesh(ctx.object)!;
      const geometry = meshToGeometry(output.mesh);
      geometry.name = object.geometry.name;
      carryUserData(object.geometry, geometry, INSPECTION_ATTRIBUTES);
      const name = object.name || 'mesh';
      return new MultiCommand(`${spec.label} ${name}`, [
        new SetGeometryCommand(ctx.host, object, geometry),
        new SetUserDataCommand(ctx.host, object, 'repair', {
          plugin: PLUGIN,
          operator: spec.idname,
          version: VERSION,
          props,
          metrics: { message: output.report.message, counts: output.report.counts },
        }),
        new SetUserDataCommand(ctx.host, object, 'inspection', {
          plugin: PLUGIN,
          version: VERSION,
          metrics: output.after,
        }),
      ]);
    },
    metrics(output) {
      return {
        message: output.report.message,
        changed: output.report.changed,
        counts: output.report.counts,
        before: keyFigures(output.before),
        after: keyFigures(output.after),
      };
    },
  };
}

const NOTHING: Partial<RepairOptions> = {
  weld: false,
  removeDegenerate: false,
  removeDuplicates: false,
  removeSmallComponents: false,
  keepLargestComponent: false,
  splitNonManifold: false,
  orient: false,
  fillHoles: false,
  removeUnused: false,
};

const d = DEFAULT_REPAIR_OPTIONS;
const repairProps = {
  weld: {
    type: 'bool',
    default: d.weld,
    label: 'Weld vertices',
    help: 'merge vertices closer than the tolerance',
  },
  weldTolerance: {
    type: 'float',
    default: d.weldTolerance,
    min: 0,
    max: 0.1,
    label: 'Weld tolerance',
    help: 'relative to the bounding-box diagonal',
  },
  removeDegenerate: { type: 'bool', default: d.removeDegenerate, label: 'Remove degenerate faces' },
  removeDuplicates: { type: 'bool', default: d.removeDuplicates, label: 'Remove duplicate faces' },
  removeSmallComponents: { type: 'bool', default: d.removeSmallComponents, label: 'Remove small pieces' },
  minComponentFaces: {
    type: 'int',
    default: d.minComponentFaces,
    min: 1,
    label: 'Smallest piece kept (faces)',
  },
  keepLargestComponent: {
    type: 'bool',
    default: d.keepLargestComponent,
    label: 'Keep only the largest piece',
  },
  splitNonManifold: {
    type: 'bool',
    default: d.splitNonManifold,
    label: 'Split non-manifold vertices and edges',
  },
  orient: { type: 'bool', default: d.orient, label: 'Make orientation consistent' },
  orientOutward: { type: 'bool', default: d.orientOutward, label: 'Normals point outward' },
  fillHoles: { type: 'bool', default: d.fillHoles, label: 'Fill small holes' },
  maxHoleEdges: {
    type: 'int',
    default: d.maxHoleEdges,
    min: 3,
    max: MAX_HOLE_EDGES_LIMIT,
    label: 'Largest hole filled (edges)',
  },
  removeUnused: { type: 'bool', default: d.removeUnused, label: 'Remove unused vertices' },
} satisfies PropSpecs;

/** The one-click repair other plugins offer as their poll `fix`: `{ idname: 'mesh.repair', label: 'Inspect & Repair' }`. */
export const repairAllOperator = repairOperator({
  idname: 'mesh.repair',
  label: 'Repair',
  description:
    'weld, remove degenerate and duplicate faces, split non-manifold parts, orient, fill small holes, drop unused vertices',
  props: repairProps,
  options: (props) => ({ ...props }),
});

export const weldVerticesOperator = repairOperator({
  idname: 'mesh.weld_vertices',
  label: 'Weld Vertices',
  description: 'merge coincident vertices (tolerance relative to the bounding-box diagonal)',
  props: { tolerance: repairProps.weldTolerance },
  options: (props) => ({ ...NOTHING, weld: true, weldTolerance: props.tolerance }),
});

export const removeDegenerateOperator = repairOperator({
  idname: 'mesh.remove_degenerate_faces',
  label: 'Remove Degenerate Faces',
  description: 'remove faces with a repeated vertex or zero area',
  props: {},
  options: () => ({ ...NOTHING, removeDegenerate: true }),
});

export const removeDuplicatesOperator = repairOperator({
  idname: 'mesh.remove_duplicate_faces',
  label: 'Remove Duplicate Faces',
  description: 'remove faces that repeat another face’s vertices',
  props: {},
  options: () => ({ ...NOTHING, removeDuplicates: true }),
});

export const removeUnusedOperator = repairOperator({
  idname: 'mesh.remove_unused_vertices',
  label: 'Remove Unused Vertices',
  description: 'remove vertices that no face uses',
  props: {},
  options: () => ({ ...NOTHING, removeUnused: true }),
});

export const orientFacesOperator = repairOperator({
  idname: 'mesh.orient_faces',
  label: 'Orient Faces',
  description: 'make face orientation consistent; closed pieces face outward',
  props: { outward: repairProps.orientOutward },
  options: (props) => ({ ...NOTHING, orient: true, orientOutward: props.outward }),
});

export const removeSmallComponentsOperator = repairOperator({
  idname: 'mesh.remove_small_components',
  label: 'Remove Small Pieces',
  description: 'remove connected pieces under a face count, or all but the largest',
  props: { minFaces: repairProps.minComponentFaces, keepLargest: repairProps.keepLargestComponent },
  options: (props) => ({
    ...NOTHING,
    removeSmallComponents: true,
    minComponentFaces: props.minFaces,
    keepLargestComponent: props.keepLargest,
  }),
});

export const splitNonManifoldOperator = repairOperator({
  idname: 'mesh.split_non_manifold',
  label: 'Split Non-manifold',
  description:
    'give each fan of faces at a pinched vertex its own vertex; pull apart faces on non-manifold edges',
  props: {},
  options: () => ({ ...NOTHING, splitNonManifold: true }),
});

export const fillHolesOperator = repairOperator({
  idname: 'mesh.fill_holes',
  label: 'Fill Holes',
  description: 'close boundary loops up to a number of edges with a minimum-area patch',
  props: { maxEdges: repairProps.maxHoleEdges },
  options: (props) => ({ ...NOTHING, fillHoles: true, maxHoleEdges: props.maxEdges }),
});

/** Every operator of the Inspect & Repair panel, in panel order. */
export const inspectRepairOperators = [
  inspectOperator,
  repairAllOperator,
  weldVerticesOperator,
  removeDegenerateOperator,
  removeDuplicatesOperator,
  splitNonManifoldOperator,
  orientFacesOperator,
  fillHolesOperator,
  removeSmallComponentsOperator,
  removeUnusedOperator,
];

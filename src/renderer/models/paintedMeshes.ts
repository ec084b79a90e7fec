import { Mesh, type Object3D } from 'three';
import { paintClasses, paintedLabels, type LabelClass } from '../../core/commands/PaintFacesCommand';
import { geometryToMesh } from '../../core/mesh/threeGeometry';
import { InputError } from '../../core/plugin/Job';
import type { FineTuneJobInput } from '../../plugins/segment-meshcnn/prepareFineTuneJob';

/** A mesh of the scene with painted labels, and how many faces carry each label (index 0: unpainted). */
export interface PaintedMesh {
  mesh: Mesh;
  counts: number[];
}

/** Every mesh under `root` with at least one painted face. */
export function paintedMeshes(root: Object3D): PaintedMesh[] {
  const out: PaintedMesh[] = [];
  root.traverse((o) => {
    if (!(o instanceof Mesh)) return;
    const labels = paintedLabels(o.geometry);
    if (!labels) return;
    const counts: number[] = [0];
    for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
    for (let i = 0; i < counts.length; i++) counts[i] ??= 0;
    if (counts.length > 1 && counts.slice(1).some((c) => c > 0)) out.push({ mesh: o, counts });
  });
  return out;
}

/**
 * The fine-tune job's input from the painted meshes of a scene (arrays copied, to be transferred),
 * or an InputError that says what to paint first: nothing painted, only one label painted, labels
 * beyond the classes, or a mesh painted with another label set.
 */
export function fineTuneInput(
  root: Object3D,
  classes: readonly LabelClass[],
  name: string,
): { input: FineTuneJobInput; transfer: ArrayBuffer[]; meshes: PaintedMesh[] } {
  const painted = paintedMeshes(root);
  if (painted.length === 0)
    throw new InputError(
      'nothing is painted yet: turn on Paint and drag over a mesh to label some of its faces with at least two labels',
    );
  const totals: number[] = [];
  for (const p of painted) p.counts.forEach((c, l) => (totals[l] = (totals[l] ?? 0) + c));
  const used = totals.map((c, l) => (l > 0 && c > 0 ? l : 0)).filter((l) => l > 0);
  const beyond = used.filter((l) => l > classes.length);
  if (beyond.length)
    throw new InputError(
      `label ${beyond[0]} is painted but there are only ${classes.length} labels: add labels or erase those faces`,
    );
  if (used.length < 2) {
    const only = used[0]!;
    throw new InputError(
      `only one label is painted ("${classes[only - 1]!.name}", ${totals[only]} faces): paint at least two different labels so the network can learn to tell them apart`,
    );
  }
  // Labels are numbers into one label set: a mesh painted with another set (a scene saved earlier) would
  // teach the network wrong names.
  for (const { mesh, counts } of painted) {
    const own = paintClasses(mesh.geometry);
    const top = counts.length - 1;
    if (own && own.slice(0, top).some((c, i) => c.name !== classes[i]?.name))
      throw new InputError(
        `"${mesh.name || 'a mesh'}" was painted with other labels (${own
          .slice(0, top)
          .map((c) => c.name)
          .join(', ')}): select it to use its labels, or repaint it with these`,
      );
  }
  const transfer: ArrayBuffer[] = [];
  const meshes = painted.map(({ mesh }) => {
    const m = geometryToMesh(mesh.geometry);
    const positions = m.positions.slice();
    const indices = m.indices.slice();
    const faceLabels = paintedLabels(mesh.geometry)!.slice();
    transfer.push(positions.buffer as ArrayBuffer, indices.buffer as ArrayBuffer, faceLabels.buffer);
    return { positions, indices, faceLabels };
  });
  return { input: { meshes, classes: classes.map((c) => ({ ...c })), name }, transfer, meshes: painted };
}

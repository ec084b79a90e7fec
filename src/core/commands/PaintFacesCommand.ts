import type { BufferGeometry, Mesh } from 'three';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY, type AttributeInfo } from '../mesh/attributeInfo';
import type { MeshAttribute } from '../mesh/Mesh';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** The face attribute painted labels live in: #F Uint8, 0 = not painted, 1… = the class (label 1 = classes[0]). */
export const PAINT_ATTRIBUTE = '_PAINT';

/** A label class: name and sRGB colour '#rrggbb'. */
export interface LabelClass {
  name: string;
  color: string;
}

/** The painted labels of a geometry, if it has any (a #F array), else null. */
export function paintedLabels(geometry: BufferGeometry): Uint8Array | null {
  const attribute = (geometry.userData[FACE_ATTRIBUTES_KEY] as Record<string, MeshAttribute> | undefined)?.[
    PAINT_ATTRIBUTE
  ];
  const faces = (geometry.index ? geometry.index.count : (geometry.getAttribute('position')?.count ?? 0)) / 3;
  return attribute && attribute.array instanceof Uint8Array && attribute.array.length === faces
    ? attribute.array
    : null;
}

/** The classes painted labels refer to (attributeInfo._PAINT.classes), or null. */
export function paintClasses(geometry: BufferGeometry): LabelClass[] | null {
  return (
    (geometry.userData[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo> | undefined)?.[PAINT_ATTRIBUTE]
      ?.classes ?? null
  );
}

export function paintInfo(classes: readonly LabelClass[]): AttributeInfo {
  return {
    kind: 'label',
    domain: 'face',
    label: 'Painted labels',
    classes: classes.map((c) => ({ ...c })),
    firstLabel: 1,
  };
}

/**
 * Paints one label (0 erases) on faces of a mesh, in its `_PAINT` face attribute, which GLB export keeps.
 * One brush stroke is one command: the brush calls `paint` as the pointer moves (the labels change at
 * once, without an undo entry or a scene signal per move — the brush redraws them itself) and executes
 * the command when the stroke ends. Commands of the same `stroke` merge (`mergeWith`), keeping each
 * face's label from before the stroke. The first stroke on a mesh adds the attribute and its legend
 * (`attributeInfo._PAINT`); undoing it removes them again.
 *
 * The labels array is edited in place (a stroke touches a few hundred faces of a mesh that may have
 * millions): undo and redo restore exactly the faces the stroke changed. The geometry's userData object
 * itself is replaced, never edited, since three.js clones of a geometry share it.
 */
export class PaintFacesCommand implements Command {
  readonly name: string;
  readonly geometry: BufferGeometry;
  /** face → its label before the stroke */
  private readonly before = new Map<number, number>();
  /** face → its label after the stroke */
  private readonly after = new Map<number, number>();
  /** The geometry's userData before this command first touched it (restored by undo). */
  private userDataBefore: Record<string, unknown> | null = null;

  constructor(
    private readonly host: SceneHost,
    readonly object: Mesh,
    /** 1… paints that class, 0 erases. */
    readonly label: number,
    /** The classes the labels refer to, written to the legend (attributeInfo). */
    private classes: readonly LabelClass[],
    /** Commands of the same stroke merge into one. */
    readonly stroke: object = {},
  ) {
    if (!Number.isInteger(label) || label < 0 || label > 255)
      throw new Error(`bad label ${label}: 0 (erase) to 255`);
    this.geometry = object.geometry;
    const what = label === 0 ? 'Erase labels' : `Paint ${classes[label - 1]?.name ?? `label ${label}`}`;
    this.name = `${what} on ${object.name || 'mesh'}`;
  }

  /** Faces touched so far. */
  get faceCount(): number {
    return this.after.size;
  }

  /**
   * Sets the label on `faces` now (during a stroke). @returns the faces whose label changed
   * (for the view to recolour), a subset of `faces`.
   */
  paint(faces: ArrayLike<number>): number[] {
    const labels = this.ensureAttribute();
    const changed: number[] = [];
    for (let i = 0; i < faces.length; i++) {
      const f = faces[i]!;
      if (f < 0 || f >= labels.length) continue;
      if (!this.before.has(f)) this.before.set(f, labels[f]!);
      this.after.set(f, this.label);
      if (labels[f] !== this.label) {
        labels[f] = this.label;
        changed.push(f);
      }
    }
    return changed;
  }

  execute(): void {
    const labels = this.ensureAttribute();
    for (const [f, label] of this.after) labels[f] = label;
    this.host.geometryChanged(this.object);
  }

  undo(): void {
    const labels = paintedLabels(this.geometry);
    if (labels) for (const [f, label] of this.before) labels[f] = label;
    if (this.userDataBefore) this.geometry.userData = this.userDataBefore;
    this.userDataBefore = null;
    this.host.geometryChanged(this.object);
  }

  mergeWith(next: Command): boolean {
    if (
      !(next instanceof PaintFacesCommand) ||
      next.stroke !== this.stroke ||
      next.object !== this.object ||
      next.geometry !== this.geometry
    )
      return false;
    for (const [f, label] of next.after) {
      if (!this.before.has(f)) this.before.set(f, next.before.get(f)!);
      this.after.set(f, label);
    }
    return true;
  }

  /** The labels array, adding the attribute (and setting the legend's classes) on first use. */
  private ensureAttribute(): Uint8Array {
    const existing = paintedLabels(this.geometry);
    if (this.userDataBefore && existing) return existing;
    const userData = this.geometry.userData as Record<string, unknown>;
    this.userDataBefore = userData;
    const faces =
      (this.geometry.index ? this.geometry.index.count : this.geometry.getAttribute('position').count) / 3;
    const labels = existing ?? new Uint8Array(faces);
    this.geometry.userData = {
      ...userData,
      [FACE_ATTRIBUTES_KEY]: {
        ...(userData[FACE_ATTRIBUTES_KEY] as object | undefined),
        [PAINT_ATTRIBUTE]: { array: labels, itemSize: 1 },
      },
      [ATTRIBUTE_INFO_KEY]: {
        ...(userData[ATTRIBUTE_INFO_KEY] as object | undefined),
        [PAINT_ATTRIBUTE]: paintInfo(this.classes),
      },
    };
    return labels;
  }
}

import type { BufferGeometry, Mesh } from 'three';
import { ATTRIBUTE_INFO_KEY, type AttributeInfo } from '../mesh/attributeInfo';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/**
 * Renames or recolours the classes of a label attribute (the legend in `attributeInfo[name].classes`) on
 * several meshes at once; the labels themselves stay. Repeated edits of the same attribute on the same
 * meshes merge (typing a name, dragging a colour picker). Replaces userData objects rather than editing
 * them, since three.js clones of a geometry share userData.
 */
export class SetLabelClassesCommand implements Command {
  readonly name: string;
  private readonly targets: { object: Mesh; geometry: BufferGeometry; before: Record<string, unknown> }[];

  constructor(
    private readonly host: SceneHost,
    objects: readonly Mesh[],
    readonly attribute: string,
    private classes: readonly { name: string; color: string }[],
    name = 'Edit labels',
  ) {
    this.name = name;
    this.targets = objects.map((object) => ({
      object,
      geometry: object.geometry,
      before: object.geometry.userData as Record<string, unknown>,
    }));
  }

  execute(): void {
    for (const t of this.targets) {
      const infos = (t.before[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo> | undefined) ?? {};
      const info = infos[this.attribute];
      if (!info) continue;
      t.geometry.userData = {
        ...t.before,
        [ATTRIBUTE_INFO_KEY]: {
          ...infos,
          [this.attribute]: { ...info, classes: this.classes.map((c) => ({ ...c })) },
        },
      };
      this.host.geometryChanged(t.object);
    }
  }

  undo(): void {
    for (const t of this.targets) {
      t.geometry.userData = t.before;
      this.host.geometryChanged(t.object);
    }
  }

  mergeWith(next: Command): boolean {
    if (
      !(next instanceof SetLabelClassesCommand) ||
      next.attribute !== this.attribute ||
      next.name !== this.name
    )
      return false;
    if (
      next.targets.length !== this.targets.length ||
      next.targets.some((t, i) => t.geometry !== this.targets[i]!.geometry)
    )
      return false;
    this.classes = next.classes;
    return true;
  }
}

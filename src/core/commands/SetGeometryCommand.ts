import type { BufferGeometry, Mesh } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Replaces a mesh's geometry (repairs, new attributes, morph targets). Undo restores the old one. */
export class SetGeometryCommand implements Command {
  private readonly oldGeometry: BufferGeometry;

  constructor(
    private readonly host: SceneHost,
    readonly object: Mesh,
    private readonly newGeometry: BufferGeometry,
    readonly name = `Set geometry of ${object.name || 'mesh'}`,
  ) {
    this.oldGeometry = object.geometry;
  }

  execute(): void {
    this.object.geometry = this.newGeometry;
    this.object.updateMorphTargets();
    this.host.geometryChanged(this.object);
  }

  undo(): void {
    this.object.geometry = this.oldGeometry;
    this.object.updateMorphTargets();
    this.host.geometryChanged(this.object);
  }
}

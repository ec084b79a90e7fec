import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Shows or hides objects (the outliner's eye, H / Alt+H), as one undo step. */
export class SetVisibleCommand implements Command {
  readonly name: string;
  private readonly oldVisible: boolean[];

  constructor(
    private readonly host: SceneHost,
    readonly objects: readonly Object3D[],
    private readonly visible: boolean,
  ) {
    this.oldVisible = objects.map((o) => o.visible);
    const what = objects.length === 1 ? objects[0]!.name || objects[0]!.type : `${objects.length} objects`;
    this.name = `${visible ? 'Show' : 'Hide'} ${what}`;
  }

  execute(): void {
    for (const object of this.objects) {
      object.visible = this.visible;
      this.host.objectChanged(object);
    }
  }

  undo(): void {
    this.objects.forEach((object, i) => {
      object.visible = this.oldVisible[i]!;
      this.host.objectChanged(object);
    });
  }
}

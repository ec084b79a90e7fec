import { Scene } from 'three';
import type { Object3D } from 'three';
import type { Command } from '../../core/commands/Command';
import { History } from '../../core/commands/History';
import type { SceneHost } from '../../core/commands/SceneHost';
import type { OperatorContext } from '../../plugins/Operator';
import { Signal } from './Signal';

/**
 * The editor's model: the scene of user objects, the selection and the undo history. Every change
 * goes through `execute(command)`; views listen to the past-tense signals and never edit the scene
 * themselves.
 */
export class Editor implements SceneHost {
  readonly scene = new Scene();
  /** Edits of one field within a second merge: a slider drag is one undo step even on a busy machine. */
  readonly history = new History(1000);
  readonly signals = {
    objectAdded: new Signal<Object3D>(),
    objectRemoved: new Signal<Object3D>(),
    /** Name, transform, visibility, userData or morph weights changed. */
    objectChanged: new Signal<Object3D>(),
    geometryChanged: new Signal<Object3D>(),
    selectionChanged: new Signal<readonly Object3D[]>(),
    /** Anything in the tree changed: added, removed, renamed, hidden, regrouped. */
    sceneGraphChanged: new Signal(),
    historyChanged: new Signal(),
  };
  private selected: Object3D[] = [];

  constructor() {
    this.scene.name = 'Scene';
    this.history.onChange = () => this.signals.historyChanged.dispatch();
  }

  /** All selected objects, the active one last. */
  get selection(): readonly Object3D[] {
    return this.selected;
  }

  /** The active object: the one panels act on. */
  get active(): Object3D | null {
    return this.selected[this.selected.length - 1] ?? null;
  }

  execute(command: Command): void {
    this.history.execute(command);
  }

  undo(): void {
    this.history.undo();
  }

  redo(): void {
    this.history.redo();
  }

  // --- SceneHost: called by commands only -------------------------------------------------------

  addObject(object: Object3D, parent: Object3D = this.scene, index?: number): void {
    object.removeFromParent();
    if (index === undefined || index >= parent.children.length) parent.add(object);
    else {
      parent.children.splice(Math.max(0, index), 0, object);
      object.parent = parent;
      object.dispatchEvent({ type: 'added' });
    }
    object.updateMatrixWorld(true);
    this.signals.objectAdded.dispatch(object);
    this.signals.sceneGraphChanged.dispatch();
  }

  removeObject(object: Object3D): void {
    object.removeFromParent();
    const kept = this.selected.filter((s) => !isSelfOrDescendant(s, object));
    if (kept.length !== this.selected.length) this.setSelection(kept);
    this.signals.objectRemoved.dispatch(object);
    this.signals.sceneGraphChanged.dispatch();
  }

  objectChanged(object: Object3D): void {
    this.signals.objectChanged.dispatch(object);
    this.signals.sceneGraphChanged.dispatch();
  }

  geometryChanged(object: Object3D): void {
    this.signals.geometryChanged.dispatch(object);
  }

  // --- selection (not undoable, like in Blender and the three.js editor) -------------------------

  /** Selects `object` (null clears); `additive` toggles it in a multi-selection (Shift/Ctrl-click). */
  select(object: Object3D | null, additive = false): void {
    if (!object) return this.setSelection([]);
    if (!additive) return this.setSelection([object]);
    const rest = this.selected.filter((s) => s !== object);
    this.setSelection(
      rest.length < this.selected.length && this.active === object ? rest : [...rest, object],
    );
  }

  setSelection(objects: readonly Object3D[]): void {
    const same = objects.length === this.selected.length && objects.every((o, i) => o === this.selected[i]);
    if (same) return;
    this.selected = [...objects];
    this.signals.selectionChanged.dispatch(this.selected);
  }

  operatorContext(): OperatorContext {
    return { object: this.active, selection: [...this.selected], host: this };
  }

  /** Empties the scene and the history (File ▸ New, opening a scene, restoring a recovery file). */
  clear(): void {
    this.setSelection([]);
    for (const child of [...this.scene.children]) this.removeObject(child);
    this.history.clear();
  }

  /** Finds an object by its three.js id (outliner rows, tests). */
  objectById(id: number): Object3D | undefined {
    return this.scene.getObjectById(id);
  }
}

function isSelfOrDescendant(object: Object3D, ancestor: Object3D): boolean {
  for (let o: Object3D | null = object; o; o = o.parent) if (o === ancestor) return true;
  return false;
}

import { Group, Mesh } from 'three';
import type { Object3D } from 'three';
import { RenameCommand } from '../../core/commands/RenameCommand';
import { SetVisibleCommand } from '../../core/commands/SetVisibleCommand';
import type { Editor } from '../editor/Editor';

/**
 * The scene tree: click selects (Shift/Ctrl-click adds), double-click renames, the eye hides,
 * ▸ folds. Rebuilt on the next frame after any change, so a burst of signals costs one rebuild.
 */
export class Outliner {
  private readonly collapsed = new Set<number>();
  private rebuildQueued = false;

  constructor(
    private readonly editor: Editor,
    readonly element: HTMLElement,
  ) {
    editor.signals.sceneGraphChanged.add(() => this.queueRebuild());
    // Selection only restyles rows: rebuilding them between the two clicks of a double-click would
    // swallow the double-click (rename).
    editor.signals.selectionChanged.add(() => this.updateSelection());
    this.rebuild();
  }

  private queueRebuild(): void {
    if (this.rebuildQueued) return;
    this.rebuildQueued = true;
    requestAnimationFrame(() => {
      this.rebuildQueued = false;
      this.rebuild();
    });
  }

  private updateSelection(): void {
    for (const row of this.element.querySelectorAll<HTMLElement>('.tree-row')) {
      const object = this.editor.objectById(Number(row.dataset.objectId));
      row.classList.toggle('selected', object !== undefined && this.editor.selection.includes(object));
      row.classList.toggle('active', object !== undefined && this.editor.active === object);
    }
  }

  /** Starts renaming an object in place (F2, double-click). */
  rename(object: Object3D): void {
    const row = this.element.querySelector<HTMLElement>(`[data-object-id="${object.id}"] .tree-name`);
    if (!row) return;
    const input = document.createElement('input');
    input.value = object.name;
    row.replaceChildren(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      if (commit && name && name !== object.name)
        this.editor.execute(new RenameCommand(this.editor, object, name));
      else this.rebuild();
    };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') finish(true);
      if (e.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
  }

  rebuild(): void {
    const rows: HTMLElement[] = [];
    for (const child of this.editor.scene.children) this.addRows(child, 0, rows);
    if (rows.length === 0) {
      const empty = document.createElement('div');
      empty.className = 'outliner-empty';
      empty.textContent =
        'The scene is empty. Drop OBJ, glTF/GLB, PLY, STL or OFF files (or folders) on the view, or use File ▸ Open.';
      rows.push(empty);
    }
    this.element.replaceChildren(...rows);
  }

  private addRows(object: Object3D, depth: number, rows: HTMLElement[]): void {
    const row = document.createElement('div');
    row.className = 'tree-row';
    row.dataset.objectId = String(object.id);
    row.style.paddingLeft = `${4 + depth * 14}px`;
    if (this.editor.selection.includes(object)) row.classList.add('selected');
    if (this.editor.active === object) row.classList.add('active');
    if (!object.visible) row.classList.add('hidden-object');

    const toggle = document.createElement('span');
    toggle.className = 'tree-toggle';
    const hasChildren = object.children.length > 0;
    const open = !this.collapsed.has(object.id);
    toggle.textContent = hasChildren ? (open ? '▾' : '▸') : '';
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      if (open) this.collapsed.add(object.id);
      else this.collapsed.delete(object.id);
      this.rebuild();
    });

    const icon = document.createElement('span');
    icon.className = 'tree-icon';
    icon.textContent = object instanceof Mesh ? '△' : object instanceof Group ? '▣' : '•';

    const name = document.createElement('span');
    name.className = 'tree-name';
    name.textContent = object.name || object.type;
    name.title = describe(object);

    const eye = document.createElement('button');
    eye.className = 'tree-eye';
    eye.title = object.visible ? 'Hide (H)' : 'Show';
    eye.textContent = object.visible ? '◉' : '○';
    eye.addEventListener('click', (e) => {
      e.stopPropagation();
      this.editor.execute(new SetVisibleCommand(this.editor, [object], !object.visible));
    });

    row.append(toggle, icon, name, eye);
    row.addEventListener('click', (e) => this.editor.select(object, e.shiftKey || e.ctrlKey || e.metaKey));
    row.addEventListener('dblclick', () => this.rename(object));
    rows.push(row);
    if (hasChildren && open) for (const child of object.children) this.addRows(child, depth + 1, rows);
  }
}

function describe(object: Object3D): string {
  if (object instanceof Mesh) {
    const g = object.geometry;
    const faces = (g.index ? g.index.count : g.getAttribute('position').count) / 3;
    return `${object.name}: ${g.getAttribute('position').count.toLocaleString()} vertices, ${faces.toLocaleString()} triangles`;
  }
  return `${object.name || object.type}: ${object.children.length} children`;
}

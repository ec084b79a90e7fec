import type { Object3D } from 'three';
import { DuplicateCommand } from '../core/commands/DuplicateCommand';
import { GroupCommand } from '../core/commands/GroupCommand';
import { MultiCommand } from '../core/commands/MultiCommand';
import { RemoveObjectCommand } from '../core/commands/RemoveObjectCommand';
import { SetVisibleCommand } from '../core/commands/SetVisibleCommand';
import type { Action, Menu } from './editor/actions';
import { handleShortcut } from './editor/actions';
import { Editor } from './editor/Editor';
import { Menubar } from './panels/Menubar';
import { Outliner } from './panels/Outliner';
import { PropertiesPanel } from './panels/PropertiesPanel';
import { StatusBar } from './panels/StatusBar';
import { createToolbar } from './panels/Toolbar';
import { Viewport } from './viewport/Viewport';
import type { Shading } from './viewport/Viewport';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The editor application: wires the model, the views, the menus and the keyboard together. */
export class App {
  readonly editor = new Editor();
  readonly viewport: Viewport;
  readonly outliner: Outliner;
  readonly properties: PropertiesPanel;
  readonly status: StatusBar;
  readonly actions: Action[];

  constructor(root: Document) {
    const $ = (id: string) => root.getElementById(id)!;
    this.viewport = new Viewport(this.editor, $('viewport'));
    this.outliner = new Outliner(this.editor, $('outliner'));
    this.status = new StatusBar(this.editor, $('statusbar'));
    this.properties = new PropertiesPanel(this.editor, this.viewport, $('properties'), null);
    this.actions = this.createActions();
    new Menubar($('menubar'), this.menus(), createToolbar(this.editor, this.viewport, () => this.viewport.frameSelected()));
    root.addEventListener('keydown', (e) => handleShortcut(e, this.actions));
    const hint = document.createElement('div');
    hint.className = 'viewport-hint';
    hint.textContent = 'Drag: orbit · Right-drag: pan · Wheel: zoom · F: frame · Drop files or folders to import';
    $('viewport').appendChild(hint);
  }

  action(id: string): Action {
    const action = this.actions.find((a) => a.id === id);
    if (!action) throw new Error(`no action ${id}`);
    return action;
  }

  /** Runs an action by id (menus, the desktop's native menu, tests). */
  async run(id: string): Promise<void> {
    const action = this.action(id);
    if (!action.enabled || action.enabled()) await action.run();
  }

  /** Selected objects without those whose ancestor is also selected (deleting a group deletes its children). */
  private topSelection(): Object3D[] {
    const selection = this.editor.selection;
    return selection.filter((o) => {
      for (let p = o.parent; p; p = p.parent) if (selection.includes(p)) return false;
      return true;
    });
  }

  private createActions(): Action[] {
    const editor = this.editor;
    const hasSelection = () => editor.selection.length > 0;
    const shading = (mode: Shading, label: string, key: string): Action => ({
      id: `view.shading.${mode}`,
      label: `Shading: ${label}`,
      shortcut: key,
      keys: [key],
      run: () => {
        this.viewport.shading = mode;
        for (const b of document.querySelectorAll<HTMLElement>('[data-shading]')) b.classList.toggle('active', b.dataset.shading === mode);
      },
    });
    return [
      {
        id: 'edit.undo',
        label: () => (editor.history.canUndo ? `Undo ${editor.history.undos.at(-1)!.name}` : 'Undo'),
        shortcut: `${MOD}Z`,
        keys: ['mod+z'],
        enabled: () => editor.history.canUndo,
        run: () => editor.undo(),
      },
      {
        id: 'edit.redo',
        label: () => (editor.history.canRedo ? `Redo ${editor.history.redos.at(-1)!.name}` : 'Redo'),
        shortcut: `${MOD}Shift+Z`,
        keys: ['mod+shift+z', 'mod+y'],
        enabled: () => editor.history.canRedo,
        run: () => editor.redo(),
      },
      {
        id: 'edit.delete',
        label: 'Delete',
        shortcut: 'Del',
        keys: ['delete', 'x', 'backspace'],
        enabled: hasSelection,
        run: () => {
          const objects = this.topSelection();
          const commands = objects.map((o) => new RemoveObjectCommand(editor, o));
          editor.execute(commands.length === 1 ? commands[0]! : new MultiCommand(`Delete ${objects.length} objects`, commands));
        },
      },
      {
        id: 'edit.duplicate',
        label: 'Duplicate',
        shortcut: 'Shift+D',
        keys: ['shift+d', 'mod+d'],
        enabled: hasSelection,
        run: () => {
          const commands = this.topSelection().map((o) => new DuplicateCommand(editor, o));
          editor.execute(commands.length === 1 ? commands[0]! : new MultiCommand(`Duplicate ${commands.length} objects`, commands));
          editor.setSelection(commands.map((c) => c.copy));
        },
      },
      {
        id: 'edit.group',
        label: 'Group',
        shortcut: `${MOD}G`,
        keys: ['mod+g'],
        enabled: hasSelection,
        run: () => {
          const command = new GroupCommand(editor, this.topSelection());
          editor.execute(command);
          editor.select(command.group);
        },
      },
      {
        id: 'edit.rename',
        label: 'Rename',
        shortcut: 'F2',
        keys: ['f2'],
        enabled: () => editor.active !== null,
        run: () => this.outliner.rename(editor.active!),
      },
      {
        id: 'edit.hide',
        label: 'Hide selected',
        shortcut: 'H',
        keys: ['h'],
        enabled: hasSelection,
        run: () => editor.execute(new SetVisibleCommand(editor, this.topSelection(), false)),
      },
      {
        id: 'edit.unhide',
        label: 'Show all',
        shortcut: 'Alt+H',
        keys: ['alt+h'],
        run: () => {
          const hidden: Object3D[] = [];
          editor.scene.traverse((o) => {
            if (o !== editor.scene && !o.visible) hidden.push(o);
          });
          if (hidden.length) editor.execute(new SetVisibleCommand(editor, hidden, true));
        },
      },
      {
        id: 'edit.select_all',
        label: 'Select all',
        shortcut: `${MOD}A`,
        keys: ['mod+a'],
        run: () => editor.setSelection(editor.scene.children),
      },
      { id: 'edit.select_none', label: 'Select none', shortcut: 'Esc', keys: ['escape'], run: () => editor.select(null) },
      { id: 'view.frame', label: 'Frame selected', shortcut: 'F', keys: ['f', '.'], run: () => this.viewport.frameSelected() },
      shading('smooth', 'smooth', '1'),
      shading('flat', 'flat', '2'),
      shading('wireframe', 'wireframe', '3'),
      shading('normals', 'normals', '4'),
    ];
  }

  private menus(): Menu[] {
    const a = (id: string) => this.action(id);
    return [
      { label: 'Edit', items: [a('edit.undo'), a('edit.redo'), 'separator', a('edit.rename'), a('edit.duplicate'), a('edit.group'), a('edit.delete'), 'separator', a('edit.hide'), a('edit.unhide'), 'separator', a('edit.select_all'), a('edit.select_none')] },
      { label: 'View', items: [a('view.frame'), 'separator', a('view.shading.smooth'), a('view.shading.flat'), a('view.shading.wireframe'), a('view.shading.normals')] },
    ];
  }
}

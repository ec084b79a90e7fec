import type { Object3D } from 'three';
import { AddObjectCommand } from '../core/commands/AddObjectCommand';
import { DuplicateCommand } from '../core/commands/DuplicateCommand';
import { GroupCommand } from '../core/commands/GroupCommand';
import { MultiCommand } from '../core/commands/MultiCommand';
import { RemoveObjectCommand } from '../core/commands/RemoveObjectCommand';
import { SetVisibleCommand } from '../core/commands/SetVisibleCommand';
import type { Action, Menu } from './editor/actions';
import { handleShortcut } from './editor/actions';
import { Editor } from './editor/Editor';
import { Autosave } from './autosave/Autosave';
import type { PickedFile } from './io/droppedFiles';
import type { InspectGeometryAsync } from './io/meshStatsWorker';
import { droppedFiles } from './io/droppedFiles';
import type { ExportFormat, ModelIO } from './io/ModelIO';
import { askUser } from './panels/dialog';
import { Menubar } from './panels/Menubar';
import { PluginPanel } from './panels/PluginPanel';
import { LabelPanel } from './panels/LabelPanel';
import { ModelLibrary } from './models/ModelLibrary';
import type { AnyOperator } from '../plugins/Operator';
import type { Platform } from './platform/Platform';
import { Outliner } from './panels/Outliner';
import { PropertiesPanel } from './panels/PropertiesPanel';
import { ResultViewPanel } from './panels/ResultViewPanel';
import { StatusBar } from './panels/StatusBar';
import { createToolbar } from './panels/Toolbar';
import { Viewport } from './viewport/Viewport';
import type { Shading } from './viewport/Viewport';

const EXPORT_FORMATS: ExportFormat[] = ['glb', 'obj', 'ply', 'stl'];
const COMPANION_EXTENSIONS = ['mtl', 'bin', 'png', 'jpg', 'jpeg', 'webp'];

export interface AppServices {
  platform: Platform;
  io: ModelIO;
  operators: readonly AnyOperator[];
  /** Mesh statistics computed off the UI thread (the properties panel's Inspect section). */
  computeStats: ConstructorParameters<typeof PropertiesPanel>[3];
  /** The same inspection for operator polls (seeds their cache), so they never inspect on this thread. */
  inspect: InspectGeometryAsync | null;
}

/** When the editor last closed cleanly (ms since epoch): older recovery copies are not from a crash. */
const CLEAN_EXIT_KEY = 'homeomorph.cleanExitAt';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The editor application: wires the model, the views, the menus and the keyboard together. */
export class App {
  readonly editor = new Editor();
  readonly viewport: Viewport;
  readonly outliner: Outliner;
  readonly properties: PropertiesPanel;
  readonly status: StatusBar;
  readonly plugins: PluginPanel;
  /** The label brush and "learn from your labels" (MeshCNN fine-tuning, saved models). */
  readonly labels: LabelPanel;
  readonly models: ModelLibrary;
  readonly autosave: Autosave;
  readonly actions: Action[];
  readonly platform: Platform;
  readonly io: ModelIO;
  private readonly busy = document.createElement('div');

  constructor(root: Document, services: AppServices) {
    const $ = (id: string) => root.getElementById(id)!;
    this.platform = services.platform;
    this.io = services.io;
    this.viewport = new Viewport(this.editor, $('viewport'));
    this.outliner = new Outliner(this.editor, $('outliner'));
    this.status = new StatusBar(this.editor, $('statusbar'));
    this.properties = new PropertiesPanel(this.editor, this.viewport, $('properties'), services.computeStats);
    // A drag on a panel's control (a number field, a slider) is one undo step, however slow.
    for (const panel of [$('properties'), $('plugins')])
      panel.addEventListener('pointerdown', () => this.editor.history.beginGesture());
    for (const end of ['pointerup', 'pointercancel'])
      window.addEventListener(end, () => this.editor.history.endGesture());
    this.properties.resultViews = new ResultViewPanel({
      editor: this.editor,
      operators: services.operators,
      platform: this.platform,
      requestRender: () => this.viewport.requestRender(),
      notify: (text, kind) => this.status.show(text, kind),
    });
    this.plugins = new PluginPanel(
      this.editor,
      this.platform.jobs,
      services.operators,
      $('plugins'),
      services.inspect,
    );
    this.plugins.onOutcome = (o) => {
      const label = services.operators.find((op) => op.idname === o.operator)?.label ?? o.operator;
      if (o.status === 'done') this.status.show(`${label}: done in ${o.seconds.toFixed(2)} s`, 'ok');
      else if (o.status === 'cancelled') this.status.show(`${label}: cancelled — nothing was changed`);
      else this.status.toast(`${label} failed: ${o.message}\nThe scene was not changed.`, 'error');
    };
    this.models = new ModelLibrary(this.platform.models);
    this.labels = new LabelPanel(
      this.editor,
      this.viewport,
      this.platform.jobs,
      this.models,
      $('plugins'),
      (name, bytes) => this.platform.saveFile(name, bytes),
      () => this.platform.openFiles({ title: 'Import MeshCNN models', extensions: ['hmcn'], multiple: true }),
    );
    // Beside the Segment with MeshCNN panel, whose Model choice lists the models trained here.
    const segmentPanel = root.querySelector('[data-plugin="Segment with MeshCNN"]');
    if (segmentPanel) segmentPanel.after(this.labels.gui.domElement);
    this.labels.gui.close();
    this.labels.onMessage = (text, kind) => this.status.show(text, kind);
    this.models.onChange(() => this.plugins.refreshChoices('mesh.segment_meshcnn'));
    this.labels.onModelSaved = (name) => {
      this.plugins.setValue('mesh.segment_meshcnn', 'model', `user:${name}`);
      this.status.show(`Saved the model "${name}": Segment with MeshCNN now uses it`, 'ok');
    };
    this.models
      .load((message) => this.status.toast(message, 'error'))
      .catch((e: unknown) =>
        this.status.toast(
          `Your saved models could not be read: ${e instanceof Error ? e.message : String(e)}`,
          'error',
        ),
      );
    this.actions = this.createActions();
    new Menubar(
      $('menubar'),
      this.menus(),
      createToolbar(this.editor, this.viewport, () => this.viewport.frameSelected()),
    );
    root.addEventListener('keydown', (e) => handleShortcut(e, this.actions));
    const hint = document.createElement('div');
    hint.className = 'viewport-hint';
    hint.textContent =
      'Drag: orbit · Right-drag: pan · Wheel: zoom · F: frame · Drop files or folders to import';
    this.busy.className = 'busy-overlay';
    $('viewport').append(hint, this.busy);
    this.installDrop($('viewport'));

    this.autosave = new Autosave(this.editor, this.io, this.platform.recovery);
    this.autosave.onError = (e) =>
      this.status.show(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    this.autosave.onSaved = (s) =>
      this.status.show(`Autosaved a recovery copy (${s.toFixed(2)} s, in the background)`);
    // Closing the page normally is not a crash: the recovery copy is only for the next start after one.
    // The synchronous localStorage mark is what counts; deleting the copy is best effort (an
    // IndexedDB write started while a page closes may not finish).
    window.addEventListener('pagehide', () => {
      localStorage.setItem(CLEAN_EXIT_KEY, String(Date.now()));
      void this.autosave.discard();
    });

    this.platform.onMenuCommand(
      (id) => void this.run(id).catch((e: unknown) => this.status.toast(String(e), 'error')),
    );
    const syncMenu = () =>
      this.platform.updateMenuState(
        Object.fromEntries(
          this.actions.map((a) => [
            a.id,
            {
              enabled: !a.enabled || a.enabled(),
              label: typeof a.label === 'function' ? a.label() : undefined,
            },
          ]),
        ),
      );
    this.editor.signals.historyChanged.add(syncMenu);
    this.editor.signals.selectionChanged.add(syncMenu);
    syncMenu();
  }

  /** Offers to restore the recovery copy a crashed session left; resolves true if restored. */
  async offerRecovery(): Promise<boolean> {
    const recovery = await this.platform.recovery.load().catch(() => null);
    if (!recovery) return false;
    if (recovery.savedAt <= Number(localStorage.getItem(CLEAN_EXIT_KEY) ?? 0)) {
      await this.platform.recovery.clear();
      return false;
    }
    const when = new Date(recovery.savedAt).toLocaleString();
    const choice = await askUser(
      'Restore your last scene?',
      `Homeomorph did not close cleanly last time. A recovery copy of the scene was saved at ${when}.`,
      ['Restore', 'Discard'],
    );
    if (choice !== 0) {
      await this.platform.recovery.clear();
      return false;
    }
    const file = new File([recovery.bytes as Uint8Array<ArrayBuffer>], 'recovered.glb');
    await this.openScene([{ path: 'recovered.glb', file }]);
    return true;
  }

  private setBusy(text: string | null): void {
    this.busy.textContent = text ?? '';
    this.busy.classList.toggle('visible', text !== null);
  }

  /** Imports files (drop, File ▸ Open) as one undo step; each file that fails says why. */
  async importFiles(files: readonly PickedFile[], options: { replace?: boolean } = {}): Promise<Object3D[]> {
    // MeshCNN model files go to the saved models (Paint labels ▸ Your models), not the scene.
    const networks = files.filter((f) => extension(f.path) === 'hmcn');
    if (networks.length) {
      await this.labels.importModels(networks);
      files = files.filter((f) => !networks.includes(f));
      if (files.length === 0) return [];
    }
    const models = files.filter((f) => this.io.modelExtensions.includes(extension(f.path)));
    if (models.length === 0) {
      this.status.toast(
        `Nothing to import: ${files.map((f) => f.path).join(', ') || 'no files'}.\nHomeomorph reads ${this.io.modelExtensions.join(', ').toUpperCase()} files.`,
        'error',
      );
      return [];
    }
    this.setBusy(`Reading ${models.length === 1 ? models[0]!.path : `${models.length} files`}…`);
    try {
      const result = await this.io.readFiles(files);
      for (const f of result.failures)
        this.status.toast(
          `Could not open ${f.path}: ${f.message}\nNothing was added from this file.`,
          'error',
        );
      if (result.warnings.length) this.status.toast(result.warnings.join('\n'));
      if (result.objects.length === 0) return [];
      if (options.replace) this.editor.clear();
      const commands = result.objects.map((o) => new AddObjectCommand(this.editor, o));
      const name =
        result.objects.length === 1
          ? `Import ${result.objects[0]!.name}`
          : `Import ${result.objects.length} models`;
      if (options.replace) {
        for (const c of commands) c.execute();
        this.editor.history.clear();
      } else this.editor.execute(commands.length === 1 ? commands[0]! : new MultiCommand(name, commands));
      this.editor.setSelection(result.objects);
      this.viewport.frameSelected();
      if (result.failures.length === 0)
        this.status.show(`Imported ${result.objects.map((o) => o.name).join(', ')}`, 'ok');
      return result.objects;
    } catch (error) {
      this.status.toast(
        `Import failed: ${error instanceof Error ? error.message : String(error)}\nThe scene was not changed.`,
        'error',
      );
      return [];
    } finally {
      this.setBusy(null);
    }
  }

  /** Replaces the scene by a saved one (File ▸ Open Scene, restoring a recovery copy). */
  async openScene(files: readonly PickedFile[]): Promise<void> {
    await this.importFiles(files, { replace: true });
  }

  /** Encodes objects in a worker and saves or downloads the file. */
  async exportObjects(
    objects: readonly Object3D[],
    format: ExportFormat,
    baseName: string,
  ): Promise<Uint8Array | null> {
    if (objects.length === 0) {
      this.status.toast('Nothing to export: select objects first, or use Export All.', 'error');
      return null;
    }
    this.setBusy(`Writing ${format.toUpperCase()}…`);
    try {
      const bytes = await this.io.write(objects, format, baseName);
      const saved = await this.platform.saveFile(`${baseName}.${format}`, bytes);
      if (saved)
        this.status.show(
          `Exported ${baseName}.${format} (${(bytes.byteLength / 1024).toFixed(0)} KiB)`,
          'ok',
        );
      return bytes;
    } catch (error) {
      this.status.toast(`Export failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
      return null;
    } finally {
      this.setBusy(null);
    }
  }

  private installDrop(target: HTMLElement): void {
    const overlay = document.createElement('div');
    overlay.className = 'drop-overlay';
    overlay.textContent = 'Drop models or folders to import';
    target.appendChild(overlay);
    let depth = 0;
    target.addEventListener('dragenter', (e) => {
      e.preventDefault();
      depth++;
      overlay.classList.add('visible');
    });
    target.addEventListener('dragleave', () => {
      if (--depth <= 0) {
        depth = 0;
        overlay.classList.remove('visible');
      }
    });
    target.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    });
    target.addEventListener('drop', (e) => {
      e.preventDefault();
      depth = 0;
      overlay.classList.remove('visible');
      if (!e.dataTransfer) return;
      // Entries must be taken before the event returns; reading them may take longer.
      void droppedFiles(e.dataTransfer).then((files) => this.importFiles(files));
    });
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
        for (const b of document.querySelectorAll<HTMLElement>('[data-shading]'))
          b.classList.toggle('active', b.dataset.shading === mode);
      },
    });
    const exportAction = (scope: 'selected' | 'all', format: ExportFormat): Action => ({
      id: `file.export_${scope}.${format}`,
      label: format.toUpperCase(),
      enabled: scope === 'selected' ? hasSelection : () => editor.scene.children.length > 0,
      run: async () => {
        const objects = scope === 'selected' ? this.topSelection() : editor.scene.children;
        const name = scope === 'selected' && objects.length === 1 ? objects[0]!.name || 'object' : 'scene';
        await this.exportObjects(objects, format, name.replace(/[^\w.-]+/g, '_'));
      },
    });
    const readable = () => [...this.io.modelExtensions, ...COMPANION_EXTENSIONS];
    return [
      {
        id: 'file.new',
        label: 'New scene',
        run: async () => {
          if (
            editor.history.canUndo &&
            (await askUser('New scene', 'Discard the current scene? (Undo cannot bring it back.)', [
              'Discard',
              'Cancel',
            ])) !== 0
          )
            return;
          editor.clear();
        },
      },
      {
        id: 'file.open',
        label: 'Open…',
        shortcut: `${MOD}O`,
        keys: ['mod+o'],
        run: async () => {
          const files = await this.platform.openFiles({
            title: 'Open models',
            extensions: readable(),
            multiple: true,
          });
          if (files.length) await this.importFiles(files);
        },
      },
      {
        id: 'file.open_folder',
        label: 'Open folder…',
        run: async () => {
          const files = await this.platform.openFiles({
            title: 'Open a folder of models',
            extensions: readable(),
            multiple: true,
            folder: true,
          });
          if (files.length) await this.importFiles(files);
        },
      },
      {
        id: 'file.open_scene',
        label: 'Open scene (GLB)…',
        shortcut: `${MOD}Shift+O`,
        keys: ['mod+shift+o'],
        run: async () => {
          const files = await this.platform.openFiles({
            title: 'Open a scene',
            extensions: ['glb', 'gltf', 'bin'],
            multiple: false,
          });
          if (files.length) await this.openScene(files);
        },
      },
      {
        id: 'file.save_scene',
        label: 'Save scene (GLB)…',
        shortcut: `${MOD}S`,
        keys: ['mod+s'],
        enabled: () => editor.scene.children.length > 0,
        run: async () => {
          await this.exportObjects(editor.scene.children, 'glb', 'scene');
        },
      },
      ...EXPORT_FORMATS.map((f) => exportAction('selected', f)),
      ...EXPORT_FORMATS.map((f) => exportAction('all', f)),
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
          editor.execute(
            commands.length === 1
              ? commands[0]!
              : new MultiCommand(`Delete ${objects.length} objects`, commands),
          );
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
          editor.execute(
            commands.length === 1
              ? commands[0]!
              : new MultiCommand(`Duplicate ${commands.length} objects`, commands),
          );
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
      {
        id: 'edit.select_none',
        label: 'Select none',
        shortcut: 'Esc',
        keys: ['escape'],
        run: () => editor.select(null),
      },
      {
        id: 'view.frame',
        label: 'Frame selected',
        shortcut: 'F',
        keys: ['f', '.'],
        run: () => this.viewport.frameSelected(),
      },
      shading('smooth', 'smooth', '1'),
      shading('flat', 'flat', '2'),
      shading('wireframe', 'wireframe', '3'),
      shading('normals', 'normals', '4'),
    ];
  }

  private menus(): Menu[] {
    const a = (id: string) => this.action(id);
    return [
      {
        label: 'File',
        items: [
          a('file.new'),
          a('file.open'),
          a('file.open_folder'),
          'separator',
          a('file.open_scene'),
          a('file.save_scene'),
          'separator',
          { label: 'Export selected', items: EXPORT_FORMATS.map((f) => a(`file.export_selected.${f}`)) },
          { label: 'Export all', items: EXPORT_FORMATS.map((f) => a(`file.export_all.${f}`)) },
        ],
      },
      {
        label: 'Edit',
        items: [
          a('edit.undo'),
          a('edit.redo'),
          'separator',
          a('edit.rename'),
          a('edit.duplicate'),
          a('edit.group'),
          a('edit.delete'),
          'separator',
          a('edit.hide'),
          a('edit.unhide'),
          'separator',
          a('edit.select_all'),
          a('edit.select_none'),
        ],
      },
      {
        label: 'View',
        items: [
          a('view.frame'),
          'separator',
          a('view.shading.smooth'),
          a('view.shading.flat'),
          a('view.shading.wireframe'),
          a('view.shading.normals'),
        ],
      },
    ];
  }
}

function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

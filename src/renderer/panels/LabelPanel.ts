import GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { Mesh } from 'three';
import {
  PAINT_ATTRIBUTE,
  paintClasses,
  paintedLabels,
  type LabelClass,
  type PaintFacesCommand,
} from '../../core/commands/PaintFacesCommand';
import { SetLabelClassesCommand } from '../../core/commands/SetLabelClassesCommand';
import { LABEL_PALETTE } from '../../core/mesh/labelPalette';
import { DATASET_CLASSES } from '../../core/meshcnn/datasetClasses';
import { CancelledError, InputError } from '../../core/plugin/Job';
import { modelNameProblem } from '../../plugins/segment-meshcnn/modelName';
import { SHIPPED_MODELS } from '../../plugins/segment-meshcnn/props';
import { USER_MODEL_PREFIX } from '../../plugins/segment-meshcnn/userModels';
import type { Editor } from '../editor/Editor';
import type { PickedFile } from '../io/droppedFiles';
import type { JobRunner } from '../jobs/JobRunner';
import { fineTuneOnWorkers } from '../models/fineTuneOnWorkers';
import type { ModelLibrary } from '../models/ModelLibrary';
import { fineTuneInput, paintedMeshes } from '../models/paintedMeshes';
import { LabelBrush } from '../viewport/LabelBrush';
import type { Viewport } from '../viewport/Viewport';
import { formatNumber } from '../viewport/LegendView';
import { askUser } from './dialog';
import { JobBox } from './JobBox';

/** Label sets offered besides the saved models' (the shipped models' classes; a fresh pair). */
const SHIPPED_CLASSES: Record<string, LabelClass[]> = { human: DATASET_CLASSES.human_seg! };
const NEW_SET = 'new';
const SCRATCH = 'scratch';

/** How a fine-tune run ended (tests read it from `data-state` too). */
export type FineTuneOutcome =
  | { status: 'done'; name: string; seconds: number }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

/**
 * "Paint labels & learn": a brush that paints part labels on the active mesh, the label set (pick,
 * add, rename, recolour, take a model's), and "learn from your labels": fine-tune a MeshCNN model on
 * every painted mesh of the scene in a worker (progress, live loss/accuracy, Cancel) and save it under
 * a name, after which Segment with MeshCNN offers it. Saved models can be exported and deleted here.
 */
export class LabelPanel {
  readonly gui: GUI;
  readonly brush: LabelBrush;
  /** The label set the brush paints with (label 1 = classes[0]). */
  private classes: LabelClass[] = SHIPPED_CLASSES.human!.map((c) => ({ ...c }));
  private readonly state = {
    paint: false,
    erase: false,
    radius: 20,
    units: 'screen' as 'screen' | 'world',
    label: 1,
    name: '',
    color: '#000000',
    labelsFrom: 'human',
    base: 'human',
    steps: 100,
    modelName: 'my parts',
  };
  private readonly swatches = document.createElement('div');
  private readonly learn: GUI;
  private readonly models: GUI;
  private readonly jobBox: JobBox;
  private readonly labelsFrom: Controller;
  private readonly base: Controller;
  private readonly radius: Controller;
  private readonly runButton: Controller;
  private abort: AbortController | null = null;
  /** After a model is saved (the app selects it in Segment with MeshCNN). */
  onModelSaved: (name: string) => void = () => {};
  onMessage: (text: string, kind: 'info' | 'ok' | 'error') => void = () => {};

  constructor(
    private readonly editor: Editor,
    viewport: Viewport,
    private readonly runner: JobRunner,
    private readonly library: ModelLibrary,
    container: HTMLElement,
    /** Saves a file where the user says (desktop) or downloads it (web): the platform's saveFile. */
    private readonly saveFile: (name: string, bytes: Uint8Array) => Promise<boolean>,
    /** Asks the user for .hmcn files (the platform's openFiles). */
    private readonly pickModelFiles: () => Promise<PickedFile[]>,
  ) {
    this.brush = new LabelBrush(editor, viewport, () => ({
      label: this.state.label,
      erase: this.state.erase,
      radius: this.state.radius,
      units: this.state.units,
      classes: this.classes,
    }));
    this.brush.onStroke = (command) => this.afterStroke(command);

    this.gui = new GUI({ container, title: 'Paint labels & learn (MeshCNN)' });
    this.gui.domElement.dataset.plugin = 'Paint labels';
    this.note(
      this.gui,
      'Paint part labels on the selected mesh, then teach a MeshCNN model your parts. While Paint is on, a drag that starts on the mesh paints; beside it the view still orbits.',
    );
    this.gui
      .add(this.state, 'paint')
      .name('Paint')
      .onChange((on: boolean) => (this.brush.enabled = on)).domElement.dataset.role = 'paint-toggle';
    this.gui.add(this.state, 'erase').name('Erase');
    this.radius = this.gui.add(this.state, 'radius', 1, 150, 1).name('Radius');
    this.gui
      .add(this.state, 'units', { 'screen pixels': 'screen', 'scene units': 'world' })
      .name('Radius in')
      .onChange(() => this.setRadiusRange());
    this.swatches.className = 'label-swatches';
    this.swatches.dataset.role = 'labels';
    this.gui.$children.appendChild(this.swatches);
    this.gui
      .add(this.state, 'name')
      .name('Label name')
      .onFinishChange(() =>
        this.editCurrent({ name: this.state.name.trim() || this.classes[this.state.label - 1]!.name }),
      );
    this.gui
      .addColor(this.state, 'color')
      .name('Colour')
      .onFinishChange(() => this.editCurrent({ color: this.state.color }));
    this.gui.add({ add: () => this.addLabel() }, 'add').name('+ Add label');
    this.labelsFrom = this.gui.add(this.state, 'labelsFrom', {}).name('Labels from');
    this.gui.add({ use: () => this.useLabelsFrom() }, 'use').name('Use these labels');

    this.learn = this.gui.addFolder('Learn from your labels');
    this.note(
      this.learn,
      "Trains on every painted mesh in the scene (faces left unpainted are not used), with MeshCNN's augmentations, and saves the model under its name.",
    );
    this.base = this.learn.add(this.state, 'base', {}).name('Start from');
    this.learn.add(this.state, 'steps', 1, 2000, 1).name('Steps');
    this.learn.add(this.state, 'modelName').name('Model name');
    this.runButton = this.learn
      .add({ run: () => void this.fineTune() }, 'run')
      .name('▶ Learn from painted meshes');
    this.runButton.domElement.querySelector('button')!.dataset.run = 'meshcnn.finetune';
    this.jobBox = new JobBox(() => this.abort?.abort(), 'meshcnn.finetune');
    this.learn.$children.appendChild(this.jobBox.element);
    this.learn.domElement.dataset.operator = 'meshcnn.finetune';

    this.models = this.gui.addFolder('Your models');
    this.models.domElement.dataset.role = 'saved-models';

    library.onChange(() => this.refreshModels());
    editor.signals.selectionChanged.add(() => this.adoptActiveClasses());
    editor.signals.geometryChanged.add((o) => {
      if (o === editor.active) this.adoptActiveClasses();
    });
    this.refreshModels();
    this.renderLabels();
  }

  /** The labels the brush paints with (a copy). */
  get labels(): LabelClass[] {
    return this.classes.map((c) => ({ ...c }));
  }

  /** Picks the label the brush paints (1-based). */
  selectLabel(label: number): void {
    if (label < 1 || label > this.classes.length) return;
    this.state.label = label;
    this.renderLabels();
  }

  private note(gui: GUI, text: string): void {
    const div = document.createElement('div');
    div.className = 'operator-description';
    div.textContent = text;
    gui.$children.appendChild(div);
  }

  private setRadiusRange(): void {
    const world = this.state.units === 'world';
    this.state.radius = world ? 0.05 : 20;
    this.radius
      .min(world ? 0.001 : 1)
      .max(world ? 2 : 150)
      .step(world ? 0.001 : 1)
      .updateDisplay();
  }

  /** Swatches of the label set, the current one marked, with the active mesh's painted face counts. */
  private renderLabels(): void {
    const active = this.editor.active instanceof Mesh ? paintedLabels(this.editor.active.geometry) : null;
    const counts = new Array<number>(this.classes.length + 1).fill(0);
    if (active) for (const l of active) if (l <= this.classes.length) counts[l]!++;
    this.swatches.replaceChildren(
      ...this.classes.map((c, i) => {
        const button = document.createElement('button');
        button.className = `label-swatch${i + 1 === this.state.label ? ' current' : ''}`;
        button.dataset.label = String(i + 1);
        button.title = `Paint "${c.name}"`;
        const dot = document.createElement('i');
        dot.style.background = c.color;
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = counts[i + 1] ? ` ${counts[i + 1]}` : '';
        button.append(dot, c.name, count);
        button.addEventListener('click', () => this.selectLabel(i + 1));
        return button;
      }),
    );
    const current = this.classes[this.state.label - 1]!;
    this.state.name = current.name;
    this.state.color = current.color;
    for (const c of this.gui.controllers) c.updateDisplay();
  }

  private afterStroke(command: PaintFacesCommand | null): void {
    this.renderLabels();
    if (command) this.onMessage(`${command.name}: ${command.faceCount} faces (one undo step)`, 'info');
  }

  /** The active mesh's painted labels bring their label set (a scene saved with labels, another mesh). */
  private adoptActiveClasses(): void {
    const active = this.editor.active;
    const classes =
      active instanceof Mesh && paintedLabels(active.geometry) ? paintClasses(active.geometry) : null;
    if (classes && classes.length && JSON.stringify(classes) !== JSON.stringify(this.classes)) {
      this.classes = classes.map((c) => ({ ...c }));
      this.state.label = Math.min(this.state.label, this.classes.length);
    }
    this.renderLabels();
  }

  /** Renames or recolours the current label, in the panel and (one undo step) on every painted mesh. */
  private editCurrent(change: Partial<LabelClass>): void {
    const i = this.state.label - 1;
    const next = this.classes.map((c, k) => (k === i ? { ...c, ...change } : { ...c }));
    this.setClasses(next, change.name !== undefined ? `Rename label to ${change.name}` : 'Recolour label');
  }

  private addLabel(): void {
    const n = this.classes.length + 1;
    if (n > 255) return;
    this.classes = [
      ...this.classes,
      { name: `label ${n}`, color: LABEL_PALETTE[(n - 1) % LABEL_PALETTE.length]! },
    ];
    this.state.label = n;
    this.renderLabels();
  }

  private useLabelsFrom(): void {
    const choice = this.state.labelsFrom;
    const classes =
      choice === NEW_SET
        ? [0, 1].map((i) => ({ name: `part ${i + 1}`, color: LABEL_PALETTE[i]! }))
        : choice.startsWith(USER_MODEL_PREFIX)
          ? this.library.models.find((m) => m.name === choice.slice(USER_MODEL_PREFIX.length))?.classes
          : SHIPPED_CLASSES[choice];
    if (!classes) return;
    this.state.label = 1;
    this.setClasses(classes, 'Change label set');
    // The natural base for these labels: the model they came from.
    if (choice !== NEW_SET) {
      this.state.base = choice;
      this.base.updateDisplay();
    }
  }

  /** Sets the label set; painted meshes get the new names and colours as one undo step. */
  private setClasses(classes: readonly LabelClass[], commandName: string): void {
    this.classes = classes.map((c) => ({ ...c }));
    const painted = paintedMeshes(this.editor.scene).map((p) => p.mesh);
    const differ = painted.filter(
      (m) => JSON.stringify(paintClasses(m.geometry)) !== JSON.stringify(this.classes),
    );
    if (differ.length)
      this.editor.execute(
        new SetLabelClassesCommand(this.editor, differ, PAINT_ATTRIBUTE, this.classes, commandName),
      );
    this.renderLabels();
  }

  /** The saved models: in the choices here, and one Delete button each. */
  private refreshModels(): void {
    const saved = this.library.models;
    const shipped = Object.fromEntries(SHIPPED_MODELS.map(([id]) => [`${id} (shipped)`, id]));
    const yours = Object.fromEntries(
      saved.map((m) => [`${m.name} (yours, ${m.classes.length} labels)`, `${USER_MODEL_PREFIX}${m.name}`]),
    );
    const valid = (value: string, extra: Record<string, string>) =>
      [...Object.values(shipped), ...Object.values(yours), ...Object.values(extra)].includes(value);
    if (!valid(this.state.labelsFrom, { n: NEW_SET })) this.state.labelsFrom = 'human';
    if (!valid(this.state.base, { s: SCRATCH })) this.state.base = 'human';
    this.labelsFrom.options({ ...shipped, ...yours, 'two new labels': NEW_SET });
    this.base.options({ ...shipped, ...yours, 'nothing (a new network)': SCRATCH });
    for (const c of [...this.models.controllers]) c.destroy();
    for (const child of [...this.models.$children.children])
      if (child.classList.contains('operator-description')) child.remove();
    this.note(
      this.models,
      saved.length
        ? 'Choose them in Segment with MeshCNN ▸ Model to label other meshes.'
        : 'None yet: models you train appear here and in Segment with MeshCNN ▸ Model.',
    );
    const imported = this.models
      .add({ import: () => void this.pickModelFiles().then((files) => this.importModels(files)) }, 'import')
      .name('⬆ Import a model (.hmcn)…');
    imported.domElement.querySelector('button')!.dataset.importModel = '';
    for (const m of saved) {
      const exported = this.models
        .add({ save: () => void this.exportModel(m.name) }, 'save')
        .name(`⬇ Export "${m.name}" (${(m.size / 1e6).toFixed(1)} MB)`);
      exported.domElement.querySelector('button')!.dataset.exportModel = m.name;
      const removed = this.models
        .add({ remove: () => void this.deleteModel(m.name) }, 'remove')
        .name(`🗑 Delete "${m.name}"`);
      removed.domElement.querySelector('button')!.dataset.deleteModel = m.name;
    }
  }

  /**
   * Adds .hmcn files (picked with Import, or dropped on the editor) to the saved models; each file
   * that is not a model says why and adds nothing.
   */
  async importModels(files: readonly PickedFile[]): Promise<string[]> {
    const names: string[] = [];
    for (const f of files) {
      try {
        const model = await this.library.importFile(f.path, new Uint8Array(await f.file.arrayBuffer()));
        names.push(model.name);
      } catch (error) {
        this.onMessage(
          `Could not import ${f.path}: ${error instanceof Error ? error.message : String(error)}`,
          'error',
        );
      }
    }
    if (names.length)
      this.onMessage(
        `Imported ${names.map((n) => `"${n}"`).join(', ')}: choose it in Segment with MeshCNN ▸ Model`,
        'ok',
      );
    return names;
  }

  /** Writes a saved model as NAME.hmcn (for `homeomorph eval meshcnn --model FILE`, or another machine). */
  private async exportModel(name: string): Promise<void> {
    const bytes = this.library.bytes(name);
    if (!bytes) return;
    try {
      if (await this.saveFile(`${name}.hmcn`, bytes))
        this.onMessage(`Exported the model "${name}" (${name}.hmcn)`, 'ok');
    } catch (error) {
      this.onMessage(
        `Could not export "${name}": ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
    }
  }

  private async deleteModel(name: string): Promise<void> {
    if (
      (await askUser('Delete model', `Delete your model "${name}"? This cannot be undone.`, [
        'Delete',
        'Cancel',
      ])) !== 0
    )
      return;
    try {
      await this.library.remove(name);
      this.onMessage(`Deleted the model "${name}"`, 'ok');
    } catch (error) {
      this.onMessage(
        `Could not delete "${name}": ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
    }
  }

  /**
   * Fine-tunes on the painted meshes in a worker and saves the model. Bad input (nothing painted, one
   * label only, a bad name) says why and starts nothing; a cancelled run saves nothing; the scene is
   * never changed.
   */
  async fineTune(): Promise<FineTuneOutcome> {
    if (this.abort) return { status: 'error', message: 'already running' };
    const folder = this.learn.domElement;
    const started = performance.now();
    const name = this.state.modelName.trim();
    const abort = new AbortController();
    this.abort = abort;
    this.runButton.disable();
    folder.dataset.state = 'running';
    this.jobBox.start();
    let outcome: FineTuneOutcome;
    try {
      const problem = modelNameProblem(name);
      if (problem) throw new InputError(problem);
      if (
        this.library.has(name) &&
        (await askUser('Replace model', `You already have a model named "${name}". Replace it?`, [
          'Replace',
          'Cancel',
        ])) !== 0
      )
        throw new CancelledError();
      const { input, transfer, meshes } = fineTuneInput(this.editor.scene, this.classes, name);
      const base = this.state.base;
      if (base.startsWith(USER_MODEL_PREFIX)) {
        const bytes = this.library.bytes(base.slice(USER_MODEL_PREFIX.length));
        if (!bytes)
          throw new InputError(`the model "${base.slice(USER_MODEL_PREFIX.length)}" is no longer saved`);
        input.baseModelBytes = bytes.slice();
        transfer.push(input.baseModelBytes.buffer as ArrayBuffer);
      } else if (base !== SCRATCH) input.baseModel = base;
      const painted = meshes.reduce((n, m) => n + m.counts.slice(1).reduce((a, b) => a + b, 0), 0);
      const output = await fineTuneOnWorkers(this.runner, input, transfer, {
        steps: this.state.steps,
        signal: abort.signal,
        onProgress: (p) =>
          this.jobBox.setProgress(
            p.fraction,
            p.message,
            (p.preview as { chart?: unknown } | undefined)?.chart,
          ),
      });
      if (abort.signal.aborted) throw new CancelledError();
      await this.library.save(name, output.modelBytes);
      const seconds = (performance.now() - started) / 1000;
      outcome = { status: 'done', name, seconds };
      this.jobBox.result(
        `Saved "${name}" in ${formatNumber(seconds)} s: ${this.state.steps} steps on ${meshes.length} mesh${meshes.length === 1 ? '' : 'es'} (${painted} painted faces; trained on ${output.meshesPerStep} worker${output.meshesPerStep === 1 ? '' : 's'} at once), final loss ${formatNumber(output.finalLoss)}.\nChoose it in Segment with MeshCNN ▸ Model.`,
      );
      this.onModelSaved(name);
    } catch (error) {
      if (error instanceof CancelledError || abort.signal.aborted) {
        outcome = { status: 'cancelled' };
        this.jobBox.result('Cancelled — no model was saved, nothing was changed.');
      } else {
        const message = error instanceof Error ? error.message : String(error);
        outcome = { status: 'error', message };
        this.jobBox.error(`Learning failed: ${message}\nNo model was saved; the scene was not changed.`);
      }
    } finally {
      this.abort = null;
      this.runButton.enable();
    }
    folder.dataset.state = outcome.status;
    return outcome;
  }

  cancel(): void {
    this.abort?.abort();
  }
}

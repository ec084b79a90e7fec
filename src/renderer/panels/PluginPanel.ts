import GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { Mesh } from 'three';
import type { BufferGeometry } from 'three';
import { CancelledError, InputError } from '../../core/plugin/Job';
import { defaultProps } from '../../core/plugin/PropSpec';
import type { PropSpec } from '../../core/plugin/PropSpec';
import { InspectionPendingError, withoutSyncInspection } from '../../plugins/inspect-repair/inspectGeometry';
import type { AnyOperator, PollFailure } from '../../plugins/Operator';
import type { InspectGeometryAsync } from '../io/meshStatsWorker';
import type { Editor } from '../editor/Editor';
import type { JobRunner } from '../jobs/JobRunner';
import { runOperator } from '../jobs/runOperator';
import { formatNumber } from '../viewport/LegendView';
import { Chart } from './Chart';

/** What the app is told about a finished run (status bar, tests). */
export type RunOutcome =
  | { operator: string; status: 'done'; seconds: number; metrics: Record<string, unknown> }
  | { operator: string; status: 'cancelled' }
  | { operator: string; status: 'error'; message: string };

/** The UI of one operator: its props, poll reason, Run/Cancel, progress, chart, result or error. */
class OperatorView {
  readonly values: Record<string, unknown>;
  private readonly folder: GUI;
  private readonly runController: Controller;
  private readonly pollBox = document.createElement('div');
  private readonly jobBox = document.createElement('div');
  private readonly progressBar = document.createElement('div');
  private readonly progressText = document.createElement('div');
  private readonly progress = document.createElement('div');
  private readonly cancelButton = document.createElement('button');
  private readonly errorBox = document.createElement('div');
  private readonly resultBox = document.createElement('div');
  private readonly chart = new Chart();
  private readonly controllers = new Map<string, Controller>();
  private abort: AbortController | null = null;
  private pendingProgress: { fraction: number; message?: string } | null = null;
  private progressQueued = false;
  private failure: PollFailure | null = null;

  constructor(
    parent: GUI,
    readonly operator: AnyOperator,
    private readonly panel: PluginPanel,
    /** A plugin with one operator shows it directly in its panel, without a sub-folder. */
    inline: boolean,
  ) {
    this.values = { ...defaultProps(operator.props) };
    this.folder = inline ? parent : parent.addFolder(operator.label);
    this.folder.domElement.dataset.operator = operator.idname;
    const description = document.createElement('div');
    description.className = 'operator-description';
    description.textContent = operator.description;
    this.folder.$children.appendChild(description);
    for (const [name, spec] of Object.entries(operator.props)) this.addProp(name, spec);
    this.pollBox.className = 'poll-reason';
    this.pollBox.hidden = true;
    this.folder.$children.appendChild(this.pollBox);
    this.runController = this.folder
      .add({ run: () => void this.run() }, 'run')
      .name(`▶ Run ${operator.label}`);
    this.runController.domElement.querySelector('button')!.dataset.run = operator.idname;

    this.jobBox.className = 'job-box';
    this.progress.className = 'job-progress';
    this.progressBar.className = 'job-progress-bar';
    this.progressText.className = 'job-progress-text';
    this.progress.append(this.progressBar, this.progressText);
    this.progress.hidden = true;
    this.cancelButton.textContent = 'Cancel';
    this.cancelButton.className = 'cancel';
    this.cancelButton.dataset.cancel = operator.idname;
    this.cancelButton.hidden = true;
    this.cancelButton.addEventListener('click', () => this.abort?.abort());
    this.errorBox.className = 'job-error';
    this.errorBox.setAttribute('role', 'alert');
    this.errorBox.hidden = true;
    this.resultBox.className = 'job-result';
    this.resultBox.hidden = true;
    this.jobBox.append(this.progress, this.cancelButton, this.chart.canvas, this.errorBox, this.resultBox);
    this.folder.$children.appendChild(this.jobBox);
  }

  get running(): boolean {
    return this.abort !== null;
  }

  /**
   * Re-reads the items of the enum props (a choice list that changes at run time: the user's saved
   * MeshCNN models); a value no longer offered falls back to the default.
   */
  refreshChoices(): void {
    for (const [name, spec] of Object.entries(this.operator.props)) {
      const controller = this.controllers.get(name);
      if (spec.type !== 'enum' || !controller) continue;
      if (!spec.items.some(([id]) => id === this.values[name])) this.values[name] = spec.default;
      controller.options(Object.fromEntries(spec.items.map(([id, text]) => [text, id])));
    }
  }

  setValue(name: string, value: unknown): void {
    this.values[name] = value;
    this.controllers.get(name)?.updateDisplay();
  }

  private addProp(name: string, spec: PropSpec): void {
    const label = spec.label ?? name;
    let c: Controller;
    switch (spec.type) {
      case 'float':
      case 'int': {
        const step = spec.step ?? (spec.type === 'int' ? 1 : undefined);
        c =
          spec.min !== undefined && spec.max !== undefined
            ? this.folder.add(this.values, name, spec.min, spec.max, step)
            : this.folder.add(this.values, name);
        if (step !== undefined) c.step(step);
        if (spec.min !== undefined && spec.max === undefined) c.min(spec.min);
        if (spec.max !== undefined && spec.min === undefined) c.max(spec.max);
        break;
      }
      case 'enum':
        c = this.folder.add(
          this.values,
          name,
          Object.fromEntries(spec.items.map(([id, text]) => [text, id])),
        );
        break;
      default:
        c = this.folder.add(this.values, name);
    }
    c.name(label);
    if (spec.help) c.domElement.title = spec.help;
    this.controllers.set(name, c);
  }

  /** Whether the operator's panel is open on screen (polls of hidden panels wait until they open). */
  get visible(): boolean {
    return !this.folder._closed && this.folder.domElement.offsetParent !== null;
  }

  /**
   * Re-evaluates `poll` for the current selection and shows why the operator cannot run. A poll that
   * needs a mesh inspection not yet made shows "Inspecting…" and is asked again when the inspection
   * worker answers (then from the cache), instead of inspecting on this thread.
   */
  updatePoll(): void {
    if (this.running) return;
    const ctx = this.panel.editor.operatorContext();
    try {
      this.failure = this.panel.inspect
        ? withoutSyncInspection(() => this.operator.poll(ctx))
        : this.operator.poll(ctx);
    } catch (error) {
      if (error instanceof InspectionPendingError) {
        if (this.panel.awaitInspection(error.geometry)) {
          this.showPending();
          return;
        }
        // The worker could not inspect this mesh: let the poll inspect it and report why.
        try {
          this.failure = this.operator.poll(ctx);
        } catch (again) {
          this.failure = {
            reason: `cannot check: ${again instanceof Error ? again.message : String(again)}`,
          };
        }
      } else {
        this.failure = { reason: `cannot check: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    this.folder.domElement.dataset.poll = this.failure ? 'failed' : 'ok';
    this.pollBox.classList.remove('pending');
    this.runController.enable(this.failure === null);
    this.pollBox.hidden = this.failure === null;
    this.pollBox.replaceChildren();
    if (!this.failure) return;
    const reason = document.createElement('div');
    reason.textContent = `⚠ ${this.failure.reason}`;
    this.pollBox.appendChild(reason);
    const fix = this.failure.fix;
    if (fix) {
      const button = document.createElement('button');
      button.textContent = `Fix: ${fix.label}`;
      button.dataset.fix = fix.idname;
      button.addEventListener('click', () => void this.panel.runFix(fix.idname, fix.props ?? {}));
      this.pollBox.appendChild(button);
    }
  }

  private showPending(): void {
    this.failure = null;
    this.folder.domElement.dataset.poll = 'pending';
    this.runController.disable();
    this.pollBox.hidden = false;
    this.pollBox.classList.add('pending');
    this.pollBox.textContent = 'Inspecting…';
  }

  async run(): Promise<RunOutcome> {
    if (this.running) return { operator: this.operator.idname, status: 'error', message: 'already running' };
    const abort = new AbortController();
    this.abort = abort;
    this.runController.disable();
    this.errorBox.hidden = true;
    this.resultBox.hidden = true;
    this.chart.clear();
    this.progress.hidden = false;
    this.cancelButton.hidden = false;
    this.setProgress(0, 'starting…');
    this.folder.domElement.dataset.state = 'running';
    if (this.folder._closed) this.folder.open(); // (opening re-polls the open panels)
    let outcome: RunOutcome;
    try {
      const result = await runOperator(this.panel.editor, this.panel.runner, this.operator, this.values, {
        signal: abort.signal,
        onProgress: (p) => {
          this.setProgress(p.fraction, p.message);
          const chart = (p.preview as { chart?: Record<string, unknown> } | undefined)?.chart;
          if (chart && typeof chart === 'object') this.chart.push(chart);
        },
      });
      outcome = {
        operator: this.operator.idname,
        status: 'done',
        seconds: result.seconds,
        metrics: result.metrics,
      };
      this.resultBox.hidden = false;
      this.resultBox.textContent = [
        `Done in ${formatNumber(result.seconds)} s — ${result.command.name}`,
        ...Object.entries(result.metrics).map(
          ([k, v]) => `${k}: ${typeof v === 'number' ? formatNumber(v) : JSON.stringify(v)}`,
        ),
      ].join('\n');
    } catch (error) {
      if (error instanceof CancelledError || abort.signal.aborted) {
        outcome = { operator: this.operator.idname, status: 'cancelled' };
        this.resultBox.hidden = false;
        this.resultBox.textContent = 'Cancelled — nothing was changed.';
      } else {
        const message =
          error instanceof InputError
            ? error.message
            : `${error instanceof Error ? error.message : String(error)}`;
        outcome = { operator: this.operator.idname, status: 'error', message };
        this.errorBox.hidden = false;
        this.errorBox.textContent = `${this.operator.label} failed: ${message}\nThe scene was not changed.`;
      }
    } finally {
      this.abort = null;
      this.progress.hidden = true;
      this.cancelButton.hidden = true;
      this.updatePoll();
    }
    this.folder.domElement.dataset.state = outcome.status;
    this.panel.reportOutcome(outcome);
    return outcome;
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Progress arrives up to 100 times a second; the bar is redrawn at most once per frame. */
  private setProgress(fraction: number, message?: string): void {
    this.pendingProgress = { fraction, message };
    if (this.progressQueued) return;
    this.progressQueued = true;
    requestAnimationFrame(() => {
      this.progressQueued = false;
      const p = this.pendingProgress;
      if (!p) return;
      const pct = Math.round(Math.min(1, Math.max(0, p.fraction)) * 100);
      this.progressBar.style.width = `${pct}%`;
      this.progressText.textContent = `${pct} %${p.message ? ` · ${p.message}` : ''}`;
    });
  }
}

/**
 * Plugin panels generated from the operators' declared props, one collapsible panel per plugin
 * (category). Poll is re-checked when the selection or the scene changes.
 */
export class PluginPanel {
  private readonly views = new Map<string, OperatorView>();
  private pollQueued = false;
  private pollGeneration = 0;
  /** Geometries the inspection worker failed on: their polls inspect on this thread (and say why). */
  private readonly inspectionFailed = new WeakSet<BufferGeometry>();
  onOutcome: (outcome: RunOutcome) => void = () => {};

  constructor(
    readonly editor: Editor,
    readonly runner: JobRunner,
    operators: readonly AnyOperator[],
    element: HTMLElement,
    /** Inspects meshes off this thread and seeds the polls' cache; null: polls inspect synchronously. */
    readonly inspect: InspectGeometryAsync | null = null,
  ) {
    const categories = new Map<string, AnyOperator[]>();
    for (const op of operators) {
      const list = categories.get(op.category) ?? [];
      list.push(op);
      categories.set(op.category, list);
    }
    if (categories.size === 0) {
      const gui = new GUI({ container: element, title: 'Plugins' });
      const note = document.createElement('div');
      note.className = 'operator-description';
      note.textContent = 'No plugins are registered in this build.';
      gui.$children.appendChild(note);
    }
    let categoryIndex = 0;
    for (const [category, ops] of categories) {
      const gui = new GUI({ container: element, title: category });
      gui.domElement.dataset.plugin = category;
      // Opening a panel shows its operators' current poll state.
      gui.onOpenClose(() => this.queuePoll());
      // The first two plugins start open; the others wait folded, so the list stays short.
      if (categoryIndex++ >= 2) gui.close();
      for (const op of ops) {
        const view = new OperatorView(gui, op, this, ops.length === 1);
        this.views.set(op.idname, view);
        if (ops.length > 1 && op !== ops[0]) (gui.folders[gui.folders.length - 1] as GUI).close();
      }
    }
    const queue = () => this.queuePoll();
    editor.signals.selectionChanged.add(queue);
    editor.signals.geometryChanged.add(queue);
    editor.signals.sceneGraphChanged.add(queue);
    this.queuePoll();
  }

  /** Runs an operator with the panel's current values (the Run button, tests, the native menu). */
  run(idname: string, values: Record<string, unknown> = {}): Promise<RunOutcome> {
    const view = this.views.get(idname);
    if (!view)
      return Promise.resolve({ operator: idname, status: 'error', message: `no operator ${idname}` });
    Object.assign(view.values, values);
    return view.run();
  }

  cancel(idname: string): void {
    this.views.get(idname)?.cancel();
  }

  /** An operator's choice lists changed (e.g. a model was saved or deleted): its panel shows them anew. */
  refreshChoices(idname: string): void {
    this.views.get(idname)?.refreshChoices();
  }

  /** Sets one of an operator's panel values (e.g. picks the model just trained). */
  setValue(idname: string, name: string, value: unknown): void {
    this.views.get(idname)?.setValue(name, value);
  }

  /** The "Fix" button of a poll failure: runs the named operator on the same object. */
  runFix(idname: string, values: Record<string, unknown>): Promise<RunOutcome> {
    return this.run(idname, values);
  }

  /**
   * Asks the inspection worker for `geometry` and re-polls when it answers. False when there is no
   * worker or it already failed on this geometry (the caller then inspects synchronously).
   */
  awaitInspection(geometry: BufferGeometry): boolean {
    if (!this.inspect || this.inspectionFailed.has(geometry)) return false;
    this.inspect(geometry).then(
      () => this.queuePoll(),
      () => {
        this.inspectionFailed.add(geometry);
        this.queuePoll();
      },
    );
    return true;
  }

  reportOutcome(outcome: RunOutcome): void {
    this.queuePoll();
    this.onOutcome(outcome);
  }

  /**
   * Polls the operators whose panels are open, one per task: a poll may inspect the mesh (tens of ms
   * on big meshes), and doing them all in one task would make one long freeze.
   */
  private queuePoll(): void {
    this.pollGeneration++;
    if (this.pollQueued) return;
    this.pollQueued = true;
    requestAnimationFrame(async () => {
      this.pollQueued = false;
      const generation = this.pollGeneration;
      for (const view of this.views.values()) {
        if (generation !== this.pollGeneration) return; // a newer change restarted the round
        if (!view.visible) continue;
        view.updatePoll();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    });
  }
}

/** Whether the active object is a mesh (for menus). */
export function activeMesh(editor: Editor): Mesh | null {
  return editor.active instanceof Mesh ? editor.active : null;
}

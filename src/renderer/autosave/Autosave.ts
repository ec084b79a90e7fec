import type { Editor } from '../editor/Editor';
import type { ModelIO } from '../io/ModelIO';
import type { RecoveryStore } from '../platform/Platform';

/**
 * Keeps a recovery copy of the scene. A change arms a timer; when it fires the scene is encoded as
 * GLB in the io worker (the UI thread only hands over references to the arrays) and stored by the
 * platform (IndexedDB or a file). One save at a time; changes made during a save arm the timer again.
 */
export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private dirty = false;
  /** When the last save finished (ms since epoch), for the status bar and tests. */
  lastSavedAt = 0;
  onSaved: (seconds: number) => void = () => {};
  onError: (error: unknown) => void = () => {};

  constructor(
    private readonly editor: Editor,
    private readonly io: ModelIO,
    private readonly store: RecoveryStore,
    private readonly delayMs = 5000,
  ) {
    // Nothing to recover while the history is empty (the sample as opened, a scene just loaded).
    editor.signals.historyChanged.add(() => {
      if (editor.history.canUndo || editor.history.canRedo) this.markDirty();
    });
  }

  markDirty(): void {
    this.dirty = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.saveNow();
    }, this.delayMs);
  }

  /** Saves now (if anything changed since the last save); resolves when stored. */
  async saveNow(): Promise<void> {
    if (this.saving) {
      await this.saving;
      if (!this.dirty) return;
    }
    if (!this.dirty) return;
    this.dirty = false;
    const started = performance.now();
    this.saving = (async () => {
      try {
        const bytes = await this.io.write(this.editor.scene.children, 'glb', 'recovery');
        await this.store.save(bytes);
        this.lastSavedAt = Date.now();
        this.onSaved((performance.now() - started) / 1000);
      } catch (error) {
        this.dirty = true;
        this.onError(error);
      }
    })();
    await this.saving;
    this.saving = null;
  }

  /** The session ends cleanly: nothing to recover next time. */
  async discard(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    await this.store.clear();
  }
}

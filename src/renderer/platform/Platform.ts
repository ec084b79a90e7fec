import type { JobRunner } from '../jobs/JobRunner';
import type { PickedFile } from '../io/droppedFiles';

/** Where the recovery copy of the scene is kept (IndexedDB on the web, a file on the desktop). */
export interface RecoveryStore {
  save(bytes: Uint8Array): Promise<void>;
  /** The recovery copy left by a session that did not close cleanly, or null. */
  load(): Promise<{ bytes: Uint8Array; savedAt: number } | null>;
  /** Called on a clean close, and when the user declines to restore. */
  clear(): Promise<void>;
}

/** Where the models the user trained are kept (IndexedDB on the web, files in the user-data folder on the desktop). */
export interface ModelStore {
  /** Saved model names, sorted. */
  list(): Promise<string[]>;
  /** A saved model's .hmcn bytes, or null. */
  load(name: string): Promise<Uint8Array | null>;
  /** Saves (or replaces) a model under a name (see modelNameProblem). */
  save(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
}

/** What differs between the desktop (Electron) and the web editor. */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  readonly jobs: JobRunner;
  readonly recovery: RecoveryStore;
  readonly models: ModelStore;
  /** Shows an open dialog; resolves with the files chosen (none when cancelled). */
  openFiles(options: {
    title: string;
    extensions: string[];
    multiple: boolean;
    folder?: boolean;
  }): Promise<PickedFile[]>;
  /** Saves bytes under a name the user picks (desktop) or downloads them (web). Resolves false when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<boolean>;
  /** Native menu commands (desktop only): the action id to run. */
  onMenuCommand(handler: (actionId: string) => void): void;
  /** Lets the desktop's native menu show the current undo/redo labels and enabled states. */
  updateMenuState(state: Record<string, { enabled: boolean; label?: string }>): void;
}

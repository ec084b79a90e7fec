import type { JobBridge } from '../hosts/electron/jobBridge';

/**
 * The one object the preload exposes to the page (`window.homeomorphDesktop`), typed here so the
 * renderer and the preload agree. No raw ipcRenderer reaches the page.
 */
export interface DesktopFile {
  /** Path relative to what was chosen (a folder's files keep their sub-folders). */
  path: string;
  bytes: Uint8Array;
}

export interface DesktopApi {
  readonly platform: string;
  /** Job channels to utility processes (src/hosts/electron/jobBridge.ts). */
  readonly jobs: JobBridge;
  openFiles(options: {
    title: string;
    extensions: string[];
    multiple: boolean;
    folder?: boolean;
  }): Promise<DesktopFile[]>;
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<boolean>;
  recoverySave(bytes: Uint8Array): Promise<void>;
  recoveryLoad(): Promise<{ bytes: Uint8Array; savedAt: number } | null>;
  recoveryClear(): Promise<void>;
  /** Models trained in the editor, as files `<userData>/models/NAME.hmcn`. */
  modelsList(): Promise<string[]>;
  modelsLoad(name: string): Promise<Uint8Array | null>;
  modelsSave(name: string, bytes: Uint8Array): Promise<void>;
  modelsRemove(name: string): Promise<void>;
  onMenuCommand(listener: (actionId: string) => void): void;
  updateMenuState(state: Record<string, { enabled: boolean; label?: string }>): void;
}

/** IPC channel names (renderer ↔ main). */
export const IPC = {
  openFiles: 'homeomorph:open-files',
  saveFile: 'homeomorph:save-file',
  recoverySave: 'homeomorph:recovery-save',
  recoveryLoad: 'homeomorph:recovery-load',
  recoveryClear: 'homeomorph:recovery-clear',
  modelsList: 'homeomorph:models-list',
  modelsLoad: 'homeomorph:models-load',
  modelsSave: 'homeomorph:models-save',
  modelsRemove: 'homeomorph:models-remove',
  menuCommand: 'homeomorph:menu-command',
  menuState: 'homeomorph:menu-state',
} as const;

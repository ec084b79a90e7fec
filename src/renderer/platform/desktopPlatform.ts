import type { DesktopApi } from '../../preload/api';
import type { JobRunner } from '../jobs/JobRunner';
import type { Platform } from './Platform';

/** The preload's API object, present only in the Electron window. */
export function desktopApi(): DesktopApi | null {
  return (window as unknown as { homeomorphDesktop?: DesktopApi }).homeomorphDesktop ?? null;
}

/** Electron: native dialogs, a recovery file and saved models in the user-data folder, utility processes for jobs. */
export function createDesktopPlatform(api: DesktopApi, jobs: JobRunner): Platform {
  return {
    kind: 'desktop',
    jobs,
    recovery: {
      save: (bytes) => api.recoverySave(bytes),
      load: () => api.recoveryLoad(),
      clear: () => api.recoveryClear(),
    },
    models: {
      list: () => api.modelsList(),
      load: (name) => api.modelsLoad(name),
      save: (name, bytes) => api.modelsSave(name, bytes),
      remove: (name) => api.modelsRemove(name),
    },
    openFiles: async (options) => {
      const files = await api.openFiles(options);
      return files.map((f) => ({
        path: f.path,
        file: new File([f.bytes as Uint8Array<ArrayBuffer>], f.path.split('/').pop()!),
      }));
    },
    saveFile: (name, bytes) => api.saveFile(name, bytes),
    onMenuCommand: (handler) => api.onMenuCommand(handler),
    updateMenuState: (state) => api.updateMenuState(state),
  };
}

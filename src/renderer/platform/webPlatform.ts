import { inputFiles } from '../io/droppedFiles';
import type { JobRunner } from '../jobs/JobRunner';
import { idbModelStore } from './idbModelStore';
import { idbRecoveryStore } from './idbRecoveryStore';
import type { Platform } from './Platform';

/** The browser: file inputs, downloads, IndexedDB for the recovery copy and saved models, Web Workers for jobs. */
export function createWebPlatform(jobs: JobRunner): Platform {
  return {
    kind: 'web',
    jobs,
    recovery: idbRecoveryStore,
    models: idbModelStore,
    openFiles: (options) =>
      new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = options.multiple;
        if (options.folder) input.webkitdirectory = true;
        else input.accept = options.extensions.map((e) => `.${e}`).join(',');
        input.addEventListener('change', () => resolve(input.files ? inputFiles(input.files) : []));
        input.addEventListener('cancel', () => resolve([]));
        input.click();
      }),
    saveFile: async (name, bytes) => {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    },
    onMenuCommand: () => {},
    updateMenuState: () => {},
  };
}

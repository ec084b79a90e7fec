// The preload of the editor window: runs sandboxed with context isolation and exposes one typed
// API object to the page. Every call goes to main, which validates the sender.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadJobBridge } from '../hosts/electron/preloadJobBridge';
import { IPC } from './api';
import type { DesktopApi } from './api';

const api: DesktopApi = {
  platform: process.platform,
  jobs: createPreloadJobBridge(ipcRenderer, window),
  openFiles: (options) => ipcRenderer.invoke(IPC.openFiles, options),
  saveFile: (name, bytes) => ipcRenderer.invoke(IPC.saveFile, name, bytes),
  recoverySave: (bytes) => ipcRenderer.invoke(IPC.recoverySave, bytes),
  recoveryLoad: () => ipcRenderer.invoke(IPC.recoveryLoad),
  recoveryClear: () => ipcRenderer.invoke(IPC.recoveryClear),
  modelsList: () => ipcRenderer.invoke(IPC.modelsList),
  modelsLoad: (name) => ipcRenderer.invoke(IPC.modelsLoad, name),
  modelsSave: (name, bytes) => ipcRenderer.invoke(IPC.modelsSave, name, bytes),
  modelsRemove: (name) => ipcRenderer.invoke(IPC.modelsRemove, name),
  onMenuCommand: (listener) => {
    ipcRenderer.on(IPC.menuCommand, (_event, id: unknown) => {
      if (typeof id === 'string') listener(id);
    });
  },
  updateMenuState: (state) => ipcRenderer.send(IPC.menuState, state),
};

contextBridge.exposeInMainWorld('homeomorphDesktop', api);

// Electron main process: one editor window, native menus and dialogs, the recovery file, and the
// utility-process job host. The page runs sandboxed with context isolation and no Node; every IPC
// call is checked to come from our own page.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { rmSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { IPC } from '../preload/api';
import type { DesktopFile } from '../preload/api';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './appProtocol';
import { buildMenu } from './menu';
import { startJobHost } from './jobs';
import { modelFileStore } from './userModelFiles';

registerAppScheme();

const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererRoot = join(import.meta.dirname, '..', 'renderer');
const preloadPath = join(import.meta.dirname, '..', 'preload', 'index.cjs');
const recoveryPath = () => join(app.getPath('userData'), 'recovery.glb');
/** Models the user trained in the editor: `<userData>/models/NAME.hmcn`. */
const userModels = () => modelFileStore(join(app.getPath('userData'), 'models'));
let mainWindow: BrowserWindow | null = null;

/** Only our own page (the app origin, or the dev server in development) may call main. */
function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!mainWindow || event.sender !== mainWindow.webContents || !frame) return false;
  const origin = new URL(frame.url).origin;
  return origin === APP_ORIGIN || (devUrl !== undefined && origin === new URL(devUrl).origin);
}

function handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void {
  ipcMain.handle(channel, (event, ...args) => {
    if (!isTrustedSender(event))
      throw new Error(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
    return listener(event, ...args);
  });
}

async function readChosen(paths: string[], folder: boolean): Promise<DesktopFile[]> {
  const out: DesktopFile[] = [];
  const visit = async (path: string, root: string) => {
    const info = await stat(path);
    if (info.isDirectory()) {
      for (const name of await readdir(path)) await visit(join(path, name), root);
    } else
      out.push({
        path: relative(root, path).split('\\').join('/'),
        bytes: new Uint8Array(await readFile(path)),
      });
  };
  for (const path of paths) await visit(path, folder ? dirname(path) : dirname(path));
  return out;
}

function registerIpc(): void {
  handle(IPC.openFiles, async (_event, raw) => {
    const options = raw as { title: string; extensions: string[]; multiple: boolean; folder?: boolean };
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: String(options.title),
      properties: options.folder
        ? ['openDirectory', 'multiSelections']
        : options.multiple
          ? ['openFile', 'multiSelections']
          : ['openFile'],
      filters: options.folder
        ? []
        : [
            { name: 'Models', extensions: options.extensions.map(String) },
            { name: 'All files', extensions: ['*'] },
          ],
    });
    if (result.canceled) return [];
    if (options.folder) return readChosen(result.filePaths, true);
    // A chosen model brings the files beside it (MTL, textures, .bin buffers), found by the loader.
    const chosen = await readChosen(result.filePaths, false);
    const siblings = new Set<string>();
    for (const path of result.filePaths)
      for (const name of await readdir(dirname(path))) siblings.add(join(dirname(path), name));
    for (const path of result.filePaths) siblings.delete(path);
    const companions = [...siblings].filter((p) => /\.(mtl|png|jpe?g|webp|bmp|tga|bin|ktx2)$/i.test(p));
    const extra = await readChosen(companions, false);
    return [...chosen, ...extra.map((f) => ({ ...f, path: basename(f.path) }))];
  });
  handle(IPC.saveFile, async (_event, name, bytes) => {
    if (typeof name !== 'string' || !(bytes instanceof Uint8Array)) throw new Error('bad save request');
    const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: name });
    if (result.canceled || !result.filePath) return false;
    await writeFile(result.filePath, bytes);
    return true;
  });
  handle(IPC.recoverySave, async (_event, bytes) => {
    if (!(bytes instanceof Uint8Array)) throw new Error('bad recovery data');
    // Write beside, then rename: a crash mid-write never leaves a truncated recovery file.
    await writeFile(`${recoveryPath()}.tmp`, bytes);
    await rename(`${recoveryPath()}.tmp`, recoveryPath());
  });
  handle(IPC.recoveryLoad, async () => {
    try {
      const info = await stat(recoveryPath());
      return { bytes: new Uint8Array(await readFile(recoveryPath())), savedAt: info.mtimeMs };
    } catch {
      return null;
    }
  });
  handle(IPC.recoveryClear, () => rm(recoveryPath(), { force: true }));
  // The store checks every name (no path separators, no '..'): the page cannot reach other files.
  handle(IPC.modelsList, () => userModels().list());
  handle(IPC.modelsLoad, (_event, name) => userModels().load(name as string));
  handle(IPC.modelsSave, (_event, name, bytes) => {
    if (!(bytes instanceof Uint8Array)) throw new Error('bad model data');
    return userModels().save(name as string, bytes);
  });
  handle(IPC.modelsRemove, (_event, name) => userModels().remove(name as string));
  ipcMain.on(IPC.menuState, (event, state) => {
    if (!isTrustedSender(event) || !mainWindow || typeof state !== 'object' || state === null) return;
    Menu.setApplicationMenu(
      buildMenu(mainWindow, state as Record<string, { enabled: boolean; label?: string }>, !app.isPackaged),
    );
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Homeomorph',
    backgroundColor: '#1f2024',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  Menu.setApplicationMenu(buildMenu(mainWindow, {}, !app.isPackaged));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => {
  // No new windows, no navigation away from the editor; http(s) links open in the user's browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    const origin = new URL(url).origin;
    if (origin !== APP_ORIGIN && (!devUrl || origin !== new URL(devUrl).origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  // The page asks for nothing: deny every permission (camera, notifications, …).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  serveAppProtocol(rendererRoot);
  registerIpc();
  startJobHost(isTrustedSender);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// A clean quit removes the recovery copy; after a crash it is still there and the editor offers it.
app.on('will-quit', () => {
  rmSync(recoveryPath(), { force: true }); // synchronous: the process is about to exit
});

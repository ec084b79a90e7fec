import { Menu } from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';

/** Native menu entries: each sends the renderer's action id (src/renderer/App.ts) to the page. */
type Entry =
  { id: string; label: string; accelerator?: string } | 'separator' | { submenu: string; items: Entry[] };

const MENUS: { label: string; items: Entry[] }[] = [
  {
    label: 'File',
    items: [
      { id: 'file.new', label: 'New Scene', accelerator: 'CmdOrCtrl+N' },
      { id: 'file.open', label: 'Open…', accelerator: 'CmdOrCtrl+O' },
      { id: 'file.open_folder', label: 'Open Folder…' },
      'separator',
      { id: 'file.open_scene', label: 'Open Scene (GLB)…', accelerator: 'CmdOrCtrl+Shift+O' },
      { id: 'file.save_scene', label: 'Save Scene (GLB)…', accelerator: 'CmdOrCtrl+S' },
      'separator',
      {
        submenu: 'Export Selected',
        items: ['glb', 'obj', 'ply', 'stl'].map((f) => ({
          id: `file.export_selected.${f}`,
          label: f.toUpperCase(),
        })),
      },
      {
        submenu: 'Export All',
        items: ['glb', 'obj', 'ply', 'stl'].map((f) => ({
          id: `file.export_all.${f}`,
          label: f.toUpperCase(),
        })),
      },
    ],
  },
  {
    label: 'Edit',
    items: [
      { id: 'edit.undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z' },
      { id: 'edit.redo', label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z' },
      'separator',
      { id: 'edit.rename', label: 'Rename', accelerator: 'F2' },
      { id: 'edit.duplicate', label: 'Duplicate', accelerator: 'Shift+D' },
      { id: 'edit.group', label: 'Group', accelerator: 'CmdOrCtrl+G' },
      { id: 'edit.delete', label: 'Delete', accelerator: 'Delete' },
      'separator',
      { id: 'edit.hide', label: 'Hide Selected', accelerator: 'H' },
      { id: 'edit.unhide', label: 'Show All', accelerator: 'Alt+H' },
      'separator',
      { id: 'edit.select_all', label: 'Select All', accelerator: 'CmdOrCtrl+A' },
    ],
  },
  {
    label: 'View',
    items: [
      { id: 'view.frame', label: 'Frame Selected', accelerator: 'F' },
      'separator',
      { id: 'view.shading.smooth', label: 'Smooth', accelerator: '1' },
      { id: 'view.shading.flat', label: 'Flat', accelerator: '2' },
      { id: 'view.shading.wireframe', label: 'Wireframe', accelerator: '3' },
      { id: 'view.shading.normals', label: 'Normals', accelerator: '4' },
    ],
  },
];

/**
 * Builds the application menu. Labels and enabled states follow what the renderer reports
 * (`state`), e.g. "Undo Rename Spot". Shortcuts are handled by the page itself (so they work the
 * same on the web); accelerators here are shown, and `registerAccelerator: false` avoids double runs.
 */
export function buildMenu(
  window: BrowserWindow,
  state: Record<string, { enabled: boolean; label?: string }>,
  devTools: boolean,
): Menu {
  const item = (entry: Entry): MenuItemConstructorOptions => {
    if (entry === 'separator') return { type: 'separator' };
    if ('submenu' in entry) return { label: entry.submenu, submenu: entry.items.map(item) };
    const s = state[entry.id];
    return {
      label: s?.label ?? entry.label,
      accelerator: entry.accelerator,
      registerAccelerator: false,
      enabled: s?.enabled ?? true,
      click: () => window.webContents.send('homeomorph:menu-command', entry.id),
    };
  };
  const template: MenuItemConstructorOptions[] = MENUS.map((m) => ({
    label: m.label,
    submenu: m.items.map(item),
  }));
  if (process.platform === 'darwin') template.unshift({ role: 'appMenu' });
  template.push({
    label: 'Window',
    submenu: [
      { role: 'minimize' },
      { role: 'togglefullscreen' },
      ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'close' },
    ],
  });
  return Menu.buildFromTemplate(template);
}

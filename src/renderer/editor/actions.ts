/**
 * A user command of the editor (menu item, keyboard shortcut, native menu entry on the desktop).
 * One registry drives the web menubar, the keyboard and Electron's menu so they never disagree.
 */
export interface Action {
  id: string;
  label: string | (() => string);
  /** Shown in menus, e.g. 'Ctrl+Z'. */
  shortcut?: string;
  /** Key combos: 'mod+z', 'mod+shift+z', 'f', 'delete' ('mod' is Ctrl, or ⌘ on macOS). */
  keys?: string[];
  enabled?: () => boolean;
  run: () => void | Promise<void>;
}

export type MenuEntry = Action | 'separator' | { label: string; items: MenuEntry[] };

export interface Menu {
  label: string;
  items: MenuEntry[];
}

export function actionLabel(action: Action): string {
  return typeof action.label === 'function' ? action.label() : action.label;
}

/** The combo string of a key event in the format of `Action.keys`. */
export function keyCombo(e: KeyboardEvent): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.shiftKey) parts.push('shift');
  if (e.altKey) parts.push('alt');
  parts.push(e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase());
  return parts.join('+');
}

/** Runs the action bound to a key event, unless the user is typing in a field. Returns true if handled. */
export function handleShortcut(e: KeyboardEvent, actions: readonly Action[]): boolean {
  const target = e.target as HTMLElement | null;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))
    return false;
  const combo = keyCombo(e);
  const action = actions.find((a) => a.keys?.includes(combo));
  if (!action || (action.enabled && !action.enabled())) return false;
  e.preventDefault();
  void action.run();
  return true;
}

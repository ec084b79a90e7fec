import type { Action, Menu, MenuEntry } from '../editor/actions';
import { actionLabel } from '../editor/actions';

/** The web menubar (File, Edit, View, …): a click opens a menu, hovering moves between open menus. */
export class Menubar {
  private openMenu: HTMLElement | null = null;

  constructor(
    readonly element: HTMLElement,
    menus: readonly Menu[],
    toolbar: HTMLElement,
  ) {
    const brand = document.createElement('div');
    brand.className = 'brand';
    brand.textContent = '◉ Homeomorph';
    element.appendChild(brand);
    for (const menu of menus) element.appendChild(this.menuElement(menu));
    element.appendChild(toolbar);
    document.addEventListener('pointerdown', (e) => {
      if (this.openMenu && !this.openMenu.contains(e.target as Node)) this.close();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
  }

  private close(): void {
    this.openMenu?.classList.remove('open');
    this.openMenu = null;
  }

  private menuElement(menu: Menu): HTMLElement {
    const wrapper = document.createElement('div');
    wrapper.className = 'menu';
    const button = document.createElement('button');
    button.textContent = menu.label;
    button.dataset.menu = menu.label;
    const list = document.createElement('div');
    list.className = 'menu-items';
    wrapper.append(button, list);
    button.addEventListener('click', () => {
      const wasOpen = this.openMenu === wrapper;
      this.close();
      if (!wasOpen) this.open(wrapper, list, menu.items);
    });
    button.addEventListener('pointerenter', () => {
      if (this.openMenu && this.openMenu !== wrapper) {
        this.close();
        this.open(wrapper, list, menu.items);
      }
    });
    return wrapper;
  }

  /** Items are rebuilt on every open so labels ("Undo Rename …") and enabled states are current. */
  private open(wrapper: HTMLElement, list: HTMLElement, items: readonly MenuEntry[]): void {
    list.replaceChildren(...this.itemElements(items, ''));
    wrapper.classList.add('open');
    this.openMenu = wrapper;
  }

  private itemElements(items: readonly MenuEntry[], prefix: string): HTMLElement[] {
    const out: HTMLElement[] = [];
    for (const item of items) {
      if (item === 'separator') {
        const sep = document.createElement('div');
        sep.className = 'menu-separator';
        out.push(sep);
      } else if ('items' in item) {
        out.push(...this.itemElements(item.items, `${prefix}${item.label} ▸ `));
      } else out.push(this.actionElement(item, prefix));
    }
    return out;
  }

  private actionElement(action: Action, prefix: string): HTMLElement {
    const row = document.createElement('div');
    row.className = 'menu-item';
    row.dataset.action = action.id;
    const enabled = !action.enabled || action.enabled();
    if (!enabled) row.classList.add('disabled');
    const label = document.createElement('span');
    label.textContent = prefix + actionLabel(action);
    const shortcut = document.createElement('span');
    shortcut.className = 'shortcut';
    shortcut.textContent = action.shortcut ?? '';
    row.append(label, shortcut);
    row.addEventListener('click', () => {
      if (!enabled) return;
      this.close();
      void action.run();
    });
    return row;
  }
}

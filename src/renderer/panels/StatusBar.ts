import { Mesh } from 'three';
import type { Editor } from '../editor/Editor';

/**
 * The bottom line: the last message (errors in red, kept until the next one) and scene totals.
 * Also shows short-lived toasts for things the user must not miss (load errors, job failures).
 */
export class StatusBar {
  private readonly message = document.createElement('span');
  private readonly stats = document.createElement('span');
  private readonly toasts = document.createElement('div');

  constructor(
    private readonly editor: Editor,
    element: HTMLElement,
  ) {
    this.message.className = 'status-message';
    this.message.textContent = 'Ready';
    this.stats.className = 'status-stats';
    element.append(this.message, this.stats);
    this.toasts.className = 'toasts';
    document.body.appendChild(this.toasts);
    editor.signals.sceneGraphChanged.add(() => this.updateStats());
    editor.signals.geometryChanged.add(() => this.updateStats());
    this.updateStats();
  }

  show(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
    this.message.textContent = text;
    this.message.className = `status-message ${kind}`;
  }

  /** A message box in the corner that goes away by itself (errors stay longer). */
  toast(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
    this.show(text.split('\n')[0]!, kind);
    const toast = document.createElement('div');
    toast.className = `toast ${kind}`;
    toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    toast.textContent = text;
    this.toasts.appendChild(toast);
    setTimeout(() => toast.remove(), kind === 'error' ? 12_000 : 5_000);
  }

  private updateStats(): void {
    let objects = 0;
    let vertices = 0;
    let triangles = 0;
    this.editor.scene.traverse((o) => {
      if (o === this.editor.scene) return;
      objects++;
      if (o instanceof Mesh) {
        const g = o.geometry;
        const count = g.getAttribute('position')?.count ?? 0;
        vertices += count;
        triangles += (g.index ? g.index.count : count) / 3;
      }
    });
    this.stats.textContent = `${objects} object${objects === 1 ? '' : 's'} · ${vertices.toLocaleString('en')} vertices · ${triangles.toLocaleString('en')} triangles`;
  }
}

import { Mesh, type Vector3 } from 'three';
import type { MeshBVH } from 'three-mesh-bvh';
import { PAINT_ATTRIBUTE, PaintFacesCommand, type LabelClass } from '../../core/commands/PaintFacesCommand';
import type { Editor } from '../editor/Editor';
import { facesInSphere, strokeSamples, worldPerPixel } from './brushFaces';
import type { Viewport } from './Viewport';

/** What the brush paints with (the label panel owns these). */
export interface BrushSettings {
  /** 1-based class to paint. */
  label: number;
  erase: boolean;
  /** Radius in CSS pixels ('screen') or scene units ('world'). */
  radius: number;
  units: 'screen' | 'world';
  classes: readonly LabelClass[];
}

/**
 * The label brush: while on, a left-drag that starts on the active mesh paints the faces within the
 * brush radius (a drag that starts beside it still orbits). Faces are found with the mesh's BVH (a
 * raycast for the point under the pointer, a sphere shapecast for the faces around it); one stroke is
 * one PaintFacesCommand, and the colour view is updated face by face while it is drawn.
 */
export class LabelBrush {
  private active = false;
  private stroke: {
    command: PaintFacesCommand;
    mesh: Mesh;
    x: number;
    y: number;
    changed: boolean;
    pointerId: number;
  } | null = null;
  private readonly cursor = document.createElement('div');
  private previousView: string | null = null;
  /** Called when a stroke ends (tests, the panel's face counts). */
  onStroke: (command: PaintFacesCommand | null) => void = () => {};

  constructor(
    private readonly editor: Editor,
    private readonly viewport: Viewport,
    private readonly settings: () => BrushSettings,
  ) {
    this.cursor.className = 'brush-cursor';
    this.cursor.hidden = true;
    viewport.container.appendChild(this.cursor);
    // Capture phase on the container: the brush sees the pointer before the canvas' orbit controls and
    // click-picking, and keeps it from them while it paints.
    const container = viewport.container;
    container.addEventListener('pointerdown', (e) => this.down(e), true);
    container.addEventListener('pointermove', (e) => this.move(e), true);
    container.addEventListener('pointerup', (e) => this.up(e), true);
    container.addEventListener('pointercancel', (e) => this.up(e), true);
    container.addEventListener('pointerleave', () => (this.cursor.hidden = true));
    // No undo/redo (or other shortcut with a modifier) in the middle of a stroke: the stroke has not
    // reached the history yet, and undoing the step before it would mix their labels.
    window.addEventListener(
      'keydown',
      (e) => {
        if (this.stroke && (e.ctrlKey || e.metaKey)) {
          e.stopImmediatePropagation();
          e.preventDefault();
        }
      },
      true,
    );
  }

  get enabled(): boolean {
    return this.active;
  }

  /** Turns painting on (showing the painted labels) or off (back to the view before). */
  set enabled(on: boolean) {
    if (on === this.active) return;
    this.active = on;
    this.cursor.hidden = true;
    this.viewport.container.classList.toggle('painting', on);
    if (on) {
      this.previousView = this.viewport.attribute;
      this.viewport.attribute = PAINT_ATTRIBUTE; // (reset to none by the toolbar while no mesh has labels)
    } else {
      if (this.stroke) this.finish();
      if (this.viewport.attribute === PAINT_ATTRIBUTE) this.viewport.attribute = this.previousView;
    }
  }

  private target(): Mesh | null {
    const object = this.editor.active;
    return object instanceof Mesh && object.visible ? object : null;
  }

  private down(e: PointerEvent): void {
    if (!this.active || e.button !== 0 || this.stroke) return;
    const mesh = this.target();
    const hit = mesh && this.viewport.raycastMesh(mesh, e.clientX, e.clientY);
    if (!mesh || !hit) return; // off the mesh: orbit as usual
    e.stopPropagation();
    e.preventDefault();
    this.viewport.canvas.setPointerCapture(e.pointerId);
    const s = this.settings();
    const command = new PaintFacesCommand(this.editor, mesh, s.erase ? 0 : s.label, s.classes);
    this.stroke = { command, mesh, x: e.clientX, y: e.clientY, changed: false, pointerId: e.pointerId };
    this.paintAt(hit.point);
  }

  private move(e: PointerEvent): void {
    if (!this.active) return;
    const stroke = this.stroke;
    if (!stroke) {
      this.hover(e);
      return;
    }
    if (e.pointerId !== stroke.pointerId) return;
    e.stopPropagation();
    const spacing = Math.max(2, this.radiusPixels(e) / 3);
    const points = strokeSamples(stroke.x, stroke.y, e.clientX, e.clientY, spacing);
    for (let i = 0; i < points.length; i += 2) {
      const hit = this.viewport.raycastMesh(stroke.mesh, points[i]!, points[i + 1]!);
      if (hit) this.paintAt(hit.point);
    }
    stroke.x = e.clientX;
    stroke.y = e.clientY;
    this.placeCursor(e.clientX, e.clientY, this.radiusPixels(e));
  }

  private up(e: PointerEvent): void {
    if (!this.stroke || e.pointerId !== this.stroke.pointerId) return;
    e.stopPropagation();
    this.finish();
  }

  /** Ends the stroke: one undo step if it changed any label; otherwise as if it never happened. */
  private finish(): void {
    const stroke = this.stroke!;
    this.stroke = null;
    if (this.viewport.canvas.hasPointerCapture(stroke.pointerId))
      this.viewport.canvas.releasePointerCapture(stroke.pointerId);
    if (stroke.changed) {
      this.viewport.keepAttributeView(stroke.mesh.geometry); // recoloured face by face already
      this.editor.execute(stroke.command);
    } else stroke.command.undo(); // takes back an attribute the stroke added without painting anything
    this.onStroke(stroke.changed ? stroke.command : null);
  }

  private paintAt(worldPoint: Vector3): void {
    const stroke = this.stroke!;
    const { mesh } = stroke;
    const bvh = mesh.geometry.boundsTree as MeshBVH | undefined;
    if (!bvh) return;
    const radius = this.worldRadius(worldPoint) / Math.max(1e-12, mesh.matrixWorld.getMaxScaleOnAxis());
    const center = mesh.worldToLocal(worldPoint.clone());
    const changed = stroke.command.paint(facesInSphere(bvh, center, radius));
    if (changed.length === 0) return;
    if (!stroke.changed) {
      stroke.changed = true;
      // The first paint may have added the attribute: show it (the toolbar refused it while absent).
      if (this.viewport.attribute !== PAINT_ATTRIBUTE) this.viewport.attribute = PAINT_ATTRIBUTE;
    }
    this.viewport.refreshFaces(mesh, changed);
  }

  private worldRadius(point: Vector3): number {
    const s = this.settings();
    return s.units === 'world'
      ? s.radius
      : s.radius * worldPerPixel(this.viewport.camera, point, this.viewport.canvas.clientHeight);
  }

  /** The brush radius in CSS pixels at the pointer (world radii look smaller far away). */
  private radiusPixels(e: PointerEvent): number {
    const s = this.settings();
    if (s.units === 'screen') return s.radius;
    const mesh = this.stroke?.mesh ?? this.target();
    const hit = mesh && this.viewport.raycastMesh(mesh, e.clientX, e.clientY);
    return hit
      ? s.radius / worldPerPixel(this.viewport.camera, hit.point, this.viewport.canvas.clientHeight)
      : s.radius;
  }

  /** The brush outline follows the pointer over the active mesh (beside it a drag orbits). */
  private hover(e: PointerEvent): void {
    const mesh = this.target();
    const hit = mesh && e.buttons === 0 ? this.viewport.raycastMesh(mesh, e.clientX, e.clientY) : null;
    if (!hit) {
      this.cursor.hidden = true;
      return;
    }
    const s = this.settings();
    const pixels =
      s.units === 'screen'
        ? s.radius
        : s.radius / worldPerPixel(this.viewport.camera, hit.point, this.viewport.canvas.clientHeight);
    this.placeCursor(e.clientX, e.clientY, pixels);
  }

  private placeCursor(clientX: number, clientY: number, radius: number): void {
    const rect = this.viewport.container.getBoundingClientRect();
    const s = this.settings();
    this.cursor.hidden = false;
    this.cursor.style.width = this.cursor.style.height = `${2 * radius}px`;
    this.cursor.style.transform = `translate(${clientX - rect.left - radius}px, ${clientY - rect.top - radius}px)`;
    this.cursor.style.borderColor = s.erase ? '#ffffff' : (s.classes[s.label - 1]?.color ?? '#ffffff');
  }
}

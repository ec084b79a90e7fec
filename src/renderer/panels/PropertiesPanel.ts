import GUI from 'lil-gui';
import { Euler, MathUtils, Mesh, Vector3 } from 'three';
import type { Object3D } from 'three';
import { RenameCommand } from '../../core/commands/RenameCommand';
import { SetMorphInfluenceCommand } from '../../core/commands/SetMorphInfluenceCommand';
import { SetTransformCommand } from '../../core/commands/SetTransformCommand';
import { SetVisibleCommand } from '../../core/commands/SetVisibleCommand';
import type { Editor } from '../editor/Editor';
import { viewableAttributes } from '../viewport/attributeView';
import type { Viewport } from '../viewport/Viewport';
import { formatNumber } from '../viewport/LegendView';
import { pluginResults } from './pluginResults';
import type { MeshStats } from './meshStats';
import type { ResultViewPanel } from './ResultViewPanel';

/**
 * The properties of the active object (lil-gui): name, visibility, transform, morph-target weights,
 * geometry and its viewable attributes, mesh statistics (Inspect) and the plugin results stored in
 * userData. Every edit is a Command, so it can be undone; drags merge into one step.
 */
export class PropertiesPanel {
  private gui: GUI | null = null;
  private object: Object3D | null = null;
  private readonly proxy = {
    name: '',
    visible: true,
    px: 0,
    py: 0,
    pz: 0,
    rx: 0,
    ry: 0,
    rz: 0,
    sx: 1,
    sy: 1,
    sz: 1,
  };
  private statsElement: HTMLElement | null = null;
  private resultsKey = '';
  /** Folders the user folded stay folded when the panel is rebuilt (another selection, an undo). */
  private readonly closedFolders = new Set<string>();
  /** Plugins' result views (live slider, images, exports) for the objects they produced; set by the app. */
  resultViews: ResultViewPanel | null = null;

  constructor(
    private readonly editor: Editor,
    private readonly viewport: Viewport,
    private readonly element: HTMLElement,
    /** Computes mesh statistics off the UI thread (the Inspect & Repair inspector). */
    private readonly computeStats: ((mesh: Mesh) => Promise<MeshStats>) | null,
  ) {
    editor.signals.selectionChanged.add(() => this.rebuild());
    editor.signals.objectChanged.add((o) => {
      if (o === this.object) this.refresh();
    });
    editor.signals.geometryChanged.add((o) => {
      if (o === this.object) this.rebuild();
    });
    viewport.onAttributeChange(() => {
      if (this.gui)
        for (const c of this.gui.controllersRecursive())
          if (c.property === 'attribute') {
            (c.object as { attribute: string }).attribute = viewport.attribute ?? '';
            c.updateDisplay();
          }
    });
    this.rebuild();
  }

  private rebuild(): void {
    this.gui?.destroy();
    this.statsElement = null;
    const object = this.editor.active;
    this.object = object;
    const gui = new GUI({
      container: this.element,
      title: object ? `Properties — ${object.name || object.type}` : 'Properties',
    });
    gui.domElement.classList.add('properties-gui');
    this.gui = gui;
    if (!object) {
      const hint = document.createElement('div');
      hint.className = 'operator-description';
      hint.textContent = 'Select an object in the view or the outliner.';
      gui.$children.appendChild(hint);
      return;
    }
    this.readProxy(object);
    const editor = this.editor;
    gui
      .add(this.proxy, 'name')
      .name('Name')
      .onFinishChange((name: string) => {
        if (name && name !== object.name) editor.execute(new RenameCommand(editor, object, name));
      });
    gui
      .add(this.proxy, 'visible')
      .name('Visible')
      .onChange((v: boolean) => editor.execute(new SetVisibleCommand(editor, [object], v)));

    const transform = gui.addFolder('Transform');
    if (this.closedFolders.has('Transform')) transform.close();
    transform.onOpenClose((f) => this.rememberFolder(f));
    const apply = () =>
      editor.execute(
        new SetTransformCommand(editor, object, {
          position: new Vector3(this.proxy.px, this.proxy.py, this.proxy.pz),
          rotation: new Euler(
            MathUtils.degToRad(this.proxy.rx),
            MathUtils.degToRad(this.proxy.ry),
            MathUtils.degToRad(this.proxy.rz),
            object.rotation.order,
          ),
          scale: new Vector3(this.proxy.sx, this.proxy.sy, this.proxy.sz),
        }),
      );
    const labels: [keyof typeof this.proxy, string, number][] = [
      ['px', 'Location X', 0.01],
      ['py', 'Location Y', 0.01],
      ['pz', 'Location Z', 0.01],
      ['rx', 'Rotation X°', 1],
      ['ry', 'Rotation Y°', 1],
      ['rz', 'Rotation Z°', 1],
      ['sx', 'Scale X', 0.01],
      ['sy', 'Scale Y', 0.01],
      ['sz', 'Scale Z', 0.01],
    ];
    for (const [key, label, step] of labels)
      transform.add(this.proxy, key).name(label).step(step).onChange(apply);

    if (object instanceof Mesh) this.addMeshFolders(gui, object);
    this.addPluginResults(gui, object);
  }

  private addMeshFolders(gui: GUI, mesh: Mesh): void {
    const editor = this.editor;
    const influences = mesh.morphTargetInfluences;
    if (influences && influences.length > 0) {
      const morphs = gui.addFolder('Morph targets');
      const names = Object.entries(mesh.morphTargetDictionary ?? {});
      influences.forEach((_, i) => {
        const label = names.find(([, j]) => j === i)?.[0] ?? `target ${i}`;
        const holder = { value: influences[i]! };
        morphs
          .add(holder, 'value', 0, 1, 0.001)
          .name(label)
          .onChange((v: number) => editor.execute(new SetMorphInfluenceCommand(editor, mesh, i, v)));
      });
    }

    const geometry = mesh.geometry;
    const folder = gui.addFolder('Geometry');
    const vertices = geometry.getAttribute('position')?.count ?? 0;
    const triangles = (geometry.index ? geometry.index.count : vertices) / 3;
    const table = statsTable([
      ['Vertices', vertices.toLocaleString('en')],
      ['Triangles', triangles.toLocaleString('en')],
      ['Indexed', geometry.index ? 'yes' : 'no'],
    ]);
    folder.$children.appendChild(table);
    const attributes = viewableAttributes(geometry);
    if (attributes.length) {
      const view = { attribute: this.viewport.attribute ?? '' };
      const options: Record<string, string> = { '(material)': '' };
      for (const a of attributes) options[`${a.info.label} (${a.info.domain})`] = a.name;
      folder
        .add(view, 'attribute', options)
        .name('Colour by')
        .onChange((name: string) => {
          this.viewport.attribute = name || null;
        });
    }

    const stats = gui.addFolder('Inspect');
    if (this.closedFolders.has('Inspect')) stats.close();
    stats.onOpenClose((f) => this.rememberFolder(f));
    this.statsElement = document.createElement('div');
    this.statsElement.className = 'operator-description';
    this.statsElement.textContent = this.computeStats
      ? 'Inspecting…'
      : 'The mesh inspector is not available in this build.';
    stats.$children.appendChild(this.statsElement);
    if (this.computeStats) {
      const target = this.statsElement;
      this.computeStats(mesh).then(
        (s) => {
          if (this.statsElement !== target) return;
          target.replaceWith(statsTable(formatStats(s)));
        },
        (error: unknown) => {
          if (this.statsElement === target)
            target.textContent = `Could not inspect: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    }
  }

  private addPluginResults(gui: GUI, object: Object3D): void {
    this.resultsKey = resultsKey(object);
    for (const result of pluginResults(object)) {
      const folder = gui.addFolder(`Result: ${result.title}`);
      const rows: [string, string][] = [];
      for (const [k, v] of Object.entries(result.metrics)) rows.push([k, formatValue(v)]);
      for (const [k, v] of Object.entries(result.props)) rows.push([`${k} (prop)`, formatValue(v)]);
      folder.$children.appendChild(statsTable(rows));
      if (this.closedFolders.has(folder._title)) folder.close();
      folder.onOpenClose((f) => this.rememberFolder(f));
    }
    this.resultViews?.mount(gui, object);
  }

  private rememberFolder(folder: GUI): void {
    if (folder._closed) this.closedFolders.add(folder._title);
    else this.closedFolders.delete(folder._title);
  }

  private readProxy(object: Object3D): void {
    const p = this.proxy;
    p.name = object.name;
    p.visible = object.visible;
    [p.px, p.py, p.pz] = object.position.toArray().map(round);
    p.rx = round(MathUtils.radToDeg(object.rotation.x));
    p.ry = round(MathUtils.radToDeg(object.rotation.y));
    p.rz = round(MathUtils.radToDeg(object.rotation.z));
    [p.sx, p.sy, p.sz] = object.scale.toArray().map(round);
  }

  /** Shows the object's current values after an undo, a redo or an edit from elsewhere. */
  private refresh(): void {
    if (!this.object || !this.gui) return;
    // A plugin result arrived or went away (apply, undo): the panel's folders change.
    if (resultsKey(this.object) !== this.resultsKey) return this.rebuild();
    this.readProxy(this.object);
    this.gui.title(`Properties — ${this.object.name || this.object.type}`);
    for (const c of this.gui.controllersRecursive()) c.updateDisplay();
  }
}

const resultsKey = (object: Object3D) => JSON.stringify(pluginResults(object));

const round = (v: number) => Math.round(v * 1e6) / 1e6;

function formatValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length <= 6 && v.every((x) => typeof x === 'number'))
    return v.map((x: number) => formatNumber(x)).join(', ');
  return JSON.stringify(v)?.slice(0, 80) ?? '—';
}

function formatStats(s: MeshStats): [string, string, boolean?][] {
  const n = (v: number) => v.toLocaleString('en');
  return [
    ['Vertices', n(s.vertices)],
    ['Faces', n(s.faces)],
    ['Edges', n(s.edges)],
    ['Components', n(s.components), s.components > 1],
    [
      'Closed',
      s.closed ? 'yes' : `no (${n(s.boundaryEdges)} boundary edges, ${n(s.boundaryLoops)} holes)`,
      !s.closed,
    ],
    [
      'Manifold',
      s.manifold ? 'yes' : `no (${n(s.nonManifoldEdges)} edges, ${n(s.nonManifoldVertices)} vertices)`,
      !s.manifold,
    ],
    [
      'Oriented',
      s.inconsistentEdges === 0 ? 'yes' : `no (${n(s.inconsistentEdges)} edges)`,
      s.inconsistentEdges > 0,
    ],
    ['Degenerate faces', n(s.degenerateFaces), s.degenerateFaces > 0],
    ['Duplicate faces', n(s.duplicateFaces), s.duplicateFaces > 0],
    ['Unused vertices', n(s.unusedVertices), s.unusedVertices > 0],
    ['Euler χ', String(s.eulerCharacteristic)],
    ['Genus', s.genus === null ? '— (not closed manifold)' : String(s.genus)],
    ['Size', s.bbox.max.map((x, i) => formatNumber(x - s.bbox.min[i]!)).join(' × ')],
  ];
}

function statsTable(rows: [string, string, boolean?][]): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'stats-table';
  for (const [k, v, warn] of rows) {
    const tr = table.insertRow();
    if (warn) tr.className = 'warn';
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = v;
  }
  return table;
}

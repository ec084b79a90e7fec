import {
  AxesHelper,
  Box3,
  DirectionalLight,
  Group,
  BoxHelper,
  BufferAttribute,
  BufferGeometry,
  Color,
  GridHelper,
  Mesh,
  MeshBasicMaterial,
  MeshNormalMaterial,
  MeshStandardMaterial,
  NeutralToneMapping,
  PerspectiveCamera,
  PMREMGenerator,
  Raycaster,
  Scene,
  Sphere,
  SRGBColorSpace,
  Vector2,
  Vector3,
  WebGLRenderer,
} from 'three';
import type { Intersection, Material, Object3D } from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { RoomEnvironment } from 'three/addons/environments/RoomEnvironment.js';
import { acceleratedRaycast, computeBoundsTree, disposeBoundsTree } from 'three-mesh-bvh';
import { GenerateMeshBVHWorker } from 'three-mesh-bvh/worker';
import type { Editor } from '../editor/Editor';
import { attributeDisplayGeometry, recolorFaces, viewableAttributes } from './attributeView';
import type { Legend } from './attributeView';
import { LegendView } from './LegendView';

// three-mesh-bvh: BVH-accelerated raycasts, so a click on a million-triangle mesh takes microseconds.
BufferGeometry.prototype.computeBoundsTree = computeBoundsTree;
BufferGeometry.prototype.disposeBoundsTree = disposeBoundsTree;
Mesh.prototype.raycast = acceleratedRaycast;

export type Shading = 'smooth' | 'flat' | 'wireframe' | 'normals';

/** Meshes above this many triangles get their BVH built in a worker rather than on this thread. */
const EAGER_BVH_TRIANGLES = 300_000;

/**
 * The 3D view: renders the editor's scene with a helper scene (grid, axes, selection boxes) on top,
 * orbit/pan/zoom, picking, frame selected and the display modes. Rendering is on demand (only when
 * something changed), which keeps an idle editor at 0 % CPU.
 */
export class Viewport {
  readonly renderer: WebGLRenderer;
  readonly camera = new PerspectiveCamera(45, 1, 0.01, 1000);
  readonly controls: OrbitControls;
  private readonly helpers = new Scene();
  /** A key light that follows the camera, added to the scene only while drawing (never a user object). */
  private readonly lightRig = new Group();
  private readonly selectionBoxes: BoxHelper[] = [];
  private readonly legendView: LegendView;
  private shadingMode: Shading = 'smooth';
  private attributeName: string | null = null;
  private renderQueued = false;
  private compiling = 0;
  private bvhWorker: GenerateMeshBVHWorker | null = null;
  private bvhQueue: Promise<void> = Promise.resolve();
  private readonly attributeListeners: ((name: string | null) => void)[] = [];
  private readonly flatMaterials = new WeakMap<Material, Material>();
  private readonly upToDate = new WeakSet<BufferGeometry>();
  private readonly attributeCache = new WeakMap<
    BufferGeometry,
    { name: string; geometry: BufferGeometry; legend: Legend } | null
  >();
  private readonly normalMaterial = new MeshNormalMaterial();
  private readonly attributeMaterial = new MeshStandardMaterial({
    vertexColors: true,
    roughness: 0.75,
    metalness: 0,
  });
  private readonly attributeFlatMaterial = new MeshStandardMaterial({
    vertexColors: true,
    roughness: 0.75,
    metalness: 0,
    flatShading: true,
  });
  private readonly wireMaterial = new MeshBasicMaterial({
    color: 0x000000,
    wireframe: true,
    transparent: true,
    opacity: 0.25,
    depthWrite: false,
  });
  /** Called after every rendered frame (tests wait on it). */
  onRender: () => void = () => {};

  constructor(
    private readonly editor: Editor,
    readonly container: HTMLElement,
  ) {
    this.renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.toneMapping = NeutralToneMapping;
    this.renderer.setClearColor(new Color(0x2b2d31));
    this.renderer.autoClear = false;
    this.renderer.domElement.classList.add('viewport-canvas');
    container.appendChild(this.renderer.domElement);
    this.legendView = new LegendView(container);

    // Lighting with no remote content: a procedural room as image-based light.
    const pmrem = new PMREMGenerator(this.renderer);
    editor.scene.environment = pmrem.fromScene(new RoomEnvironment(), 0.04).texture;
    editor.scene.environmentIntensity = 0.7;
    pmrem.dispose();
    const key = new DirectionalLight(0xffffff, 1.6);
    key.position.set(-1, 1.5, 1);
    this.lightRig.add(key, key.target);

    const grid = new GridHelper(10, 20, 0x5a5d63, 0x3a3c41);
    grid.name = 'grid';
    this.helpers.add(grid);
    const axes = new AxesHelper(0.5);
    axes.renderOrder = 1;
    this.helpers.add(axes);

    this.camera.position.set(2.2, 1.6, 2.8);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());

    this.installPicking();
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();

    const refresh = () => {
      this.updateSelectionBoxes();
      this.requestRender();
    };
    editor.signals.objectAdded.add((object) => {
      this.scheduleBoundsTrees(object);
      this.precompile(object);
      refresh();
    });
    editor.signals.objectRemoved.add(refresh);
    editor.signals.objectChanged.add((object) => {
      if (this.hasUncompiledMaterial(object)) this.precompile(object);
      refresh();
    });
    editor.signals.geometryChanged.add((object) => {
      // Painting edits face labels in place (same geometry): its colour view must be made anew.
      if (object instanceof Mesh && !this.upToDate.delete(object.geometry))
        this.dropAttributeView(object.geometry);
      this.scheduleBoundsTrees(object);
      this.precompile(object);
      refresh();
    });
    editor.signals.selectionChanged.add(refresh);
  }

  get canvas(): HTMLCanvasElement {
    return this.renderer.domElement;
  }

  get shading(): Shading {
    return this.shadingMode;
  }

  set shading(mode: Shading) {
    this.shadingMode = mode;
    this.requestRender();
  }

  /** The attribute shown as colours (null: the objects' own materials). */
  get attribute(): string | null {
    return this.attributeName;
  }

  set attribute(name: string | null) {
    if (name === this.attributeName) return;
    this.attributeName = name;
    for (const listener of this.attributeListeners) listener(name);
    this.requestRender();
  }

  /** Called when the attribute view changes (the menubar and the properties panel stay in step). */
  onAttributeChange(listener: (name: string | null) => void): void {
    this.attributeListeners.push(listener);
  }

  /** Every attribute name any mesh in the scene can show, with its label. */
  viewableAttributes(): { name: string; label: string }[] {
    const out = new Map<string, string>();
    this.editor.scene.traverse((o) => {
      if (o instanceof Mesh)
        for (const a of viewableAttributes(o.geometry)) if (!out.has(a.name)) out.set(a.name, a.info.label);
    });
    return [...out].map(([name, label]) => ({ name, label }));
  }

  requestRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  /** Points the camera at the selection (or everything when nothing is selected). */
  frameSelected(): void {
    const targets = this.editor.selection.length ? this.editor.selection : this.editor.scene.children;
    const box = new Box3();
    for (const object of targets) if (object.visible) box.expandByObject(object);
    if (box.isEmpty()) return;
    const sphere = box.getBoundingSphere(new Sphere());
    const radius = Math.max(sphere.radius, 1e-6);
    const distance = (radius / Math.sin((this.camera.fov * Math.PI) / 360)) * 1.1;
    const direction = new Vector3().subVectors(this.camera.position, this.controls.target).normalize();
    if (direction.lengthSq() === 0) direction.set(0.6, 0.45, 0.8).normalize();
    this.controls.target.copy(sphere.center);
    this.camera.position.copy(sphere.center).addScaledVector(direction, distance);
    this.camera.near = distance / 1000;
    this.camera.far = distance * 100;
    this.camera.updateProjectionMatrix();
    this.controls.update();
    this.requestRender();
  }

  /**
   * Compiles the shaders a new object or geometry needs (morph targets, vertex colours…) without
   * blocking: with KHR_parallel_shader_compile the driver compiles in the background, and the view
   * keeps its last frame until the programs are ready (at most a second), instead of stalling the
   * UI thread in the first draw.
   */
  private precompile(object: Object3D): void {
    this.compiling++;
    this.editor.scene.add(this.lightRig);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.compiling--;
      this.requestRender();
    };
    try {
      void this.renderer.compileAsync(object, this.camera, this.editor.scene).then(finish, finish);
    } catch {
      finish();
    } finally {
      this.editor.scene.remove(this.lightRig);
    }
    setTimeout(finish, 1000);
  }

  private hasUncompiledMaterial(object: Object3D): boolean {
    let found = false;
    object.traverse((o) => {
      if (!(o instanceof Mesh)) return;
      for (const m of Array.isArray(o.material) ? o.material : [o.material]) {
        if ((this.renderer.properties.get(m) as { currentProgram?: unknown }).currentProgram === undefined)
          found = true;
      }
    });
    return found;
  }

  private resize(): void {
    const { clientWidth: w, clientHeight: h } = this.container;
    if (w === 0 || h === 0) return;
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.render();
  }

  render(): void {
    if (this.compiling > 0) return; // precompile() asks for a frame when it is done
    const swapped: [Mesh, BufferGeometry, Material | Material[]][] = [];
    let legend: Legend | null = null;
    if (this.shadingMode === 'flat' || this.shadingMode === 'normals' || this.attributeName) {
      this.editor.scene.traverseVisible((o) => {
        if (!(o instanceof Mesh)) return;
        const display = this.displayFor(o);
        if (!display) return;
        swapped.push([o, o.geometry, o.material]);
        if (display.geometry) o.geometry = display.geometry;
        o.material = display.material;
        if (display.legend && (!legend || this.editor.selection.includes(o))) legend = display.legend;
      });
    }
    this.renderer.clear();
    this.lightRig.quaternion.copy(this.camera.quaternion);
    this.lightRig.position.copy(this.camera.position);
    this.editor.scene.add(this.lightRig);
    this.renderer.render(this.editor.scene, this.camera);
    this.editor.scene.remove(this.lightRig);
    for (const [mesh, geometry, material] of swapped) {
      mesh.geometry = geometry;
      mesh.material = material;
    }
    if (this.shadingMode === 'wireframe') {
      const background = this.editor.scene.background;
      this.editor.scene.overrideMaterial = this.wireMaterial;
      this.renderer.render(this.editor.scene, this.camera);
      this.editor.scene.overrideMaterial = null;
      this.editor.scene.background = background;
    }
    this.renderer.render(this.helpers, this.camera);
    this.legendView.show(legend);
    this.onRender();
  }

  /** What to draw a mesh with in the current display mode; null: its own geometry and material. */
  private displayFor(mesh: Mesh): { geometry?: BufferGeometry; material: Material; legend?: Legend } | null {
    const flat = this.shadingMode === 'flat';
    if (this.attributeName) {
      const view = this.attributeGeometry(mesh.geometry, this.attributeName);
      if (view)
        return {
          geometry: view.geometry,
          material: flat ? this.attributeFlatMaterial : this.attributeMaterial,
          legend: view.legend,
        };
    }
    if (this.shadingMode === 'normals') return { material: this.normalMaterial };
    if (flat && !Array.isArray(mesh.material)) {
      let material = this.flatMaterials.get(mesh.material);
      if (!material) {
        material = mesh.material.clone();
        if ('flatShading' in material) material.flatShading = true;
        this.flatMaterials.set(mesh.material, material);
      }
      return { material };
    }
    return null;
  }

  private attributeGeometry(geometry: BufferGeometry, name: string) {
    let cached = this.attributeCache.get(geometry);
    if (cached === undefined || (cached && cached.name !== name)) {
      const attribute = viewableAttributes(geometry).find((a) => a.name === name);
      const view = attribute ? attributeDisplayGeometry(geometry, attribute) : null;
      cached = view ? { name, ...view } : null;
      this.attributeCache.set(geometry, cached);
    }
    return cached && cached.name === name ? cached : null;
  }

  /**
   * The colour view of `geometry` already shows its next change (the brush recoloured a stroke's faces
   * as it went): the coming geometryChanged keeps it instead of rebuilding it (0.7 s for 1M triangles).
   */
  keepAttributeView(geometry: BufferGeometry): void {
    this.upToDate.add(geometry);
  }

  private dropAttributeView(geometry: BufferGeometry): void {
    this.attributeCache.get(geometry)?.geometry.dispose();
    this.attributeCache.delete(geometry);
  }

  /**
   * Recolours faces whose label changed in place (the label brush, during a stroke) without rebuilding
   * the colour view: only their colours are rewritten and uploaded.
   */
  refreshFaces(mesh: Mesh, faces: ArrayLike<number>): void {
    const cached = this.attributeCache.get(mesh.geometry);
    const attribute = cached && viewableAttributes(mesh.geometry).find((a) => a.name === cached.name);
    if (!cached || !attribute || !recolorFaces(cached.geometry, mesh.geometry, attribute, faces))
      this.dropAttributeView(mesh.geometry);
    this.requestRender();
  }

  private updateSelectionBoxes(): void {
    for (const box of this.selectionBoxes) {
      this.helpers.remove(box);
      box.dispose();
    }
    this.selectionBoxes.length = 0;
    for (const object of this.editor.selection) {
      const box = new BoxHelper(object, object === this.editor.active ? 0xffa640 : 0xd9772b);
      const material = box.material as { transparent: boolean; opacity: number };
      material.transparent = true;
      material.opacity = 0.45;
      this.selectionBoxes.push(box);
      this.helpers.add(box);
    }
  }

  /**
   * `indirect`: the BVH keeps its own triangle order. The default would reorder the geometry's index
   * in place, and face order is data here (per-face attributes, MeshCNN's edge order, exports).
   */
  ensureBoundsTree(mesh: Mesh): void {
    if (!mesh.geometry.boundsTree) mesh.geometry.computeBoundsTree({ indirect: true });
  }

  /**
   * Builds BVHs for small meshes when the browser is idle, and for big ones in a worker (queued, one
   * at a time). A click before a big mesh's BVH is ready builds it here instead.
   */
  private scheduleBoundsTrees(root: Object3D): void {
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    idle(() => {
      root.traverse((o) => {
        if (!(o instanceof Mesh) || o.geometry.boundsTree) return;
        const triangles = (o.geometry.index?.count ?? o.geometry.getAttribute('position')?.count ?? 0) / 3;
        if (triangles <= EAGER_BVH_TRIANGLES) this.ensureBoundsTree(o);
        else {
          const geometry = o.geometry;
          this.bvhQueue = this.bvhQueue
            .then(() => this.buildBoundsTreeInWorker(geometry))
            .catch(() => undefined);
        }
      });
    });
  }

  /**
   * The worker takes (transfers) the arrays it is given, so it gets copies: the scene's geometry stays
   * usable meanwhile, and the BVH raycasts against the copies (same data, same face order: indirect).
   */
  private async buildBoundsTreeInWorker(geometry: BufferGeometry): Promise<void> {
    if (geometry.boundsTree) return;
    const position = geometry.getAttribute('position');
    if (!(position instanceof BufferAttribute)) return; // interleaved: built on first pick instead
    const proxy = new BufferGeometry();
    proxy.setAttribute('position', new BufferAttribute(position.array.slice(), position.itemSize));
    if (geometry.index) proxy.setIndex(new BufferAttribute(geometry.index.array.slice(), 1));
    this.bvhWorker ??= new GenerateMeshBVHWorker();
    const bvh = await this.bvhWorker.generate(proxy, { indirect: true });
    if (!geometry.boundsTree) geometry.boundsTree = bvh;
  }

  /** Where a canvas point (client coordinates) hits one mesh (BVH raycast, first hit), or null. */
  raycastMesh(mesh: Mesh, clientX: number, clientY: number): Intersection | null {
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new Vector2(
      ((clientX - rect.left) / rect.width) * 2 - 1,
      -((clientY - rect.top) / rect.height) * 2 + 1,
    );
    const raycaster = new Raycaster();
    raycaster.firstHitOnly = true;
    raycaster.setFromCamera(ndc, this.camera);
    this.ensureBoundsTree(mesh);
    return raycaster.intersectObject(mesh, false)[0] ?? null;
  }

  /** The visible mesh under a canvas point (client coordinates), or null. */
  pick(clientX: number, clientY: number): Object3D | null {
    const rect = this.canvas.getBoundingClientRect();
    const ndc = new Vector2(
      ((clientX - rect.left) / rect.width) * 2 - 1,
      -((clientY - rect.top) / rect.height) * 2 + 1,
    );
    const raycaster = new Raycaster();
    raycaster.firstHitOnly = true;
    raycaster.setFromCamera(ndc, this.camera);
    const candidates: Mesh[] = [];
    this.editor.scene.traverseVisible((o) => {
      if (o instanceof Mesh) candidates.push(o);
    });
    for (const mesh of candidates) this.ensureBoundsTree(mesh);
    const hits = raycaster.intersectObjects(candidates, false);
    return hits[0]?.object ?? null;
  }

  /** A click (press and release without dragging) selects; Shift/Ctrl-click adds to the selection. */
  private installPicking(): void {
    const down = new Vector2();
    this.canvas.addEventListener('pointerdown', (e) => down.set(e.clientX, e.clientY));
    this.canvas.addEventListener('pointerup', (e) => {
      if (e.button !== 0 || down.distanceTo(new Vector2(e.clientX, e.clientY)) > 4) return;
      const hit = this.pick(e.clientX, e.clientY);
      const additive = e.shiftKey || e.ctrlKey || e.metaKey;
      if (hit) this.editor.select(hit, additive);
      else if (!additive) this.editor.select(null);
    });
  }
}

import { Texture } from 'three';
import type { Object3D } from 'three';
import { READABLE_EXTENSIONS } from '../../core/io/formats';
import type { ImageFile, InputFile, ModelData, ModelNode } from '../../core/io/ModelData';
import { modelToThree } from '../../core/io/modelToThree';
import { threeToModel } from '../../core/io/threeToModel';
import type { PickedFile } from './droppedFiles';
import type { IoReply, IoRequest } from './ioWorker';
import type { ExportFormat, ImportResult, ModelIO } from './ModelIO';

/** Decodes image bytes off the UI thread (createImageBitmap) into a texture that fills in when ready. */
function loadTexture(image: ImageFile): Texture {
  const texture = new Texture();
  texture.flipY = false; // the bitmap is decoded flipped already: ImageBitmaps ignore flipY
  void createImageBitmap(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mime }), {
    imageOrientation: 'flipY',
  }).then(
    (bitmap) => {
      texture.image = bitmap;
      texture.needsUpdate = true;
      onTextureReady();
    },
    () => undefined, // an undecodable image leaves the material untextured; the reader already warned
  );
  return texture;
}

/** userData flag of the node that wraps several top-level objects in one file (scene saves, autosave). */
const SCENE_ROOT_KEY = 'homeomorphScene';

/** Set by the app to redraw when a texture finishes decoding. */
let onTextureReady: () => void = () => {};

/** ModelIO on top of the core readers/writers, run in one module worker (src/renderer/io/ioWorker.ts). */
export class WorkerModelIO implements ModelIO {
  readonly modelExtensions = READABLE_EXTENSIONS;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: IoReply) => void; reject: (e: Error) => void }>();

  constructor(onTexture: () => void = () => {}) {
    onTextureReady = onTexture;
  }

  private call(request: IoRequest, transfer: Transferable[] = []): Promise<IoReply> {
    if (!this.worker) {
      const worker = new Worker(new URL('./ioWorker.ts', import.meta.url), {
        type: 'module',
        name: 'homeomorph-io',
      });
      worker.onmessage = (e: MessageEvent<IoReply>) => {
        const p = this.pending.get(e.data.id);
        this.pending.delete(e.data.id);
        p?.resolve(e.data);
      };
      worker.onerror = (e) => {
        // A crashed worker fails every request in flight; the next request starts a new worker.
        e.preventDefault();
        for (const p of this.pending.values())
          p.reject(new Error(`the file reader crashed (${e.message || 'no detail'})`));
        this.pending.clear();
        this.worker?.terminate();
        this.worker = null;
      };
      this.worker = worker;
    }
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  async readFiles(files: readonly PickedFile[]): Promise<ImportResult> {
    const isModel = (f: PickedFile) => this.modelExtensions.includes(ext(f.path));
    const models = files.filter(isModel);
    const others = files.filter((f) => !isModel(f));
    const companions: InputFile[] = await Promise.all(
      others.map(async (f) => ({ name: f.path, data: new Uint8Array(await f.file.arrayBuffer()) })),
    );
    const result: ImportResult = { objects: [], warnings: [], failures: [] };
    // glTF files' .bin buffers can be models' companions too: a .gltf never stands alone.
    await Promise.all(
      models.map(async (f) => {
        const data = new Uint8Array(await f.file.arrayBuffer());
        const copies = companions.map((c) => ({ name: c.name, data: c.data.slice() }));
        const reply = await this.call(
          { id: this.nextId++, type: 'read', file: { name: f.path, data }, companions: copies },
          [data.buffer, ...copies.map((c) => c.data.buffer)],
        ).catch((e: unknown) => ({
          id: 0,
          type: 'error' as const,
          name: 'Error',
          message: e instanceof Error ? e.message : String(e),
        }));
        if (reply.type === 'error') result.failures.push({ path: f.path, message: reply.message });
        else if (reply.type === 'read') {
          const object = modelToThree(reply.model, { loadTexture });
          object.name = object.name || reply.model.name;
          // A saved scene (or an export of several objects) comes back as its objects, not as one group.
          if (object.userData[SCENE_ROOT_KEY] === true)
            result.objects.push(...[...object.children].map((c) => c.removeFromParent()));
          else result.objects.push(object);
          result.warnings.push(...reply.model.warnings.map((w) => `${f.path}: ${w}`));
        }
      }),
    );
    // Keep the order the user gave the files in (the reads finish in any order).
    const order = (o: Object3D) => models.findIndex((m) => baseName(m.path) === o.name);
    result.objects.sort((a, b) => order(a) - order(b));
    return result;
  }

  async write(objects: readonly Object3D[], format: ExportFormat, name: string): Promise<Uint8Array> {
    const parts = objects.map((o) => threeToModel(o));
    const model: ModelData =
      parts.length === 1
        ? parts[0]!
        : {
            name,
            root: {
              name,
              userData: { [SCENE_ROOT_KEY]: true },
              children: parts.map((p) => p.root),
            } as ModelNode,
            warnings: parts.flatMap((p) => p.warnings),
          };
    // Copied, not transferred: the arrays still belong to the scene.
    const reply = await this.call({ id: this.nextId++, type: 'write', model, format });
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'write') throw new Error('unexpected reply from the io worker');
    return reply.bytes;
  }
}

function ext(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

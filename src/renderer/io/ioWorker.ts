// The io worker: parses model files and encodes exports off the UI thread. Requests and replies are
// plain data; meshes come back as transferred typed arrays.
import type { WriteFormat } from '../../core/io/formats';
import { modelBuffers } from '../../core/io/ModelData';
import type { InputFile, ModelData } from '../../core/io/ModelData';
import { readModel } from '../../core/io/readModel';
import { writeModel } from '../../core/io/writeModel';

export type IoRequest =
  | { id: number; type: 'read'; file: InputFile; companions: InputFile[] }
  | { id: number; type: 'write'; model: ModelData; format: WriteFormat };

export type IoReply =
  | { id: number; type: 'read'; model: ModelData }
  | { id: number; type: 'write'; bytes: Uint8Array }
  | { id: number; type: 'error'; name: string; message: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<IoRequest>) => void) | null;
  postMessage(message: IoReply, transfer?: Transferable[]): void;
};

/** Finds a companion by its path relative to the main file's folder, else by its file name alone. */
function resolver(main: InputFile, companions: InputFile[]) {
  const folder = main.name.includes('/') ? main.name.slice(0, main.name.lastIndexOf('/') + 1) : '';
  const byPath = new Map<string, Uint8Array>();
  const byName = new Map<string, Uint8Array>();
  for (const c of companions) {
    byPath.set(normalize(c.name), c.data);
    byName.set(c.name.slice(c.name.lastIndexOf('/') + 1).toLowerCase(), c.data);
  }
  return (relative: string): Uint8Array | undefined => {
    const clean = relative.replace(/\\/g, '/');
    return (
      byPath.get(normalize(folder + clean)) ??
      byName.get(clean.slice(clean.lastIndexOf('/') + 1).toLowerCase())
    );
  };
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/').toLowerCase();
}

scope.onmessage = async (event) => {
  const request = event.data;
  try {
    if (request.type === 'read') {
      const model = await readModel(request.file, resolver(request.file, request.companions));
      scope.postMessage({ id: request.id, type: 'read', model }, modelBuffers(model));
    } else {
      const bytes = await writeModel(request.model, request.format);
      scope.postMessage({ id: request.id, type: 'write', bytes }, [bytes.buffer as ArrayBuffer]);
    }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ id: request.id, type: 'error', name: e.name, message: e.message });
  }
};

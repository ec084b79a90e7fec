import { Box3 } from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { AddObjectCommand } from '../../core/commands/AddObjectCommand';
import type { Editor } from '../editor/Editor';
import sampleUrl from '../../../resources/sample/spot.glb?url';

/** Opens the built-in sample scene (Spot the cow) without an undo entry: it is where history starts. */
export async function loadSample(editor: Editor): Promise<void> {
  const response = await fetch(sampleUrl);
  if (!response.ok) throw new Error(`${sampleUrl}: ${response.status} ${response.statusText}`);
  const gltf = await new GLTFLoader().parseAsync(await response.arrayBuffer(), '');
  for (const object of [...gltf.scene.children]) {
    // Stand the cow on the grid rather than through it.
    object.position.y -= new Box3().setFromObject(object).min.y;
    new AddObjectCommand(editor, object).execute();
    editor.select(object);
  }
  editor.history.clear();
}

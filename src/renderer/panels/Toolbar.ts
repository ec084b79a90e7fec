import type { Editor } from '../editor/Editor';
import type { Shading, Viewport } from '../viewport/Viewport';

const SHADINGS: [Shading, string, string][] = [
  ['smooth', 'Smooth', 'Smooth shading with materials'],
  ['flat', 'Flat', 'Flat shading: one normal per face'],
  ['wireframe', 'Wire', 'Shaded with the wireframe on top'],
  ['normals', 'Normals', 'Colour by normal direction'],
];

/** The viewport's display controls in the menubar: shading modes and the "colour by attribute" view. */
export function createToolbar(editor: Editor, viewport: Viewport, frame: () => void): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'toolbar';
  const buttons = new Map<Shading, HTMLButtonElement>();
  const sync = () => {
    for (const [mode, button] of buttons) button.classList.toggle('active', viewport.shading === mode);
  };
  for (const [mode, label, title] of SHADINGS) {
    const button = document.createElement('button');
    button.textContent = label;
    button.title = title;
    button.dataset.shading = mode;
    button.addEventListener('click', () => {
      viewport.shading = mode;
      sync();
    });
    buttons.set(mode, button);
    bar.appendChild(button);
  }
  sync();

  const sep = document.createElement('div');
  sep.className = 'sep';
  bar.appendChild(sep);

  const select = document.createElement('select');
  select.title = 'Colour the meshes by a vertex or face attribute (plugin results)';
  select.dataset.role = 'attribute-view';
  const fill = () => {
    const current = viewport.attribute ?? '';
    const options = [
      { name: '', label: 'Colour: material' },
      ...viewport.viewableAttributes().map((a) => ({ name: a.name, label: `Colour: ${a.label}` })),
    ];
    select.replaceChildren(
      ...options.map((o) => {
        const option = document.createElement('option');
        option.value = o.name;
        option.textContent = o.label;
        return option;
      }),
    );
    select.value = options.some((o) => o.name === current) ? current : '';
    if (select.value !== current) viewport.attribute = null;
  };
  select.addEventListener('change', () => {
    viewport.attribute = select.value || null;
  });
  viewport.onAttributeChange(() => fill());
  editor.signals.sceneGraphChanged.add(fill);
  editor.signals.geometryChanged.add(fill);
  fill();
  bar.appendChild(select);

  const frameButton = document.createElement('button');
  frameButton.textContent = 'Frame';
  frameButton.title = 'Frame selected (F)';
  frameButton.addEventListener('click', frame);
  bar.appendChild(frameButton);
  return bar;
}

import './styles.css';
import { App } from './App';
import { loadSample } from './io/sample';

const app = new App(document);
// For the browser tests and for poking at the editor from the devtools console.
(window as unknown as { homeomorph: App }).homeomorph = app;

loadSample(app.editor)
  .then(() => {
    app.viewport.frameSelected();
    app.status.show('Opened the sample scene: Spot the cow (Keenan Crane, public domain)');
  })
  .catch((error: unknown) => app.status.toast(`Could not open the sample scene: ${error instanceof Error ? error.message : String(error)}`, 'error'));

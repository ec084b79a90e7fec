import './styles.css';
import { ElectronJobHost } from '../hosts/electron/ElectronJobHost';
import { createWebWorkerPool, webPoolSize } from '../hosts/web/WebWorkerPool';
import { operators } from '../plugins/operators';
import { App } from './App';
import { inspectInWorker } from './io/meshStatsWorker';
import { loadSample } from './io/sample';
import { WorkerModelIO } from './io/WorkerModelIO';
import { HostJobRunner } from './jobs/HostJobRunner';
import { createDesktopPlatform, desktopApi } from './platform/desktopPlatform';
import { createWebPlatform } from './platform/webPlatform';

// The desktop window has the preload's API; the web editor does not. Jobs run in utility processes
// on the desktop and in Web Workers on the web; everything else is the same code.
const desktop = desktopApi();
// The desktop's pool has a utility process per core but one (src/hosts/electron/UtilityProcessPool.ts).
const jobs = new HostJobRunner(
  () => (desktop ? new ElectronJobHost(desktop.jobs) : createWebWorkerPool()),
  desktop ? Math.max(1, (navigator.hardwareConcurrency || 2) - 1) : webPoolSize(),
);
const platform = desktop ? createDesktopPlatform(desktop, jobs) : createWebPlatform(jobs);
let app: App | null = null;
const io = new WorkerModelIO(() => app?.viewport.requestRender());
const inspect = inspectInWorker();
app = new App(document, { platform, io, operators, computeStats: (mesh) => inspect(mesh.geometry), inspect });
// For the browser tests and for poking at the editor from the devtools console.
(window as unknown as { homeomorph: App }).homeomorph = app;

async function start(editor: App): Promise<void> {
  if (await editor.offerRecovery()) return;
  await loadSample(editor.editor);
  editor.viewport.frameSelected();
  editor.status.show('Opened the sample scene: Spot the cow (Keenan Crane, public domain)');
}

start(app).catch((error: unknown) =>
  app.status.toast(
    `Could not open the sample scene: ${error instanceof Error ? error.message : String(error)}`,
    'error',
  ),
);

import type { OnnxRuntime } from '../../core/onnx/OnnxRuntime';
import { isNewJobChannelMessage } from '../../core/jobs/protocol';
import { serveJob, type JobRegistry } from '../../core/jobs/serveJob';
import { domPort } from './domPort';

/** The part of a dedicated worker's global scope this needs. */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * The body of a Web Worker job worker: serves each job channel the page's WebWorkerPool sends
 * ({ type: 'homeomorph:job-channel' } with the port transferred) with the jobs of `registry`.
 * `loadOnnx`, if given, is awaited once before the first job (jobs read ctx.onnx synchronously);
 * if it fails, jobs still run and only ctx.onnx throws.
 */
export function serveWebWorker(
  scope: WorkerScope,
  registry: JobRegistry,
  loadOnnx?: () => Promise<OnnxRuntime>,
): void {
  let onnx: Promise<OnnxRuntime | null> | null = null;
  scope.addEventListener('message', (event) => {
    const port = event.ports[0];
    if (!isNewJobChannelMessage(event.data) || !port) return;
    onnx ??= loadOnnx ? loadOnnx().catch(() => null) : Promise.resolve(null);
    void onnx.then((runtime) => serveJob(domPort(port), registry, runtime ? { onnx: () => runtime } : {}));
  });
}

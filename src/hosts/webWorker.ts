// The Web Worker job host (browser / web editor): serves each job channel the page's WebWorkerPool
// sends ({ type: 'homeomorph:job-channel' } with the port transferred) with the plugin jobs.
import { isNewJobChannelMessage } from '../core/jobs/protocol';
import { serveJob } from '../core/jobs/serveJob';
import { jobs } from '../plugins/jobs';
import { createWebOnnxRuntime, type WebOnnxRuntime } from './onnx/webOnnxRuntime';
import { domPort } from './web/domPort';

// onnxruntime-web is loaded and its provider chosen once, before the first job starts (jobs read
// ctx.onnx synchronously). If it cannot load, jobs still run and only ctx.onnx fails.
let onnx: WebOnnxRuntime | null = null;
const onnxReady = (): Promise<WebOnnxRuntime> => createWebOnnxRuntime().then((runtime) => (onnx = runtime));
let onnxLoading: Promise<WebOnnxRuntime> | null = null;

self.addEventListener('message', (event: MessageEvent) => {
  const port = event.ports[0];
  if (!isNewJobChannelMessage(event.data) || !port) return;
  onnxLoading ??= onnxReady();
  void onnxLoading.then(
    () => serveJob(domPort(port), jobs, { onnx: () => onnx as WebOnnxRuntime }),
    () => serveJob(domPort(port), jobs, {}),
  );
});

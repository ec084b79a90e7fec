// The Web Worker job host's entry (web editor): every plugin job, with onnxruntime-web for ctx.onnx
// (WebGPU on a hardware adapter, else wasm). Created by WebWorkerPool as a module worker.
import { jobs } from '../plugins/jobs';
import { createWebOnnxRuntime } from './onnx/webOnnxRuntime';
import { serveWebWorker } from './web/serveWebWorker';

serveWebWorker(self, jobs, createWebOnnxRuntime);
